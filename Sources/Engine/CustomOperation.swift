// MARK: - Differentiable ops defined outside the engine

extension Tensor {
    /// Makes the output of an op defined in another module (e.g. `Quantization`'s
    /// `NF4Linear`, whose weight is not a tensor but packed 4-bit codes): when gradients are
    /// on and an input requires them, records `inputs` and `backward`, exactly as the
    /// engine's own ops do.
    ///
    /// `backward` receives the output's gradient and must ADD into the inputs' gradients
    /// (only those with `requiresGradient`), e.g. through `gradientBufferForOverwrite()`.
    /// It must not capture `output` itself (a reference cycle).
    public static func recordingOperation(output: Tensor, inputs: [Tensor],
                                          backward: @escaping (Tensor) -> Void) -> Tensor {
        recording(output, inputs: inputs, backward: backward)
    }

    /// This tensor's gradient buffer and whether it is new. A new buffer is NOT initialised:
    /// the caller overwrites every element (e.g. sgemm with β = 0); an existing one must be
    /// added into (β = 1). For `recordingOperation`'s backward closures.
    public func gradientBufferForOverwrite() -> (pointer: UnsafeMutablePointer<Float>, isFresh: Bool) {
        gradientForOverwrite()
    }
}
