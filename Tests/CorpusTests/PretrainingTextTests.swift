import Testing

@testable import Corpus

// MARK: - Pretraining text

@Suite struct PretrainingTextTests {
    @Test(arguments: [1_000, 50_000, 400_000])
    func sizeIsCloseToTheRequest(bytes: Int) {
        let text = StoryCorpus.pretrainingText(approximateBytes: bytes, seed: 71)
        #expect(text.utf8.count <= bytes)
        #expect(text.utf8.count > bytes - 1_000, "\(text.utf8.count) bytes for a request of \(bytes)")
    }

    @Test func aTinyRequestStillGivesOneStory() {
        let text = StoryCorpus.pretrainingText(approximateBytes: 10, seed: 71)
        #expect(text == StoryCorpus.stories(count: 1, seed: 71)[0].text)
    }

    @Test func storiesAreSeparatedByBlankLines() {
        let text = StoryCorpus.pretrainingText(approximateBytes: 30_000, seed: 72)
        let pieces = text.split(separator: "\n\n", omittingEmptySubsequences: false).map(String.init)
        let stories = StoryCorpus.stories(count: pieces.count, seed: 72).map(\.text)
        #expect(pieces == stories)
        #expect(!text.hasSuffix("\n") && !text.hasPrefix("\n"))
    }

    @Test func theTextIsDeterministic() {
        #expect(
            StoryCorpus.pretrainingText(approximateBytes: 20_000, seed: 73)
                == StoryCorpus.pretrainingText(approximateBytes: 20_000, seed: 73))
        #expect(
            StoryCorpus.pretrainingText(approximateBytes: 20_000, seed: 73)
                != StoryCorpus.pretrainingText(approximateBytes: 20_000, seed: 74))
    }

    @Test func everySentenceOfTheTextIsGrammatical() {
        let text = StoryCorpus.pretrainingText(approximateBytes: 100_000, seed: 75)
        #expect(StoryWorld.grammaticalShare(of: StoryWorld.sentences(in: text)) == 1)
    }
}
