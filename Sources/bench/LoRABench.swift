import Adapters
import ArgumentParser
import Engine
import Notebook
import Transformers

/// `bench lora`: one training step of chapter 5's reading task — full fine-tuning against LoRA —
/// on the chapter 3 GPT's shape, split into forward, backward and optimizer, so the claim
/// "a LoRA step is cheaper" can be checked where it is made. The two models take turns step by
/// step, so whatever else the machine does slows both alike; each time is the median over steps.
struct LoRABench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lora",
        abstract: "Milliseconds per training step: full fine-tuning against LoRA, forward/backward/optimizer.")

    @Option var vocab = 1024
    @Option(help: "Tokens per example (chapter 5's reading examples are at most 34).") var tokens = 34
    @Option var dmodel = 128
    @Option var heads = 4
    @Option var layers = 4
    @Option var batch = 16
    @Option var rank = 8
    @Option(help: "Adapted projections: attention (q,k,v,o) or all (every linear layer).") var targets = "attention"
    @Option(help: "Timed steps per method.") var steps = 40
    @Option(help: "Untimed steps first, per method.") var warmup = 5
    @Option var seed: UInt64 = 1234

    func validate() throws {
        guard dmodel % heads == 0 else { throw ValidationError("--dmodel must be divisible by --heads") }
        guard ["attention", "all"].contains(targets) else { throw ValidationError("--targets: attention or all") }
        guard steps > 0, warmup >= 0, rank >= 1 else { throw ValidationError("--steps, --rank ≥ 1, --warmup ≥ 0") }
    }

    /// One method's model and optimizer, and its per-step times in seconds.
    final class Contender {
        let model: GPT
        let optimizer: AdamW
        var forward: [Double] = [], backward: [Double] = [], update: [Double] = []
        init(model: GPT) {
            self.model = model
            optimizer = AdamW(
                parameters: model.namedParameters().map(\.tensor).filter(\.requiresGradient),
                learningRate: 1e-4, beta1: 0.9, beta2: 0.999, weightDecay: 0)
        }
        var trainable: Int { optimizer.parameters.reduce(0) { $0 + $1.count } }
    }

    func run() throws {
        BLASRuntime.ensureFastKernels()
        let config = GPTConfig(
            vocabularySize: vocab, contextLength: max(tokens, 8), width: dmodel, heads: heads,
            layers: layers)
        var rng = SplitMix64(seed: seed)
        let full = GPT(config: config, rng: &rng)
        var copyRNG = SplitMix64(seed: seed)
        let adapted = GPT(config: config, rng: &copyRNG)
        LoRA.apply(
            to: adapted, targets: targets == "all" ? LoRATarget.allLinear : LoRATarget.attention,
            rank: rank, alpha: 16, rng: &rng)
        // B starts at zero; give it values so the step does the same work it does mid-training.
        for (_, layer) in LoRA.layers(in: adapted) {
            for index in 0..<layer.loraB.count { layer.loraB.pointer[index] = 0.01 * Float(rng.nextNormal()) }
        }
        let contenders = [Contender(model: full), Contender(model: adapted)]
        var dataRNG = SplitMix64(seed: seed &+ 1)
        for step in 0..<(warmup + steps) {
            let windows = (0..<batch).map { _ in (0...tokens).map { _ in dataRNG.nextInt(below: vocab) } }
            let inputs = windows.flatMap { $0.dropLast() }, targets = windows.flatMap { $0.dropFirst() }
            for contender in contenders {
                contender.optimizer.zeroGradient()
                let forwardWatch = Stopwatch()
                let loss = contender.model.loss(inputs, targets: targets, batch: batch)
                _ = loss.item
                let forwardSeconds = forwardWatch.seconds
                let backwardWatch = Stopwatch()
                loss.backward()
                let backwardSeconds = backwardWatch.seconds
                let updateWatch = Stopwatch()
                contender.optimizer.step()
                let updateSeconds = updateWatch.seconds
                if step >= warmup {
                    contender.forward.append(forwardSeconds)
                    contender.backward.append(backwardSeconds)
                    contender.update.append(updateSeconds)
                }
            }
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] * 1000 }
        for (name, contender) in zip(["full", "lora"], contenders) {
            let total = zip(zip(contender.forward, contender.backward), contender.update).map { $0.0 + $0.1 + $1 }
            emitJSONLine([
                "bench": "lora", "method": .string(name),
                "step_ms": .number(median(total)), "forward_ms": .number(median(contender.forward)),
                "backward_ms": .number(median(contender.backward)), "optimizer_ms": .number(median(contender.update)),
                "trainable": .integer(contender.trainable), "rank": .integer(name == "lora" ? rank : 0),
                "targets": .string(name == "lora" ? targets : "everything"),
                "batch": .integer(batch), "tokens": .integer(tokens), "dmodel": .integer(dmodel),
                "layers": .integer(layers), "vocab": .integer(vocab), "steps": .integer(steps),
                "threads": .integer(ParallelWork.threadCount),
            ])
        }
    }
}
