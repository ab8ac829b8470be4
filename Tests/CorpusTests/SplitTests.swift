import Testing

@testable import Corpus

/// The protocol of chapter 5: training, validation and test questions come from different stories.
@Suite struct SplitTests {
    @Test func splitsShareNoStory() {
        let splits = StoryQuestions.splits(training: 120, validation: 60, test: 90, seed: 5) { $0.userText.count < 400 }
        #expect(splits.training.count == 120 && splits.validation.count == 60 && splits.test.count == 90)
        let training = Set(splits.training.map(\.story)), validation = Set(splits.validation.map(\.story))
        let test = Set(splits.test.map(\.story))
        #expect(training.count == 120 && validation.count == 60 && test.count == 90)  // one question per story
        #expect(training.isDisjoint(with: validation) && training.isDisjoint(with: test))
        #expect(validation.isDisjoint(with: test))
        // The same stories regenerated: no excerpt of one split is an excerpt of another.
        let trainingExcerpts = Set(splits.training.map(\.excerpt))
        #expect(trainingExcerpts.isDisjoint(with: splits.test.map(\.excerpt)))
        #expect(trainingExcerpts.isDisjoint(with: splits.validation.map(\.excerpt)))
        // Every kind is asked in every split.
        for split in [splits.training, splits.validation, splits.test] {
            #expect(Set(split.map(\.kind)) == Set(StoryQuestionKind.allCases))
        }
    }

    /// Places and objects are *reading* questions: the answer's words are in the excerpt, even
    /// at the shortest excerpts chapter 5 uses, so a model can copy them rather than guess.
    @Test func copyAnswersAreInTheirExcerpt() {
        let questions = StoryQuestions.examples(count: 200, seed: 9, kinds: [.place, .object]) {
            $0.userText.count < 120
        }
        #expect(questions.count == 200)
        for question in questions {
            #expect(question.answer.hasPrefix("the "))
            #expect(
                question.excerpt.contains(question.answer.dropFirst(4)),
                "\(question.answer) not in \(question.excerpt)")
        }
    }

    @Test func inventedFactsAreFixedAndNew() {
        let facts = InventedFacts.table(count: 200, seed: 11)
        #expect(facts == InventedFacts.table(count: 200, seed: 11))
        #expect(Set(facts.map(\.name)).count == 200)
        #expect(facts.allSatisfy { !StoryWorld.vocabulary.contains($0.name) })
        #expect(facts.allSatisfy { WordClass.place.members.contains($0.place) })
        #expect(InventedFacts.majorityShare(facts) < 0.2)
    }
}
