import ArgumentParser
import Engine
import Foundation

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
            emitJSONLine(["bench": "ops", "op": .string(name), "rows": .integer(rows), "columns": .integer(columns),
                          "forward_gb_per_s": .number(forwardBytes / forward / 1e9),
                          "forward_backward_gb_per_s": .number(backwardBytes / both / 1e9),
                          "forward_ms": .number(forward * 1e3), "forward_backward_ms": .number(both * 1e3),
                          "kernel": .string(BLASRuntime.kernelName)])
        }
    }
}
