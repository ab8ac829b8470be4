import Engine
import Foundation
import Safetensors
import Testing

@testable import Transformers

@Suite struct TrainerTests {
    /// A tiny corpus with an obvious next token: 0 1 2 … 9 0 1 2 …
    let data = LanguageModelData(tokens: (0..<2_000).map { $0 % 10 }, validationFraction: 0.1)
    let config = GPTConfig(vocabularySize: 10, contextLength: 8, width: 16, heads: 2, layers: 1)

    func makeTrainer(steps: Int = 20, learningRate: Float = 3e-3, seed: UInt64 = 3) -> (GPT, Trainer) {
        var rng = SplitMix64(seed: 7)
        let model = GPT(config: config, rng: &rng)
        let trainer = Trainer.languageModel(
            model, data: data, batchSize: 4,
            settings: TrainingSettings(learningRate: learningRate, steps: steps),
            seed: seed)
        return (model, trainer)
    }

    @Test func lossFallsOnATinyCorpus() throws {
        let (model, trainer) = makeTrainer(steps: 60, learningRate: 1e-2)
        let before = model.validationLoss(on: data, batches: 2, batchSize: 8)
        let curve = try trainer.train(steps: 60, evaluateEvery: 20) {
            model.validationLoss(on: data, batches: 2, batchSize: 8)
        }
        let after = model.validationLoss(on: data, batches: 2, batchSize: 8)
        #expect(before > 2)  // about ln 10 ≈ 2.3 untrained
        #expect(after < 0.2 * before, "validation loss went from \(before) to \(after)")
        #expect(curve.count == 60 && curve.map(\.step) == Array(1...60))
        #expect(curve.compactMap(\.validationLoss).count == 3)  // steps 20, 40, 60
        #expect(curve.last?.validationLoss == after)
    }

    @Test func theSmoothedLossIsTheMeanOfTheLastTwentySteps() throws {
        let (_, trainer) = makeTrainer()
        let curve = try trainer.train(steps: 25)
        let expected = curve.suffix(20).map(\.loss).reduce(0, +) / 20
        #expect(abs(curve.last!.smoothedLoss - expected) < 1e-6)
    }

    @Test func resumingContinuesTheSameCurveForSeveralSteps() throws {
        let (model, uninterrupted) = makeTrainer()
        for _ in 0..<10 { try uninterrupted.trainStep() }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-resume-\(getpid()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try uninterrupted.saveCheckpoint(to: url)
        // Five steps: from the second on, the losses depend on Adam's moments and step count,
        // which the first loss (computed before the optimizer acts) does not.
        let expected = try (0..<5).map { _ in try uninterrupted.trainStep().loss }

        let (resumedModel, resumed) = makeTrainer()
        try resumed.resume(from: url)
        #expect(resumed.step == 10)
        #expect(try (0..<5).map { _ in try resumed.trainStep().loss } == expected)
        for ((name, a), (_, b)) in zip(model.namedParameters(), resumedModel.namedParameters()) {
            #expect(a.scalars == b.scalars, "\(name) differs 5 steps after resuming")
        }
    }

    @Test func resumingWithoutAdamsStateWouldChangeTheCurve() throws {
        // The control for the test above: the same checkpoint with Adam's moments zeroed (as
        // if they had been lost) gives other losses, so that test does detect a lost state.
        let (_, uninterrupted) = makeTrainer()
        for _ in 0..<10 { try uninterrupted.trainStep() }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-zeroed-\(getpid()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in uninterrupted.parameters { tensors[name] = tensor.detached() }
        for (name, tensor) in uninterrupted.optimizer.stateTensors() {
            tensors["optimizer." + name] = name == "step" ? tensor.detached() : Tensor.zeros(tensor.shape)
        }
        try Checkpoint(tensors: tensors, metadata: ["format": "tailor-training", "step": "10"]).write(to: url)
        let expected = try (0..<5).map { _ in try uninterrupted.trainStep().loss }
        let (_, zeroed) = makeTrainer()
        try zeroed.resume(from: url)
        let losses = try (0..<5).map { _ in try zeroed.trainStep().loss }
        #expect(losses[0] == expected[0])  // the first loss is computed before the optimizer acts
        #expect(losses != expected)
    }

    @Test func aCheckpointWithoutTheOptimizerStateIsRefused() throws {
        let (model, trainer) = makeTrainer()
        try trainer.trainStep()
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tailor-partial-\(getpid()).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in model.namedParameters() { tensors[name] = tensor }
        for (name, tensor) in trainer.optimizer.stateTensors() where !name.hasPrefix("m.") {
            tensors["optimizer." + name] = tensor
        }
        try Checkpoint(tensors: tensors, metadata: ["format": "tailor-training", "step": "1"]).write(to: url)
        let (_, resumed) = makeTrainer()
        #expect(throws: (any Error).self) { try resumed.resume(from: url) }
    }

    @Test func aDivergingLossStopsWithTheStep() throws {
        let (model, trainer) = makeTrainer()
        model.tokenEmbedding.table.pointer[0] = .nan
        #expect {
            try trainer.trainStep()
        } throws: { error in
            guard case let TrainingError.diverged(step, _, _) = error else { return false }
            return step == 1 && "\(error)".contains("smaller learning rate")
        }
    }

    @Test func epochOrderVisitsEveryExampleOncePerEpoch() {
        let order = EpochOrder(count: 10, seed: 5)
        let firstEpoch = (0..<5).flatMap { order.indices(step: $0, batchSize: 2) }
        #expect(firstEpoch.sorted() == Array(0..<10))
        let across = order.indices(step: 4, batchSize: 3)  // draws 12...14: epoch 1
        #expect(across == Array(order.permutation(epoch: 1)[2..<5]))
        #expect(order.indices(step: 3, batchSize: 4) == order.indices(step: 3, batchSize: 4))
        #expect(order.permutation(epoch: 0) != order.permutation(epoch: 1))
    }
}
