import Foundation
import Testing

@testable import Transformers

@Suite struct LearningRateSweepTests {
    @Test func logSpacedRates() {
        let rates = LearningRateSweep.logSpaced(from: 1e-3, to: 1e-1, count: 5)
        #expect(rates.count == 5)
        for (rate, expected) in zip(rates, [1e-3, 3.1623e-3, 1e-2, 3.1623e-2, 1e-1] as [Float]) {
            #expect(abs(rate - expected) / expected < 1e-4)
        }
    }

    /// The choice sees only the validation split: the scorer is handed the validation examples
    /// and nothing else, and the chosen rate is the best on them even when another would win on
    /// the test split.
    @Test func choiceReadsOnlyTheValidationSplit() {
        let validation = ["v1", "v2"], test = ["t1", "t2", "t3"]
        var seen: Set<String> = []
        // Pretend scores: rate 1e-2 wins on validation, 1e-3 would win on test.
        func score(_ rate: Float, _ examples: [String]) -> Double {
            seen.formUnion(examples)
            let onValidation: [Float: Double] = [1e-3: 0.2, 1e-2: 0.7, 1e-1: 0.5]
            let onTest: [Float: Double] = [1e-3: 0.9, 1e-2: 0.1, 1e-1: 0.1]
            return examples == test ? onTest[rate] ?? 0 : onValidation[rate] ?? 0
        }
        let choice = LearningRateSweep.choose(candidates: [1e-3, 1e-2, 1e-1], validation: validation, score: score)
        #expect(choice.chosen == 1e-2)
        #expect(choice.scores == [0.2, 0.7, 0.5])
        #expect(seen == Set(validation))
        #expect(seen.isDisjoint(with: test))
    }

    /// A score that peaks at `peak` (log scale): 1 − |log10(rate / peak)|.
    static func peaked(at peak: Float) -> (Float, [String]) -> Double {
        { rate, _ in 1 - abs(Foundation.log10(Double(rate) / Double(peak))) }
    }

    @Test func aBestRateAtTheTopEdgeIsFollowedUntilItHasAWorseNeighbour() {
        let rates = LearningRateSweep.logSpaced(from: 1e-3, to: 1e-1, count: 3)  // 1e-3, 1e-2, 1e-1
        let choice = LearningRateSweep.chooseInside(candidates: rates, validation: ["v"], score: Self.peaked(at: 1))
        // 1e-1 is the edge; 1 is tried and wins; 10 is tried and loses: 1 is inside.
        #expect(choice.candidates.count == 5)
        #expect(abs(choice.chosen - 1) < 1e-5)
        #expect(abs(choice.candidates.last! - 10) < 1e-4)
        #expect(choice.scores.count == choice.candidates.count)
        // `choose` alone would have stopped at the edge.
        #expect(
            LearningRateSweep.choose(candidates: rates, validation: ["v"], score: Self.peaked(at: 1)).chosen == 1e-1)
    }

    @Test func aBestRateAtTheBottomEdgeIsFollowedDownward() {
        let rates = LearningRateSweep.logSpaced(from: 1e-3, to: 1e-1, count: 3)
        let choice = LearningRateSweep.chooseInside(candidates: rates, validation: ["v"], score: Self.peaked(at: 1e-4))
        #expect(abs(choice.chosen - 1e-4) < 1e-9)
        #expect(choice.candidates == choice.candidates.sorted())
        #expect(abs(choice.candidates.first! - 1e-5) < 1e-10)
    }

    @Test func anInteriorBestAddsNothingAndTheStepsAreBounded() {
        let rates = LearningRateSweep.logSpaced(from: 1e-3, to: 1e-1, count: 3)
        let inside = LearningRateSweep.chooseInside(candidates: rates, validation: ["v"], score: Self.peaked(at: 1e-2))
        #expect(inside.candidates == rates && inside.chosen == rates[1])
        // Always better higher: three steps out, then it stops (still at the edge, which the page marks).
        let rising = LearningRateSweep.chooseInside(candidates: rates, validation: ["v"]) { rate, _ in Double(rate) }
        #expect(rising.candidates.count == 6)
        #expect(rising.chosen == rising.candidates.last)
    }

    @Test func tableRoundTrips() throws {
        var table = LearningRateTable(note: "test")
        table.methods["LoRA"] = .init(candidates: [1e-3, 1e-2], scores: [0.4, 0.6], chosen: 1e-2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lr-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try table.write(to: url)
        #expect(try LearningRateTable.read(from: url) == table)
    }
}
