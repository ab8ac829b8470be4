import Engine
import Testing

@Suite("BLAS runtime")
struct BLASRuntimeTests {
    @Test func prefersAVX512ThenAVX2() {
        #expect(BLASRuntime.preferredKernel(cpuFlags: ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq"]) == "SkylakeX")
        #expect(BLASRuntime.preferredKernel(cpuFlags: ["avx2", "fma", "avx512f"]) == "Haswell")
        #expect(BLASRuntime.preferredKernel(cpuFlags: ["sse2", "avx"]) == nil)
    }

    @Test func reportsAKernelName() {
        #expect(!BLASRuntime.kernelName.isEmpty)
    }
}
