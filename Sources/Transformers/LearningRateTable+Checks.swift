import FileSafety
import Foundation

// MARK: - A learning-rate table read from a file is untrusted

extension LearningRateTable {
    /// The highest learning rate a table may hold; the book's are 1e-4 to 1e-1.
    public static let maximumRate: Float = 10

    /// Decodes and checks a table's bytes: every rate finite, positive and at most
    /// `maximumRate`, every score finite or −∞ (a diverged run), as many scores as candidates,
    /// the chosen rate among the candidates.
    ///
    /// - Parameter file: names the source in errors.
    /// - Throws: `MetadataError` naming the file and the field (`methods.LoRA.chosen`).
    public static func checked(_ data: Data, file: String) throws -> LearningRateTable {
        let table: LearningRateTable
        do {
            table = try JSONDecoder().decode(LearningRateTable.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw MetadataError(
                file: file, field: field(context.codingPath + [key]), value: "missing",
                reason: "a learning-rate table needs it")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw MetadataError(
                file: file, field: field(context.codingPath), value: "of the wrong type",
                reason: "must be a number (a list of numbers for candidates and scores)")
        } catch {
            throw MetadataError(
                file: file, field: "(file)", value: "not JSON",
                reason: "not a learning-rate table written by LearningRateTable.write")
        }
        for (method, choice) in table.methods.sorted(by: { $0.key < $1.key }) {
            let prefix = "methods.\(method)."
            for (index, rate) in choice.candidates.enumerated() where !isSaneRate(rate) {
                throw MetadataError(
                    file: file, field: prefix + "candidates[\(index)]", value: String(rate),
                    reason: "must be a finite learning rate in (0, \(maximumRate)]")
            }
            guard isSaneRate(choice.chosen), choice.candidates.contains(choice.chosen) else {
                throw MetadataError(
                    file: file, field: prefix + "chosen", value: String(choice.chosen),
                    reason: "must be one of the candidates, a finite rate in (0, \(maximumRate)]")
            }
            guard choice.scores.count == choice.candidates.count else {
                throw MetadataError(
                    file: file, field: prefix + "scores", value: "\(choice.scores.count) scores",
                    reason: "needs one per candidate (\(choice.candidates.count))")
            }
            for (index, score) in choice.scores.enumerated() where !(score.isFinite || score == -.infinity) {
                throw MetadataError(
                    file: file, field: prefix + "scores[\(index)]", value: String(score),
                    reason: "must be finite (or −∞ for a diverged run)")
            }
        }
        return table
    }

    private static func isSaneRate(_ rate: Float) -> Bool { rate.isFinite && rate > 0 && rate <= maximumRate }

    private static func field(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
