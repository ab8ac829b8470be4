import Adapters
import Engine
import Quantization
import Testing
import Transformers

/// QLoRA is LoRA around NF4Linear: the 4-bit codes stay as they are, only A and B train.
@Suite struct QLoRATests {
    @Test func qloraTrainsOnlyTheAdaptersAndLearns() throws {
        var rng = SplitMix64(seed: 5)
        let model = GPT(
            config: GPTConfig(vocabularySize: 10, contextLength: 8, width: 32, heads: 2, layers: 1),
            rng: &rng)
        let names = NF4Linear.quantizeLinearLayers(in: model, blockSize: 64)
        #expect(names.count == 6)
        model.setTrainable(false)
        LoRA.apply(to: model, targets: LoRATarget.allLinear, rank: 4, alpha: 8, rng: &rng)
        let codesBefore = model.linearSlots().compactMap { ($0.layer as? LoRALinear)?.base as? NF4Linear }
            .map(\.weight.packedCodes)
        #expect(codesBefore.count == 6)
        let frozenBefore = model.namedParameters().filter { !$0.name.contains("lora") }.map { $0.tensor.scalars }
        let trainable = model.namedParameters().filter { $0.tensor.requiresGradient }.map(\.name)
        #expect(!trainable.isEmpty && trainable.allSatisfy { $0.hasSuffix("loraA") || $0.hasSuffix("loraB") })

        let data = LanguageModelData(tokens: (0..<2_000).map { $0 % 10 }, validationFraction: 0.1)
        let trainer = Trainer.languageModel(
            model, data: data, batchSize: 8,
            settings: TrainingSettings(learningRate: 1e-2, steps: 40), seed: 1)
        let before = model.validationLoss(on: data, batches: 2, batchSize: 8)
        _ = try trainer.train(steps: 40)
        let after = model.validationLoss(on: data, batches: 2, batchSize: 8)
        #expect(after < 0.8 * before, "QLoRA did not learn: \(before) → \(after)")
        let codesAfter = model.linearSlots().compactMap { ($0.layer as? LoRALinear)?.base as? NF4Linear }
            .map(\.weight.packedCodes)
        #expect(codesAfter == codesBefore)
        let frozenAfter = model.namedParameters().filter { !$0.name.contains("lora") }.map { $0.tensor.scalars }
        #expect(frozenAfter == frozenBefore)
    }
}
