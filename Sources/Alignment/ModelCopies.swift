import Engine
import FileSafety
import Transformers

// MARK: - The frozen reference (a model copy is `GPT.copied()`, in Transformers)

/// The reference policy π_ref of RLHF: a frozen copy of the SFT model. Every KL penalty and
/// every DPO margin is measured against it, so it must never change — its parameters do not
/// require gradients (no optimizer can move them: `Trainer` and `AdamW` skip frozen tensors),
/// and `fingerprint` lets a test check that nothing else did either.
///
/// Example:
/// ```swift
/// let reference = ReferenceModel(copying: sft)
/// let before = reference.fingerprint
/// // … PPO or DPO steps on `policy` …
/// precondition(reference.fingerprint == before)
/// ```
public final class ReferenceModel {
    /// The frozen copy; use it only inside `Tensor.withoutGradient`.
    public let model: GPT

    public init(copying policy: GPT) {
        model = policy.copied()
        model.setTrainable(false)
        model.isTraining = false
    }

    /// `parameterFingerprint(model)`.
    public var fingerprint: UInt64 { parameterFingerprint(model) }
}

/// A checksum of every parameter's bits (FileSafety's FNV-1a over the Float32 bytes, in name
/// order): equal before and after iff no bit changed, up to a 2⁻⁶⁴ accident.
public func parameterFingerprint(_ layer: any Layer) -> UInt64 {
    var hash = Checksum.fnv1a64Start
    for (_, tensor) in layer.namedParameters() {
        hash = Checksum.fnv1a64(
            UnsafeRawBufferPointer(start: tensor.pointer, count: tensor.count * 4),
            continuing: hash)
    }
    return hash
}
