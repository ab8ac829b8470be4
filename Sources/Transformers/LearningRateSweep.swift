import FileSafety
import Foundation

// MARK: - Choosing a learning rate on the validation split

/// A learning-rate sweep: train at each candidate rate, score each on the *validation*
/// split, keep the best. The test split never enters: `choose` is handed the validation
/// examples and nothing else, so a chosen rate cannot have seen the test.
///
/// Example:
/// ```swift
/// let rates = LearningRateSweep.logSpaced(from: 1e-3, to: 3e-2, count: 4)   // 1e-3, 3.1e-3, 9.7e-3, 3e-2
/// let choice = LearningRateSweep.choose(candidates: rates, validation: validationSet) { rate, examples in
///     accuracy(of: train(at: rate), on: examples)
/// }
/// ```
public enum LearningRateSweep {
    /// `count` rates spaced evenly in log scale from `low` to `high`, both included.
    public static func logSpaced(from low: Float, to high: Float, count: Int) -> [Float] {
        precondition(low > 0 && high > low && count >= 2, "a sweep needs 0 < low < high and at least two rates")
        let step = Foundation.log(Double(high) / Double(low)) / Double(count - 1)
        return (0..<count).map { Float(Double(low) * Foundation.exp(step * Double($0))) }
    }

    /// The candidate with the highest validation score (the first of equals).
    ///
    /// - Parameters:
    ///   - validation: the only examples `score` is given.
    ///   - score: trains at a rate and scores the result on the examples it is handed; higher
    ///     is better. A run that diverged should score `-.infinity`.
    /// - Returns: the chosen rate and every candidate's score, in candidate order.
    public static func choose<Example>(
        candidates: [Float], validation: [Example],
        score: (Float, [Example]) -> Double
    ) -> (chosen: Float, scores: [Double]) {
        precondition(!candidates.isEmpty, "a sweep needs candidates")
        let scores = candidates.map { score($0, validation) }
        var best = 0
        for index in scores.indices where scores[index] > scores[best] { best = index }
        return (candidates[best], scores)
    }
}

extension LearningRateSweep {
    /// `choose`, then, while the best rate is the lowest or the highest one tried, one more rate
    /// a step beyond it (the step of the candidates' own log spacing), at most `extraSteps`
    /// times. A best rate at the edge of the range says only that a better one may lie outside
    /// it; stepping out until the best has a worse neighbour on both sides makes it a choice.
    ///
    /// - Parameters:
    ///   - candidates: at least two rates, ascending, evenly spaced in log scale (`logSpaced`).
    ///   - extraSteps: how many rates may be added beyond the range, in total.
    /// - Returns: every rate tried (ascending), its score, and the chosen rate.
    public static func chooseInside<Example>(
        candidates: [Float], validation: [Example], extraSteps: Int = 3,
        score: (Float, [Example]) -> Double
    ) -> (candidates: [Float], scores: [Double], chosen: Float) {
        precondition(candidates.count >= 2, "stepping beyond a range needs at least two rates")
        var tried = candidates
        var scores = choose(candidates: candidates, validation: validation, score: score).scores
        var added = 0
        while added < extraSteps {
            var best = 0
            for index in scores.indices where scores[index] > scores[best] { best = index }
            if best == 0 {
                let rate = tried[0] / (tried[1] / tried[0])
                tried.insert(rate, at: 0)
                scores.insert(score(rate, validation), at: 0)
            } else if best == tried.count - 1 {
                let rate = tried[best] * (tried[best] / tried[best - 1])
                tried.append(rate)
                scores.append(score(rate, validation))
            } else {
                break
            }
            added += 1
        }
        var best = 0
        for index in scores.indices where scores[index] > scores[best] { best = index }
        return (tried, scores, tried[best])
    }
}

/// The learning rates a sweep chose, per method, as a small JSON file a chapter commits and
/// reads: the default run cites it, `--sweep` rewrites it.
///
/// Example:
/// ```swift
/// var table = LearningRateTable(note: "chosen on the validation split")
/// table.methods["LoRA"] = .init(candidates: [1e-3, 1e-2], scores: [0.4, 0.6], chosen: 1e-2)
/// try table.write(to: url)
/// ```
public struct LearningRateTable: Codable, Sendable, Equatable {
    /// One method's sweep.
    public struct Choice: Codable, Sendable, Equatable {
        public var candidates: [Float]
        /// The validation score of each candidate (the metric is named in `note`).
        public var scores: [Double]
        public var chosen: Float

        public init(candidates: [Float], scores: [Double], chosen: Float) {
            self.candidates = candidates
            self.scores = scores
            self.chosen = chosen
        }
    }

    /// How the scores were measured (split, steps, seed).
    public var note: String
    /// By method name.
    public var methods: [String: Choice] = [:]

    public init(note: String) { self.note = note }

    /// Reads a table written by `write(to:)`.
    /// - Throws: `AtomicFileError`-style one line when the file cannot be read, `MetadataError`
    ///   naming the field when it is not a sane table (`checked(_:file:)`).
    public static func read(from url: URL) throws -> LearningRateTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MetadataError(
                file: url.path, field: "(file)", value: "unreadable",
                reason: FileErrorReason.describing(error))
        }
        return try checked(data, file: url.path)
    }

    /// Writes the table as sorted, indented JSON, atomically.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)  // the one atomic writer
    }
}
