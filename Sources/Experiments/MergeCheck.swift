import Adapters
import Engine
import Transformers

/// What merging a method's update into the weights does to a model's outputs: the largest
/// logit difference merged against unmerged, and after unmerging again (both should be float
/// rounding), on one batch of probe sequences.
public struct MergeCheck {
    public let mergedDifference: Float
    public let unmergedAgainDifference: Float
    /// The largest logit magnitude, the scale the differences are read against.
    public let logitScale: Float

    /// Merges and unmerges `method` in `model` (which ends as it started, up to rounding).
    /// - Parameter probes: equal-length token sequences.
    public init(_ method: any MergeableMethod, in model: GPT, probes: [[Int]]) {
        let ids = probes.flatMap { $0 }
        func logits() -> Tensor { Tensor.withoutGradient { model(ids, batch: probes.count) } }
        func largestDifference(_ a: Tensor, _ b: Tensor) -> Float {
            zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
        }
        let unmerged = logits()
        method.merge(in: model)
        mergedDifference = largestDifference(unmerged, logits())
        method.unmerge(in: model)
        unmergedAgainDifference = largestDifference(unmerged, logits())
        logitScale = unmerged.scalars.map(abs).max() ?? 0
    }
}
