import Foundation
import Randomness
import Testing

@testable import Corpus

// MARK: - The hidden human: true rewards, Bradley–Terry labels, the ceiling

@Suite struct PreferenceTests {
    let request = StoryRequest(heroName: "Mia", object: StoryObject(adjective: "red", noun: "ball"))
    /// Grammatical, coherent, answers the request, happy, 3 sentences.
    let good = "There was once a shy girl named Mia. Mia had a red ball. In the end, Mia was happy."
    /// One ungrammatical sentence, Mia never introduced, no ball, sad, 2 sentences.
    let bad = "Mia had a the park. In the end, Mia was sad."
    /// The wrong adjective, a repeated sentence, sad, 4 sentences.
    let repetitive =
        "There was once a shy girl named Mia. Mia had a blue ball. Mia had a blue ball. "
        + "In the end, Mia was sad."

    @Test func theRequestReadsAsAUserTurn() {
        #expect(request.userText == "Write a short story about Mia and a red ball.")
    }

    @Test func featuresOfHandWrittenCompletions() {
        let features = StoryFeatures(of: good, for: request)
        #expect(features.sentenceCount == 3)
        #expect(features.grammaticalShare == 1 && features.coherent == 1)
        #expect(features.heroPresent == 1 && features.objectPresent == 1)
        #expect(features.ending == 1 && features.repetition == 0)

        let poor = StoryFeatures(of: bad, for: request)
        #expect(poor.grammaticalShare == 0.5 && poor.coherent == 0)
        #expect(poor.heroPresent == 1 && poor.objectPresent == 0 && poor.ending == -1)

        let repeated = StoryFeatures(of: repetitive, for: request)
        #expect(repeated.objectPresent == 0.5 && repeated.repetition == 0.25 && repeated.coherent == 1)
    }

    @Test func trueRewardOfHandWrittenCompletions() {
        let happy = HumanTaste.happyAndShort, sad = HumanTaste.sadAndLong
        // 2·1 + 1 + 1 + 1 + 1·(+1) + 1·1 − 2·0
        #expect(happy.reward(of: good, for: request) == 7)
        // the same story for the other person: a sad ending wanted, 3 sentences short of 5 by 2 → 1 − 1
        #expect(sad.reward(of: good, for: request) == 4)
        // 2·0.5 + 0 + 1 + 0 − 1 + (2 sentences, 1 short of 3: 0.5)
        #expect(happy.reward(of: bad, for: request) == 1.5)
        // 2 + 1 + 1 + 0.5 − 1 + 1 − 2·0.25
        #expect(happy.reward(of: repetitive, for: request) == 4)
        // nothing at all: only the length term, 3 short of 3…4 → −0.5
        #expect(happy.reward(of: "", for: request) == -0.5)
    }

    @Test func lengthFitIsFlatInsideTheRangeAndFallsOutside() {
        let taste = HumanTaste.happyAndShort  // 3…4
        #expect([1, 2, 3, 4, 5, 6, 9].map { taste.lengthFit(sentenceCount: $0) } == [0, 0.5, 1, 1, 0.5, 0, -1])
    }

    @Test func abridgedWorldStoriesAnswerTheirRequestPerfectly() {
        for (request, story) in StoryRequests.examples(count: 200, seed: 5) {
            let text = story.abridged(toSentences: 4).joined(separator: " ")
            let features = StoryFeatures(of: text, for: request)
            #expect(features.grammaticalShare == 1 && features.coherent == 1, "\(text)")
            #expect(features.heroPresent == 1 && features.objectPresent == 1, "\(text)")
            #expect(features.ending == (story.isHappy ? 1 : -1), "\(text)")
        }
    }

    @Test func labelFrequenciesMatchTheLogisticWithinSamplingError() {
        for temperature in [0.5, 2.0] {
            let human = HiddenHuman(taste: .happyAndShort, temperature: temperature)
            let p = logistic((7.0 - 4.0) / temperature)  // good over repetitive, Δ = 3
            var rng = SplitMix64(seed: 11)
            let draws = 20_000
            var firstChosen = 0
            for _ in 0..<draws {
                let pair = human.label(request: request, first: good, second: repetitive, rng: &rng)
                if pair.chosen == good { firstChosen += 1 }
                #expect(pair.probabilityOfLabel == (pair.chosen == good ? p : 1 - p))
            }
            let frequency = Double(firstChosen) / Double(draws)
            let standardError = (p * (1 - p) / Double(draws)).squareRoot()
            #expect(abs(frequency - p) < 4 * standardError, "τ = \(temperature): \(frequency) vs σ(Δ/τ) = \(p)")
        }
    }

    @Test func labelsAreSeeded() {
        let human = HiddenHuman(taste: .happyAndShort, temperature: 3)
        func labels(seed: UInt64) -> [String] {
            var rng = SplitMix64(seed: seed)
            return (0..<50).map { _ in human.label(request: request, first: good, second: bad, rng: &rng).chosen }
        }
        #expect(labels(seed: 1) == labels(seed: 1))
        #expect(labels(seed: 1) != labels(seed: 2))
    }

    @Test func ceilingOnATinyHandMadeSet() {
        // Δ = 0 → p = ½; Δ = ±ln 3 (τ = 1) → p = ¾ or ¼: max(p, 1 − p) = ½, ¾, ¾; mean ⅔.
        let human = HiddenHuman(taste: .happyAndShort, temperature: 1)
        let ceiling = human.ceilingAccuracy(rewardDifferences: [0, log(3), -log(3)])
        #expect(abs(ceiling - 2.0 / 3.0) < 1e-12)
        // Halving the noise sharpens every pair: τ = ½ doubles Δ/τ → p = 0.9 for |Δ| = ln 3.
        let sharper = HiddenHuman(taste: .happyAndShort, temperature: 0.5)
        #expect(abs(sharper.ceilingAccuracy(rewardDifferences: [log(3), -log(3)]) - 0.9) < 1e-12)
        // From labelled pairs: the same number whichever side was drawn.
        var rng = SplitMix64(seed: 3)
        let pairs = (0..<20).map { _ in human.label(request: request, first: good, second: repetitive, rng: &rng) }
        #expect(abs(human.ceilingAccuracy(of: pairs) - logistic(3)) < 1e-12)
        #expect(pairs.allSatisfy { abs($0.bestAchievableAccuracy - logistic(3)) < 1e-12 })
    }
}
