import Notebook

/// LoRA's two scalings side by side, rank by rank: α/√r at each rank's own chosen rate, and α/r
/// at that same rate (a scale √r times smaller). At r = 1 the two are one run.
public struct ScalingComparison {
    public let table: Table
    /// "at r = 64, α/r falls short of α/√r", for each rank run both ways.
    public let verdicts: [String]

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
        for (rank, root) in rootScaled {
            let linear = rank == 1 ? root : linearScaled[rank]  // r = 1: the two scalings are the same
            let verb = linear.map { Comparison.verb($0.accuracy, root.accuracy) }
            if rank != 1, let verb { verdicts.append("at r = \(rank), α/r \(verb) α/√r") }
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
    }

    /// The sentence after the table.
    public var summary: String {
        verdicts.isEmpty ? "no rank was run with both scalings" : verdicts.joined(separator: "; ")
    }
}
