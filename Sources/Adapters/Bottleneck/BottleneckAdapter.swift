import Engine

// MARK: - Additive: a small bottleneck network after a projection

/// A bottleneck adapter (Houlsby et al. 2019) fused to the layer it follows:
///
///     h = x·Wᵀ + b                      the frozen projection
///     y = h + U·GELU(D·h + d) + u       D: [m, out], U: [out, m], m ≪ out
///
/// Placed after a block's attention output projection and after its MLP's down projection
/// — exactly where Houlsby puts them, before the residual addition. U starts at zero, so the
/// model starts unchanged. Unlike LoRA the extra path is *after* a nonlinearity, so it cannot
/// be merged into W: it costs time at inference.
///
/// Example:
/// ```swift
/// BottleneckAdapter.apply(to: model, bottleneck: 8, rng: &rng)   // 2 adapters per block
/// ```
public final class BottleneckAdapter: LinearLayer {
    /// The frozen projection the adapter follows.
    public let base: any LinearLayer
    /// D, `[m, out]`, and its bias d.
    public let downWeight: Tensor, downBias: Tensor
    /// U, `[out, m]`, zero at the start, and its bias u.
    public let upWeight: Tensor, upBias: Tensor

    public var inputDimensions: Int { base.inputDimensions }
    public var outputDimensions: Int { base.outputDimensions }

    /// Wraps `base` (frozen, tensors shared) with a bottleneck of width `bottleneck`.
    public init(wrapping base: any LinearLayer, bottleneck: Int, rng: inout SplitMix64) {
        precondition(bottleneck >= 1, "bottleneck width must be at least 1")
        let out = base.outputDimensions
        let bound = 1 / Float(out).squareRoot()
        downWeight = Tensor.randomUniform(shape: [bottleneck, out], in: -bound..<bound, rng: &rng)
        downBias = Tensor.zeros([bottleneck])
        upWeight = Tensor.zeros([out, bottleneck])
        upBias = Tensor.zeros([out])
        for tensor in [downWeight, downBias, upWeight, upBias] { tensor.requiresGradient = true }
        self.base = base
        base.setTrainable(false)
    }

    /// `[..., in] → [..., out]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        if input.rank == 1 {
            return callAsFunction(input.reshaped([1, input.shape[0]])).reshaped([outputDimensions])
        }
        let hidden = base(input)  // [..., out]
        let squeezed = (hidden.matmul(downWeight, transposingRight: true) + downBias).gelu()  // [..., m]
        return hidden + squeezed.matmul(upWeight, transposingRight: true) + upBias  // [..., out]
    }

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        base.namedParameters(prefix: prefix) + [
            (parameterName(prefix, "adapter.down.weight"), downWeight),
            (parameterName(prefix, "adapter.down.bias"), downBias),
            (parameterName(prefix, "adapter.up.weight"), upWeight),
            (parameterName(prefix, "adapter.up.bias"), upBias),
        ]
    }

    /// Freezes `model` and puts an adapter after every attention output and MLP down projection.
    /// - Returns: the adapters, by slot name.
    @discardableResult
    public static func apply(to model: any Layer, bottleneck: Int, rng: inout SplitMix64)
        -> [(name: String, layer: BottleneckAdapter)]
    {
        model.setTrainable(false)
        var added: [(name: String, layer: BottleneckAdapter)] = []
        for slot in model.linearSlots()
        where slot.name.hasSuffix("attention.output") || slot.name.hasSuffix("mlp.down") {
            let adapter = BottleneckAdapter(wrapping: slot.layer, bottleneck: bottleneck, rng: &rng)
            slot.replace(with: adapter)
            added.append((slot.name, adapter))
        }
        return added
    }
}
