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

    @Test func tableRoundTrips() throws {
        var table = LearningRateTable(note: "test")
        table.methods["LoRA"] = .init(candidates: [1e-3, 1e-2], scores: [0.4, 0.6], chosen: 1e-2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lr-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try table.write(to: url)
        #expect(try LearningRateTable.read(from: url) == table)
    }
}
