import Testing

@testable import Corpus

// MARK: - Stories keep their names, pronouns and objects

@Suite struct CoherenceTests {
    @Test func everyGeneratedStoryIsCoherent() {
        for story in StoryCorpus.stories(count: 1_000, seed: 51) {
            #expect(StoryWorld.isCoherent(story.text), "\(story.text)")
        }
    }

    private let opening = "Once upon a time, there was a little girl named Mia. Mia had a red ball."

    @Test func aCoherentHandWrittenStoryPasses() {
        let story = opening + " One day, she went to the park. She lost the ball. In the end, Mia was sad."
        #expect(StoryWorld.isCoherent(story))
    }

    @Test func aNameOfTheWrongKindIsIncoherent() {
        #expect(!StoryWorld.isCoherent("Once upon a time, there was a little boy named Mia."))
    }

    @Test func aPronounOfNobodyIsIncoherent() {
        #expect(!StoryWorld.isCoherent(opening + " One day, he went to the park."))
        #expect(!StoryWorld.isCoherent(opening + " Tom helped him look for it."))
    }

    @Test func aNameNeverIntroducedIsIncoherent() {
        #expect(!StoryWorld.isCoherent(opening + " Tom helped her look for it."))
    }

    @Test func theObjectMustKeepItsNounAndAdjective() {
        #expect(!StoryWorld.isCoherent(opening + " She lost the blue ball."))
        #expect(!StoryWorld.isCoherent(opening + " She lost the kite."))
        #expect(StoryWorld.isCoherent(opening + " She lost the red ball."))
    }

    @Test func emptyTextIsNoStory() {
        #expect(!StoryWorld.isCoherent(""))
        #expect(!StoryWorld.isCoherent("  \n "))
    }
}
