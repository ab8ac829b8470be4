import ArgumentParser
import CBLAS
import Engine
import Foundation

/// `bench matmul`: the engine's matmul against a direct `cblas_sgemm` on preallocated
/// buffers, for square n×n products. The ratio shows the engine's overhead (allocation of
/// the output, shape checks); it should be ≈ 1 from n = 256 on.
struct MatmulBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matmul", abstract: "Engine matmul vs direct cblas_sgemm, GFLOP/s per size.")

    @Option(help: "Comma-separated sizes n (n×n · n×n).")
    var sizes: String = "64,128,256,512,1024"

    func run() throws {
        BLASRuntime.ensureFastKernels()
        var rng = SplitMix64(seed: 1)
        for n in sizes.split(separator: ",").compactMap({ Int($0) }) {
            let a = Tensor.randomNormal(shape: [n, n], rng: &rng)
            let b = Tensor.randomNormal(shape: [n, n], rng: &rng)
            let c = Tensor.zeros([n, n])
            let flops = 2 * Double(n) * Double(n) * Double(n)
            // Aim for ~0.1 s per sample set: enough repetitions that timer noise is small.
            let repetitions = max(3, min(2000, Int(2e8 / flops)))
            let engine = medianSeconds(samples: 7, repetitions: repetitions) {
                Tensor.withoutGradient { _ = a.matmul(b) }
            }
            let direct = medianSeconds(samples: 7, repetitions: repetitions) {
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1,
                    a.pointer, Int32(n), b.pointer, Int32(n), 0, c.pointer, Int32(n))
            }
            let engineGflops = flops / engine / 1e9, directGflops = flops / direct / 1e9
            emitJSONLine([
                "bench": "matmul", "n": .integer(n), "engine_gflops": .number(engineGflops),
                "cblas_gflops": .number(directGflops), "ratio": .number(engineGflops / directGflops),
                "kernel": .string(BLASRuntime.kernelName),
            ])
        }
    }
}

/// The median over `samples` of the mean time per call of `body` run `repetitions` times,
/// after one warm-up call.
func medianSeconds(samples: Int, repetitions: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<samples {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repetitions { body() }
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(repetitions))
    }
    return times.sorted()[samples / 2]
}
