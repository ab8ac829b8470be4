import Engine

// MARK: - LoRA: a frozen weight plus a trainable low-rank update

/// How the low-rank path is scaled.
public enum LoRAScaling: String, Sendable, Hashable, Codable {
    /// α/r, Hu et al. 2021: meant to keep the update's size independent of r.
    case standard = "alpha/r"
    /// α/√r, rank-stabilized LoRA (Kalajdzievski 2023): with Adam, B·A grows like √r, so
    /// α/r shrinks a large rank's update by √r too much; α/√r does not.
    case rankStabilized = "alpha/sqrt(r)"

    /// The factor on the low-rank path for `alpha` and `rank`.
    // listing: lora-scale
    public func scale(alpha: Float, rank: Int) -> Float {
        switch self {
        case .standard: alpha / Float(rank)
        case .rankStabilized: alpha / Float(rank).squareRoot()
        }
    }
    // listing: end

    /// "α/r" or "α/√r", for tables.
    public var label: String { self == .standard ? "α/r" : "α/√r" }
}

/// A linear layer whose frozen weight W gets a trainable low-rank update (Hu et al. 2021):
///
///     y = base(x) + (α/r)·(x·Aᵀ)·Bᵀ          A: [r, in], B: [out, r]
///
/// so the layer acts as if its weight were W + (α/r)·B·A, while only r·(in + out) numbers
/// train instead of in·out. A starts Kaiming-uniform (±1/√in, as PEFT's `kaiming_uniform_(a=√5)`;
/// the LoRA paper drew A from a Gaussian) and B at zero, so at the start B·A = 0 and the model
/// is exactly the base model. The scale is α/r (Hu et al.) or α/√r (rank-stabilized LoRA,
/// Kalajdzievski 2023; PEFT's `use_rslora=True`): see `LoRAScaling`.
///
/// It *holds* its base layer, as PEFT's `LoraLayer` holds `base_layer`: any `LinearLayer` —
/// a float `Linear`, or a frozen 4-bit layer, which is QLoRA. The base's parameters keep their
/// names (`….query.weight`); the adapter's own are `….query.loraA` and `….query.loraB`.
///
/// Example:
/// ```swift
/// let slot = model.linearSlots().first { $0.name == "blocks.0.attention.query" }!
/// let lora = LoRALinear(wrapping: slot.layer, rank: 8, alpha: 8, rng: &rng)
/// slot.replace(with: lora)          // the model now trains 8·(in + out) numbers here
/// lora.merge()                      // W ← W + (α/r)·B·A: no extra cost at inference
/// ```
public final class LoRALinear: LinearLayer {
    /// The frozen layer being adapted.
    public let base: any LinearLayer
    /// A, `[rank, in]`: projects the input down to r numbers.
    public let loraA: Tensor
    /// B, `[out, rank]`: projects them back up; zero at the start.
    public let loraB: Tensor
    /// r.
    public let rank: Int
    /// α; the update is scaled by α/r or α/√r (`scaling`).
    public let alpha: Float
    /// How α and r make the factor on the low-rank path.
    public let scaling: LoRAScaling
    /// The probability of dropping an input feature on the low-rank path while training.
    public let dropoutProbability: Float
    /// Whether (α/r)·B·A is currently folded into the base's weight.
    public private(set) var isMerged = false
    private var dropoutRNG: SplitMix64

    /// α/r (or α/√r), the factor on the low-rank path.
    public var scale: Float { scaling.scale(alpha: alpha, rank: rank) }
    public var inputDimensions: Int { base.inputDimensions }
    public var outputDimensions: Int { base.outputDimensions }

    /// Wraps `base`, sharing its tensors and freezing them.
    ///
    /// - Parameters:
    ///   - base: the layer to adapt; its tensors are reused, not copied.
    ///   - rank: r ≥ 1, the rank of the update.
    ///   - alpha: α; PEFT's default `lora_alpha=8` with r = 8 gives a scale of 1.
    ///   - scaling: α/r (the default, as PEFT) or α/√r.
    ///   - dropout: dropout on the input of the low-rank path while training (PEFT's `lora_dropout`).
    ///   - rng: initialises A and seeds the dropout masks.
    public init(
        wrapping base: any LinearLayer, rank: Int, alpha: Float, scaling: LoRAScaling = .standard,
        dropout: Float = 0, rng: inout SplitMix64
    ) {
        precondition(rank >= 1, "LoRA rank must be at least 1, got \(rank)")
        precondition(dropout >= 0 && dropout < 1, "LoRA dropout \(dropout) not in [0, 1)")
        precondition(!(base is LoRALinear), "this layer already has a LoRA adapter")
        // listing: lora-init
        let bound = 1 / Float(base.inputDimensions).squareRoot()
        loraA = Tensor.randomUniform(shape: [rank, base.inputDimensions], in: -bound..<bound, rng: &rng)
        loraB = Tensor.zeros([base.outputDimensions, rank])
        loraA.requiresGradient = true
        loraB.requiresGradient = true
        self.base = base
        self.rank = rank
        self.alpha = alpha
        self.scaling = scaling
        dropoutProbability = dropout
        dropoutRNG = SplitMix64(seed: rng.next())
        base.setTrainable(false)
        // listing: end
    }

    // MARK: - Forward

    /// `[..., in] → [..., out]`: the frozen map plus the scaled low-rank path.
    // listing: lora-forward
    public func callAsFunction(_ input: Tensor) -> Tensor {
        // listing: elide
        if input.rank == 1 {
            return callAsFunction(input.reshaped([1, input.shape[0]])).reshaped([outputDimensions])
        }
        // listing: resume
        let frozen = base(input)
        if isMerged { return frozen }  // the update is inside W already
        var lowRankInput = input
        if dropoutProbability > 0, Tensor.gradientsAreEnabled {
            lowRankInput = input.dropout(probability: dropoutProbability, training: true, rng: &dropoutRNG)
        }
        // Scale the r-wide middle, not the out-wide result: the same product, one [..., out]
        // tensor fewer to hold for the backward pass (and to write and read).
        // [..., in]·[in, r] → [..., r], scaled by α/r
        let down = lowRankInput.matmul(loraA, transposingRight: true).scaled(by: scale)
        let up = down.matmul(loraB, transposingRight: true)  // [..., r]·[r, out] → [..., out]
        return frozen + up
    }
    // listing: end

    // MARK: - Merging

    /// ΔW = (α/r)·B·A, `[out, in]`, detached.
    // listing: lora-merge
    public func weightUpdate() -> Tensor {
        Tensor.withoutGradient { loraB.matmul(loraA).scaled(by: scale) }  // [out, r]·[r, in]
    }

    // listing: elide
    /// The float base whose weight a merge changes. Merging into a quantized base would
    /// round the update away; dequantize it into a `Linear` first (chapter 6).
    private var floatBase: Linear {
        guard let linear = base as? Linear else {
            preconditionFailure("merging needs a float base layer, not \(type(of: base)); dequantize it first")
        }
        return linear
    }
    // listing: resume

    /// Folds the update into the weight, W ← W + (α/r)·B·A, so a forward pass costs exactly
    /// what the base layer's does.
    public func merge() {
        guard !isMerged else { return }
        addToWeight(weightUpdate(), sign: 1)
        isMerged = true
    }

    /// Takes the update back out of the weight, W ← W − (α/r)·B·A (up to rounding).
    public func unmerge() {
        guard isMerged else { return }
        addToWeight(weightUpdate(), sign: -1)
        isMerged = false
    }
    // listing: end

    /// A plain `Linear` with the update folded in (new tensors; this layer is unchanged):
    /// what you ship when you no longer need to switch adapters.
    public func fused() -> Linear {
        let base = floatBase
        let fusedWeight = Tensor(shape: base.weight.shape, scalars: base.weight.scalars)
        if !isMerged {
            let update = weightUpdate()
            for index in 0..<fusedWeight.count { fusedWeight.pointer[index] += update.pointer[index] }
        }
        let fusedBias = base.bias.map { Tensor(shape: $0.shape, scalars: $0.scalars) }
        return Linear(weight: fusedWeight, bias: fusedBias)
    }

    /// The base layer without the adapter (unmerged first).
    public func unwrapped() -> any LinearLayer {
        unmerge()
        return base
    }

    private func addToWeight(_ update: Tensor, sign: Float) {
        let weight = floatBase.weight
        let target = weight.pointer, source = update.pointer
        for index in 0..<weight.count { target[index] += sign * source[index] }
    }

    // MARK: - Parameters

    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        base.namedParameters(prefix: prefix)
            + [(parameterName(prefix, "loraA"), loraA), (parameterName(prefix, "loraB"), loraB)]
    }
}
