import Testing

@testable import Corpus

// MARK: - The generator: seeded, varied, complete

@Suite struct GeneratorTests {
    @Test func sameSeedGivesTheSameStories() {
        let first = StoryCorpus.stories(count: 50, seed: 11)
        let second = StoryCorpus.stories(count: 50, seed: 11)
        #expect(first == second)
    }

    @Test func differentSeedsGiveDifferentStories() {
        let first = StoryCorpus.stories(count: 20, seed: 11).map(\.text)
        let second = StoryCorpus.stories(count: 20, seed: 12).map(\.text)
        #expect(first != second)
        // Not just a different order: most stories differ.
        #expect(Set(first).intersection(second).count < 5)
    }

    @Test func aGeneratorContinuesTheStreamOfItsSeed() {
        var generator = StoryGenerator(seed: 5)
        let streamed = (0..<10).map { _ in generator.nextStory() }
        #expect(streamed == StoryCorpus.stories(count: 10, seed: 5))
    }

    @Test func everyShapeAndBothEndingsOccur() {
        let stories = StoryCorpus.stories(count: 500, seed: 3)
        for shape in StoryShape.allCases {
            for ending in StoryEnding.allCases {
                #expect(
                    stories.contains { $0.shape == shape && $0.ending == ending },
                    "no \(ending) \(shape) story in 500")
            }
        }
    }

    @Test func shapesAndEndingsAreRoughlyBalanced() {
        let stories = StoryCorpus.stories(count: 2_000, seed: 4)
        for shape in StoryShape.allCases {
            let share = Double(stories.filter { $0.shape == shape }.count) / 2_000
            #expect(abs(share - 0.2) < 0.04, "\(shape) is \(share) of the stories")
        }
        let happyShare = Double(stories.filter(\.isHappy).count) / 2_000
        #expect(abs(happyShare - 0.5) < 0.04)
    }

    @Test func storiesThatNeedAFriendHaveOne() {
        let stories = StoryCorpus.stories(count: 500, seed: 6)
        for story in stories where [.trip, .sharing, .friendHelps].contains(story.shape) {
            #expect(story.friend != nil)
        }
        #expect(stories.contains { $0.friend == nil }, "some stories have no friend")
        for story in stories {
            #expect(story.friend?.name != story.hero.name, "hero and friend share a name")
        }
    }

    @Test func aGeneratedCorpusUsesAtLeast150DistinctWords() {
        let text = StoryCorpus.pretrainingText(approximateBytes: 300_000, seed: 8)
        let words = Set(SentenceTokens.split(text).filter { $0.first!.isLetter }.map { $0.lowercased() })
        #expect(words.count >= 150, "only \(words.count) distinct words")
        #expect(StoryWorld.vocabulary.count >= 150)
    }

    @Test func everyGeneratedWordIsInTheVocabulary() {
        let lowered = Set(StoryWorld.vocabulary.map { $0.lowercased() })
        let text = StoryCorpus.pretrainingText(approximateBytes: 200_000, seed: 9)
        for word in Set(SentenceTokens.split(text)) where word.first!.isLetter {
            #expect(lowered.contains(word.lowercased()), "\(word) is not in the vocabulary")
        }
    }

    @Test func storiesHaveABeginningAMiddleAndAnEnding() {
        for story in StoryCorpus.stories(count: 300, seed: 10) {
            #expect(story.sentences.count >= 7, "\(story.text)")
            #expect(story.sentences.count <= 16, "\(story.text)")
            #expect(story.sentences.last!.hasPrefix("In the end, \(story.heroName) was"))
        }
    }
}
