import Notebook

/// LoRA's two scalings side by side, rank by rank: α/√r at each rank's own chosen rate, and α/r
/// at that same rate (a scale √r times smaller). At r = 1 the two are one run.
public struct ScalingComparison {
    public let table: Table
    /// "at r = 64, α/r falls short of α/√r", for each rank run both ways.
    public let verdicts: [String]
    /// Each rank run both ways and the verb its intervals chose for α/r against α/√r.
    let comparisons: [(name: String, verb: String)]

    /// - Parameters:
    ///   - rootScaled: the α/√r run of each rank, in rank order; `linearScaled`: the α/r runs.
    public init(
        alpha: Float, rootScaled: [(rank: Int, measured: MeasuredMethod)],
        linearScaled: [Int: MeasuredMethod]
    ) {
        var table = Table([
            "rank", "learning rate", "scale α/√r", "recall with α/√r", "scale α/r", "recall with α/r",
            "α/r against α/√r",
        ])
        var verdicts: [String] = []
        var comparisons: [(name: String, verb: String)] = []
        for (rank, root) in rootScaled {
            let linear = rank == 1 ? root : linearScaled[rank]  // r = 1: the two scalings are the same
            let verb = linear.map { Comparison.verb($0.accuracy, root.accuracy) }
            if rank != 1, let verb {
                verdicts.append("at r = \(rank), α/r \(verb) α/√r")
                comparisons.append((name: "r = \(rank)", verb: verb))
            }
            table.append([
                "\(rank)", Format.significant(Double(root.rate), 2),
                Format.fixed(Double(alpha) / Double(rank).squareRoot(), 3), Format.percent(root.accuracy),
                Format.fixed(Double(alpha) / Double(rank), 3),
                linear.map { Format.percent($0.accuracy) } ?? "not run",
                rank == 1 ? "the same run" : verb ?? "—",
            ])
        }
        self.table = table
        self.verdicts = verdicts
        self.comparisons = comparisons
    }

    /// The sentence after the table: "at r = 64, α/r falls short of α/√r"; ranks that share a
    /// verb are grouped (`StandingWords`: "at every rank run both ways, …"), never more than three named.
    public var summary: String {
        guard !comparisons.isEmpty else { return "no rank was run with both scalings" }
        let ranks = StandingWords.Noun(one: "rank run both ways", many: "ranks run both ways", sameKindAsSubject: false)
        return StandingWords.parts(of: comparisons, noun: ranks).map { "at \($0.words), α/r \($0.verb) α/√r" }
            .joined(separator: "; ")
    }
}
