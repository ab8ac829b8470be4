import Engine

// MARK: - A frozen linear layer stored in 4 bits

/// y = x·Wᵀ + b with W held as packed NF4 codes (`FourBitQuantized`), never as Float32:
/// QLoRA's frozen base layer. Each product dequantizes W a tile of rows at a time into one
/// reused buffer and multiplies in Float32 through BLAS, so the layer's memory is the
/// packed weights plus one tile (by default about 64 K Floats), not W.
///
/// Gradients reach the input only: the codes are constants, the bias is frozen. The
/// backward pass dequantizes the tiles again (as bitsandbytes' `MatMul4Bit` does) instead
/// of keeping the Float32 weight alive until then.
///
/// It has the members of a linear layer (`inputDimensions`, `outputDimensions`,
/// `callAsFunction`), so it fills any slot that holds one, and LoRA wraps it as it wraps
/// `Linear`: that pair is QLoRA.
///
/// Example:
/// ```swift
/// let frozen = NF4Linear(quantizing: layer, blockSize: 64, doubleQuantization: true)
/// let y = frozen(x)                        // [..., in] → [..., out]
/// frozen.dequantizedWeight()               // [out, in], what the product used
/// ```
public final class NF4Linear: LinearLayer {
    /// W `[out, in]` in row-major order, quantized.
    public let weight: FourBitQuantized
    /// `[out]`, frozen; or nil.
    public let bias: Tensor?
    /// The size of the input's last axis.
    public let inputDimensions: Int
    /// The size of the output's last axis.
    public let outputDimensions: Int
    /// Rows of W dequantized per tile.
    public let tileRows: Int
    /// The reused tile buffer, `[tileRows, in]`.
    private let tile: TensorStorage

    /// Quantizes `linear`'s weight to NF4 (bitsandbytes' `Linear4bit` with
    /// `quant_type="nf4"`); the bias is copied and frozen.
    ///
    /// - Parameters:
    ///   - linear: the layer to freeze in 4 bits (left unchanged).
    ///   - blockSize: a power of two from 32 to 4096.
    ///   - doubleQuantization: quantize the block constants too (QLoRA's default).
    public convenience init(quantizing linear: Linear, blockSize: Int = 64, doubleQuantization: Bool = true) {
        let quantized = FourBitQuantized(
            quantizing: linear.weight.scalars, type: .nf4, blockSize: blockSize,
            doubleQuantization: doubleQuantization)
        self.init(
            weight: quantized, outputDimensions: linear.outputDimensions,
            inputDimensions: linear.inputDimensions, bias: linear.bias?.detached())
    }

    /// A layer around an already quantized weight (e.g. read from a 4-bit file).
    ///
    /// - Parameters:
    ///   - weight: `outputDimensions × inputDimensions` values, row-major.
    ///   - bias: `[out]` or nil; it is frozen.
    ///   - tileFloats: the tile buffer's size in Floats (rounded to whole rows, at least one).
    public init(
        weight: FourBitQuantized, outputDimensions: Int, inputDimensions: Int, bias: Tensor?,
        tileFloats: Int = 65_536
    ) {
        precondition(
            weight.count == outputDimensions * inputDimensions,
            "\(weight.count) quantized values for a [\(outputDimensions), \(inputDimensions)] weight")
        if let bias {
            precondition(bias.shape == [outputDimensions], "bias \(bias.shape) for \(outputDimensions) outputs")
        }
        self.weight = weight
        self.bias = bias
        bias?.requiresGradient = false
        self.inputDimensions = inputDimensions
        self.outputDimensions = outputDimensions
        tileRows = max(1, min(outputDimensions, tileFloats / max(inputDimensions, 1)))
        tile = TensorStorage(count: tileRows * inputDimensions)
    }

    /// W as a Float32 tensor `[out, in]`: exactly what the products use.
    public func dequantizedWeight() -> Tensor {
        Tensor(shape: [outputDimensions, inputDimensions], scalars: weight.dequantized())
    }

    /// Dequantizes rows `first ..< first + rows` of W into the tile buffer.
    private func loadTile(first: Int, rows: Int) -> UnsafeMutablePointer<Float> {
        weight.dequantize(first * inputDimensions..<(first + rows) * inputDimensions, into: tile.pointer)
        return tile.pointer
    }

    /// `[..., in] → [..., out]`; a single vector `[in]` gives `[out]`.
    // listing: nf4-linear
    public func callAsFunction(_ input: Tensor) -> Tensor {
        // listing: elide
        if input.rank == 1 {
            return callAsFunction(input.reshaped([1, input.shape[0]])).reshaped([outputDimensions])
        }
        // listing: resume
        let (inputs, outputs) = (inputDimensions, outputDimensions)
        precondition(input.shape.last == inputs, "NF4Linear: input \(input.shape) for \(inputs) features")
        let rows = input.count / max(inputs, 1)
        let output = Tensor(
            shape: Array(input.shape.dropLast()) + [outputs],
            storage: TensorStorage(count: rows * outputs))
        let y = output.pointer
        if let bias {
            for row in 0..<rows { (y + row * outputs).update(from: bias.pointer, count: outputs) }
        }
        // y[:, tile] = x · W[tile, :]ᵀ (+ b): [rows, in] · [in, tileRows], written into the
        // tile's columns of y (leading dimension `outputs`).
        for first in stride(from: 0, to: outputs, by: tileRows) where rows > 0 {
            let count = min(tileRows, outputs - first)
            let w = loadTile(first: first, rows: count)
            sgemm(
                transposeA: false, transposeB: true, m: rows, n: count, k: inputs,
                a: input.pointer, leadingA: inputs, b: w, leadingB: inputs, beta: bias == nil ? 0 : 1,
                c: y + first, leadingC: outputs)
        }
        return Tensor.recording(output, inputs: [input]) { [self] gradient in
            guard rows > 0, input.requiresGradient else { return }
            // dx = G · W = Σ_tiles G[:, tile] · W[tile, :]: [rows, tileRows] · [tileRows, in].
            // listing: elide
            let (dx, isFresh) = input.gradientForOverwrite()
            for first in stride(from: 0, to: outputs, by: tileRows) {
                let count = min(tileRows, outputs - first)
                let w = loadTile(first: first, rows: count)
                let beta: Float = (first == 0 && isFresh) ? 0 : 1
                sgemm(
                    transposeA: false, transposeB: false, m: rows, n: inputs, k: count,
                    a: gradient.pointer + first, leadingA: outputs, b: w, leadingB: inputs, beta: beta,
                    c: dx, leadingC: inputs)
            }
            // listing: resume
        }
    }
    // listing: end

    /// The frozen bias, if any (the weight is not a tensor and has no parameter name; see
    /// `weight`).
    public func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        bias.map { [(parameterName(prefix, "bias"), $0)] } ?? []
    }
}
