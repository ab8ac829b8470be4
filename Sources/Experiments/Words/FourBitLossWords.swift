import Notebook

/// What chapter 6 says about the 4-bit formats' validation losses: their order against the
/// QLoRA paper's (Int4 last, NF4 first) and how far apart the best two are.
public struct FourBitLossWords {
    /// The 4-bit formats' losses, best first.
    public let ranked: [(name: String, loss: Double)]
    public let floatLoss: Double

    public init(fourBit: [(name: String, loss: Double)], floatLoss: Double) {
        ranked = fourBit.sorted { $0.loss < $1.loss }
        self.floatLoss = floatLoss
    }

    public var ranking: [String] { ranked.map(\.name) }

    /// "Int4 (absmax) has the lowest validation loss and FP4 the highest": the two ends of the
    /// ranking, so the sentence names two formats rather than listing them all.
    public var ends: String {
        guard let best = ranked.first?.name, let worst = ranked.last?.name, ranked.count > 1 else {
            return "\(ranked.first?.name ?? "no format") is the only 4-bit format measured"
        }
        return "\(best) has the lowest validation loss and \(worst) the highest"
    }

    /// Whether the ends are the paper's: Int4 last, an NF4 variant first.
    public var order: String {
        ranking.last == "Int4 (absmax)" && ranking.first?.hasPrefix("NF4") == true
            ? "the same order at the ends: Int4 last, NF4 first"
            : "not the paper's order at the ends (Int4 last, NF4 first)"
    }

    /// The gap between the best two beside the largest cost of 4 bits. A gap under a fifth of
    /// that cost is called a tie (this measurement has no interval to choose the word from).
    public var spread: String {
        let largestCost = (ranked.last?.loss ?? floatLoss) - floatLoss
        let gap = ranked.count > 1 ? ranked[1].loss - ranked[0].loss : 0
        let tie = gap < 0.2 * max(largestCost, 1e-9)
        return "The best two, \(ranked.first?.name ?? "—") and \(ranked.count > 1 ? ranked[1].name : "—"), differ by "
            + "\(Format.fixed(gap, 4)) nats — "
            + (tie ? "a tie on a model this small, where 4 bits cost at most " : "a real gap beside the ")
            + "\(Format.fixed(largestCost, 4)) nats"
            + (tie
                ? "; the weight error of figure 6.2 separates the formats more clearly." : " that 4 bits cost at most.")
    }
}
