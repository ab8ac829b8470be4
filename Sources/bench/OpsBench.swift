import ArgumentParser
import Engine
import Foundation
import Transformers

/// `bench ops`: throughput of the engine's memory-bound fused kernels (softmax, layer norm,
/// GELU, cross-entropy), forward alone and forward + backward, in GB/s of tensor data
/// touched (inputs read + outputs written; backward counts its gradient traffic too).
struct OpsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops", abstract: "Softmax, layer norm, GELU and cross-entropy throughput in GB/s.")

    @Option(help: "Rows of the benchmark tensors.")
    var rows: Int = 2048
    @Option(help: "Columns (features, or vocabulary for cross-entropy).")
    var columns: Int = 512

    func run() throws {
        BLASRuntime.ensureFastKernels()
        var rng = SplitMix64(seed: 2)
        let x = Tensor.randomNormal(shape: [rows, columns], rng: &rng)
        let weight = Tensor.ones([columns]), bias = Tensor.zeros([columns])
        let targets = (0..<rows).map { _ in rng.nextInt(below: columns) }
        let bytes = Double(rows * columns * 4)

        // (name, forward bytes, forward+backward bytes, the op)
        let ops: [(String, Double, Double, (Tensor) -> Tensor)] = [
            ("softmax", 2 * bytes, 5 * bytes, { $0.softmax(alongAxis: -1) }),
            ("layer_norm", 2 * bytes, 6 * bytes, { $0.layerNorm(weight: weight, bias: bias) }),
            ("gelu", 2 * bytes, 5 * bytes, { $0.gelu() }),
            ("cross_entropy", bytes, 3 * bytes, { Tensor.crossEntropy(logits: $0, targets: targets) }),
        ]
        for (name, forwardBytes, backwardBytes, op) in ops {
            let forward = medianSeconds(samples: 7, repetitions: 10) {
                Tensor.withoutGradient { _ = op(x) }
            }
            x.requiresGradient = true
            let both = medianSeconds(samples: 7, repetitions: 10) {
                let y = op(x)
                y.backward(seed: Tensor.ones(y.shape))
                x.zeroGradient()
            }
            x.requiresGradient = false
            emitJSONLine([
                "bench": "ops", "op": .string(name), "rows": .integer(rows), "columns": .integer(columns),
                "forward_gb_per_s": .number(forwardBytes / forward / 1e9),
                "forward_backward_gb_per_s": .number(backwardBytes / both / 1e9),
                "forward_ms": .number(forward * 1e3), "forward_backward_ms": .number(both * 1e3),
                "kernel": .string(BLASRuntime.kernelName),
            ])
        }
        trainingStep(rng: &rng)
    }

    /// One training step of a 256-wide residual MLP block on 1024 tokens (layer norm →
    /// 256→1024 → GELU → 1024→256 → residual → vocabulary-512 head → cross-entropy →
    /// backward → AdamW): the mix of BLAS and element-wise work a chapter's loop has.
    func trainingStep(rng: inout SplitMix64) {
        let tokens = 1024, width = 256, vocabulary = 512
        let norm = LayerNorm(dimensions: width)
        let mlp = MLP(dimensions: width, rng: &rng)
        let head = Linear(inputDimensions: width, outputDimensions: vocabulary, rng: &rng)
        let input = Tensor.randomNormal(shape: [tokens, width], rng: &rng)
        let targets = (0..<tokens).map { _ in rng.nextInt(below: vocabulary) }
        let optimizer = AdamW(parameters: norm.parameters + mlp.parameters + head.parameters, learningRate: 1e-3)
        let seconds = medianSeconds(samples: 7, repetitions: 5) {
            let hidden = input + mlp(norm(input))
            let loss = Tensor.crossEntropy(logits: head(hidden), targets: targets)
            optimizer.zeroGradient()
            loss.backward()
            optimizer.step()
        }
        // Multiply-adds: 3 products per weight per token (forward, two backward).
        let flops = 3 * 2 * Double(tokens) * Double(2 * width * 4 * width + width * vocabulary)
        emitJSONLine([
            "bench": "ops", "op": "mlp_train_step", "tokens": .integer(tokens), "width": .integer(width),
            "step_ms": .number(seconds * 1e3), "gflops": .number(flops / seconds / 1e9),
            "kernel": .string(BLASRuntime.kernelName),
        ])
    }
}
