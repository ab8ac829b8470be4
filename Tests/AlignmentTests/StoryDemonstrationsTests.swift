import Alignment
import Corpus
import Testing
import Tokenization

@Suite struct StoryDemonstrationsTests {
    @Test func demonstrationsFitTheContextAndAreDeterministic() throws {
        let chat = try #require(ChatFormat(tokenizer: BytePairTokenizer(merges: [])))
        let roomy = chat.storyDemonstrations(count: 12, seed: 3, contextLength: 10_000)
        #expect(roomy.count == 12)
        #expect(roomy == chat.storyDemonstrations(count: 12, seed: 3, contextLength: 10_000))
        // A tight context keeps only what fits, and never more than asked for.
        let tight = chat.storyDemonstrations(count: 12, seed: 3, contextLength: 200)
        #expect(tight.count < 12 && tight.allSatisfy { $0.tokens.count <= 200 })
    }

    @Test func theExampleStoryEndsSadlyAndHasAtMostSixSentences() {
        let (request, text) = StoryRequests.sadExample(seed: 7)
        let features = StoryFeatures(of: text, for: request)
        #expect(features.ending < 0)
        #expect(features.sentenceCount <= 6)
    }
}

@Suite struct TasteFormulaTests {
    @Test func formulaPrintsTheWeightsAndLargestRewardSumsTheReachableTerms() {
        let taste = HumanTaste.happyAndShort
        #expect(
            taste.formula == "r = 2·(grammatical share) + 1·coherent + 1·character + 1·object + 1·ending + "
                + "1·length − 2·(repeated share)")
        #expect(taste.largestReward == 7)
        // A taste for sad endings gains |ending weight| from the sad ending it likes.
        #expect(HumanTaste.sadAndLong.largestReward == 7)
        #expect(HumanTaste(grammarWeight: 3, endingWeight: -2, preferredSentences: 1...2).largestReward == 9)
    }
}
