// MARK: - What cutting a model's weights to rank k did, in words chosen from the losses

/// Chapter 4's compression run read for its page: every block matrix cut to rank k, the
/// validation loss at each k. Two references need no threshold of the book's own: the full
/// model's loss, and a uniform guess over the vocabulary (ln V), which a model worse than it
/// has lost everything it learned and more.
public struct CompressionWords: Sendable {
    /// (rank, validation loss) in ascending rank.
    public let points: [(rank: Int, loss: Double)]
    /// The uncompressed model's validation loss.
    public let fullLoss: Double
    /// ln V, the loss of a uniform guess.
    public let uniformLoss: Double

    public init(points: [(rank: Int, loss: Double)], fullLoss: Double, uniformLoss: Double) {
        precondition(!points.isEmpty, "no compression points")
        self.points = points
        self.fullLoss = fullLoss
        self.uniformLoss = uniformLoss
    }

    /// The ranks whose model does worse than a uniform guess.
    public var ranksWorseThanUniform: [Int] { points.filter { $0.loss > uniformLoss }.map(\.rank) }

    /// The point at the first rank of at least `rank` (e.g. a quarter of the width).
    public func point(atLeast rank: Int) -> (rank: Int, loss: Double)? { points.first { $0.rank >= rank } }

    /// What the directions beyond `rank` add: the loss at that rank minus the full model's.
    public func lossAdded(beyond rank: Int) -> Double? { point(atLeast: rank).map { $0.loss - fullLoss } }

    /// The caption of the rank-against-loss figure.
    public func caption(quarterOfWidth: Int, width: Int) -> String {
        var parts: [String] = []
        if let worst = ranksWorseThanUniform.last {
            parts.append("Cut to rank \(worst) or less, the model does worse than a uniform guess (the ln V line)")
        } else {
            parts.append("At every rank tried the model does better than a uniform guess (the ln V line)")
        }
        if let beyond = point(atLeast: quarterOfWidth), let added = lossAdded(beyond: quarterOfWidth),
            beyond.rank < width
        {
            let change = added >= 0 ? "lower the loss by" : "raise the loss by"
            parts.append(
                "the directions beyond rank \(beyond.rank) \(change) \(format(abs(added))) nats in all")
        }
        return parts.joined(separator: "; ") + "."
    }

    func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
