import Testing
import Transformers

/// The memory formulas against numbers worked out by hand.
@Suite struct MemoryAccountTests {
    @Test func loadingOneBillionParameters() {
        #expect(MemoryAccount.loadBytes(parameters: 1e9, precision: .fp32) == 4e9)  // the article's 4 GB
        #expect(MemoryAccount.loadBytes(parameters: 7e9, precision: .fp16) == 14e9)
        // NF4 stores a 32-bit absmax per 64 weights: 4.5 bits; double quantization ≈ 4.127.
        #expect(MemoryAccount.loadBytes(parameters: 8e9, precision: .nf4) == 4.5e9)
        #expect(abs(MemoryAccount.Precision.nf4DoubleQuantized.bytesPerParameter * 8 - 4.127) < 1e-3)
        #expect(MemoryAccount.loadBytes(parameters: 70e9, precision: .int8) == 70e9)
    }

    @Test func trainingWithAdamIsFourTimesLoading() {
        #expect(MemoryAccount.adamTrainingBytes(parameters: 1e9) == 16e9)
        #expect(MemoryAccount.adamTrainingBytes(parameters: 7e9) == 112e9)
        #expect(
            MemoryAccount.adamTrainingBytes(parameters: 1)
                == 4 * MemoryAccount.loadBytes(parameters: 1, precision: .fp32))
    }

    @Test func activationsFollowKorthikanti() {
        // GPT-2 small-like layer: s = 1024, b = 1, h = 768, a = 12:
        // 1024·768·(34 + 5·12·1024/768) = 786,432 · 114 = 89,653,248 bytes per layer in 16-bit.
        #expect(MemoryAccount.activationBytes(layers: 1, context: 1024, batch: 1, width: 768, heads: 12) == 89_653_248)
        // Twelve layers, fp32: twice that, twelve times.
        #expect(
            MemoryAccount.activationBytes(
                layers: 12, context: 1024, batch: 1, width: 768, heads: 12,
                bytesPerValue: 4)
                == 2 * 12 * 89_653_248)
    }
}

@Suite struct FineTuningMemoryTests {
    @Test func loraParametersByHand() {
        // 7 B: per block 4·64·8192 + 2·64·15104 + 64·15104 = 2,097,152 + 2,899,968 = 4,997,120; × 32 layers.
        #expect(FineTuningMemory.Model.llama7B.loraParameters(rank: 64) == 32 * 4_997_120)
    }

    @Test func qloraFitsSixtyFiveBillionOnOneFortyEightGigabyteGPU() {
        let model = FineTuningMemory.Model.llama65B
        #expect(model.fullFineTuningBytes > 780e9)  // the paper's "> 780 GB"
        #expect(model.qloraBytes(rank: 64) < 48e9)
        #expect(model.loraBytes(rank: 64) > 48e9)  // a 16-bit base alone is 130 GB
    }
}
