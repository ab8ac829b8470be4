import ArgumentParser
import Engine
import Foundation
import Quantization

/// `bench nf4`: NF4 quantize and dequantize throughput (values per second, with and without
/// double quantization), and one `NF4Linear` training step (forward + backward to the input)
/// against a float `Linear` step on the same input. The like-for-like baseline is a frozen
/// `Linear` (gradient to the input only, as QLoRA's base layers); a trainable one (also the
/// weight gradient) is reported beside it. Issue 11's target: the 4-bit step ≤ 1.3× the float step.
struct NF4Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nf4", abstract: "NF4 quantize/dequantize values/s; NF4Linear step vs Linear step.")

    @Option(help: "Values quantized per measurement.")
    var values: Int = 1 << 22
    @Option(help: "Input and output width of the layers.")
    var width: Int = 512
    @Option(help: "Tokens (rows) per step.")
    var tokens: Int = 1024

    func run() throws {
        BLASRuntime.ensureFastKernels()
        var rng = SplitMix64(seed: 3)
        let data = (0..<values).map { _ in rng.nextNormal() * 0.02 }
        for doubleQuantization in [false, true] {
            var quantized = FourBitQuantized(quantizing: data, doubleQuantization: doubleQuantization)
            let quantize = medianSeconds(samples: 5, repetitions: 1) {
                quantized = FourBitQuantized(quantizing: data, doubleQuantization: doubleQuantization)
            }
            var output = [Float](repeating: 0, count: values)
            let dequantize = medianSeconds(samples: 5, repetitions: 3) {
                output.withUnsafeMutableBufferPointer { quantized.dequantize(0..<values, into: $0.baseAddress!) }
            }
            emitJSONLine([
                "bench": "nf4", "what": "quantize", "values": .integer(values), "block": 64,
                "double_quant": .string(String(doubleQuantization)),
                "quantize_values_per_s": .number(Double(values) / quantize),
                "dequantize_values_per_s": .number(Double(values) / dequantize),
                "bits_per_parameter": .number(quantized.bitsPerParameter),
            ])
        }
        layerStep(rng: &rng)
    }

    /// Forward + backward to the input, for NF4Linear and a float Linear of the same width.
    /// The three steps are timed in turn within each sample (interleaved, so load from other
    /// processes on a shared machine hits all three alike); the ratio is the median of the
    /// per-sample ratios.
    func layerStep(rng: inout SplitMix64) {
        let linear = Linear(inputDimensions: width, outputDimensions: width, rng: &rng)
        let frozenFloat = Linear(weight: linear.weight.detached(), bias: linear.bias?.detached())
        let nf4 = NF4Linear(quantizing: linear, blockSize: 64, doubleQuantization: true)
        let x = Tensor.randomNormal(shape: [tokens, width], rng: &rng)
        x.requiresGradient = true
        let seed = Tensor.randomNormal(shape: [tokens, width], rng: &rng)
        func seconds(_ layer: (Tensor) -> Tensor) -> Double {
            medianSeconds(samples: 1, repetitions: 10) {
                layer(x).backward(seed: seed)
                x.zeroGradient()
                linear.zeroGradient()
            }
        }
        var times: [(nf4: Double, frozen: Double, trainable: Double)] = []
        for _ in 0..<15 {
            times.append((seconds { nf4($0) }, seconds { frozenFloat($0) }, seconds { linear($0) }))
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let nf4Time = median(times.map(\.nf4)), frozen = median(times.map(\.frozen))
        let trainable = median(times.map(\.trainable))
        emitJSONLine([
            "bench": "nf4", "what": "layer_step", "width": .integer(width), "tokens": .integer(tokens),
            "nf4_step_ms": .number(nf4Time * 1e3), "float_frozen_step_ms": .number(frozen * 1e3),
            "float_trainable_step_ms": .number(trainable * 1e3),
            "ratio_vs_frozen": .number(median(times.map { $0.nf4 / $0.frozen })),
            "ratio_vs_trainable": .number(median(times.map { $0.nf4 / $0.trainable })),
            "tile_rows": .integer(nf4.tileRows), "kernel": .string(BLASRuntime.kernelName),
        ])
    }
}
