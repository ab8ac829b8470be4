import Adapters
import Notebook
import Transformers

/// The methods an experiment tunes, each with its candidate learning rates, and the table
/// their chosen rates live in. Entries the table lacks are swept on the validation split
/// (`FineTuningExperiment.sweep`), so adding a method to a chapter gives it its own rate.
@MainActor
public struct SweepPlan {
    public struct Entry {
        public let experiment: FineTuningExperiment
        public let method: any FineTuningMethod
        public let candidates: [Float]
        public init(_ experiment: FineTuningExperiment, _ method: any FineTuningMethod, _ candidates: [Float]) {
            self.experiment = experiment
            self.method = method
            self.candidates = candidates
        }
        public var key: RateKey { RateKey(task: experiment.task.name, method: method.id) }
        public var label: String { "\(experiment.task.name): \(method.name)" }
    }

    public let entries: [Entry]
    public init(_ entries: [Entry]) { self.entries = entries }

    /// The entries `table` has no rate for.
    public func missing(from table: LearningRateTable) -> [Entry] { entries.filter { table[$0.key] == nil } }

    /// Sweeps every entry `table` lacks with `seed`, stores the choices in it, and returns the
    /// table of what was tried (empty when nothing was missing).
    /// - Parameter perRun: each run's entry and validation outcome, to print what it learned.
    public func sweepMissing(
        into table: inout LearningRateTable, seed: UInt64,
        perRun: (Entry, FineTuningOutcome) -> Void = { _, _ in }
    ) -> Table {
        var tried = Table(["task", "method", "rates tried", "validation score of each", "chosen"])
        for entry in missing(from: table) {
            let choice = entry.experiment.sweep(entry.method, candidates: entry.candidates, seed: seed) {
                perRun(entry, $0)
            }
            table[entry.key] = choice
            tried.append(Self.row(entry, choice, marksEdge: false))
        }
        return tried
    }

    /// The chosen rates of every entry, marking those chosen at an edge of their range.
    public func listing(of table: LearningRateTable) -> (table: Table, atEdge: [String], fewestCandidates: Int) {
        var listing = Table(["task", "method", "rates tried", "validation score", "chosen"])
        var edges: [String] = []
        for entry in entries {
            guard let choice = table[entry.key] else { continue }
            if Self.isAtEdge(choice) { edges.append(entry.label) }
            listing.append(Self.row(entry, choice, marksEdge: true))
        }
        let fewest = entries.compactMap { table[$0.key]?.candidates.count }.min() ?? 0
        return (listing, edges, fewest)
    }

    /// Whether the chosen rate is the lowest or the highest candidate (a better one may lie outside).
    public static func isAtEdge(_ choice: LearningRateTable.Choice) -> Bool {
        choice.chosen == choice.candidates.first || choice.chosen == choice.candidates.last
    }

    private static func row(_ entry: Entry, _ choice: LearningRateTable.Choice, marksEdge: Bool) -> [String] {
        [
            entry.experiment.task.name, entry.method.name,
            choice.candidates.map { Format.significant(Double($0), 2) }.joined(separator: ", "),
            choice.scores.map { Format.fixed($0, 3) }.joined(separator: ", "),
            Format.significant(Double(choice.chosen), 2) + (marksEdge && isAtEdge(choice) ? " (edge)" : ""),
        ]
    }
}
