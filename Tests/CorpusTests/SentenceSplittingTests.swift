import Testing

@testable import Corpus

// MARK: - Text into sentences

@Suite struct SentenceSplittingTests {
    @Test func splitsAtFinalMarks() {
        #expect(StoryWorld.sentences(in: "Tom ran. He fell! Was he sad?") == ["Tom ran.", "He fell!", "Was he sad?"])
    }

    @Test func aClosingQuoteStaysWithItsSentence() {
        let text = #"Mia said, "Help!" Tom came. Tom asked, "Can I help you?" Mia smiled."#
        #expect(
            StoryWorld.sentences(in: text) == [
                #"Mia said, "Help!""#, "Tom came.", #"Tom asked, "Can I help you?""#, "Mia smiled.",
            ])
    }

    @Test func lineBreaksEndSentences() {
        #expect(StoryWorld.sentences(in: "Mia had a red ball\n\nTom ran.") == ["Mia had a red ball", "Tom ran."])
    }

    @Test func anUnfinishedTailCanBeKeptOrDropped() {
        let text = "Tom ran. He went to the"
        #expect(StoryWorld.sentences(in: text) == ["Tom ran.", "He went to the"])
        #expect(StoryWorld.sentences(in: text, keepingUnfinishedTail: false) == ["Tom ran."])
    }

    @Test func emptyAndBlankTextHaveNoSentences() {
        #expect(StoryWorld.sentences(in: "").isEmpty)
        #expect(StoryWorld.sentences(in: "  \n\n ").isEmpty)
    }

    @Test func splittingAStoryGivesBackItsSentences() {
        for story in StoryCorpus.stories(count: 500, seed: 61) {
            #expect(StoryWorld.sentences(in: story.text) == story.sentences)
        }
    }

    @Test func grammaticalShareCountsAcceptedSentences() {
        #expect(StoryWorld.grammaticalShare(of: ["Mia had a red ball.", "Mia had a the park."]) == 0.5)
        #expect(StoryWorld.grammaticalShare(of: []) == 0)
    }
}
