import Engine
import Foundation
import Testing

@Suite("BLAS runtime")
struct BLASRuntimeTests {
    @Test func prefersAVX512ThenAVX2() {
        #expect(
            BLASRuntime.preferredKernel(cpuFlags: [
                "avx2", "fma", "avx512f", "avx512bw", "avx512vl",
                "avx512dq",
            ]) == "SkylakeX")
        #expect(BLASRuntime.preferredKernel(cpuFlags: ["avx2", "fma", "avx512f"]) == "Haswell")
        #expect(BLASRuntime.preferredKernel(cpuFlags: ["sse2", "avx"]) == nil)
    }

    /// The name is one OpenBLAS really has: not empty, not the "unknown" of a failed query,
    /// not OpenBLAS's own "Unknown" for a kernel table it cannot name; and when the user chose
    /// a kernel with OPENBLAS_CORETYPE, the one chosen.
    @Test func reportsAKernelName() {
        let name = BLASRuntime.kernelName
        #expect(BLASRuntime.knownKernelNames.contains(name), "OpenBLAS reports kernel \(String(reflecting: name))")
        if let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] {
            #expect(name.lowercased() == chosen.lowercased(), "OPENBLAS_CORETYPE=\(chosen) but OpenBLAS runs \(name)")
        }
    }
}
