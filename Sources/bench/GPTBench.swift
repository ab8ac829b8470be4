import ArgumentParser
import Engine
import Notebook
import Transformers

/// `bench gpt`: the GPT of chapter 3 trained with AdamW on random tokens, exactly as
/// ../shared/peers/gpt_bench.py does in PyTorch, so the two can run side by side with the
/// same flags.
struct GPTBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpt", abstract: "Training and forward tokens/s of the chapter 3 GPT on random tokens.")

    @Option var vocab = 512
    @Option var ctx = 64
    @Option var dmodel = 128
    @Option var heads = 4
    @Option var layers = 4
    @Option var batch = 16
    @Option(help: "Training steps in total, warm-up included.") var steps = 50
    @Option(help: "Training steps excluded from timing.") var warmup = 5
    @Option(name: .customLong("fwd-steps"), help: "Timed forward-only steps (after 2 untimed).") var forwardSteps = 20
    @Option var lr: Float = 3e-4
    @Option(name: .customLong("weight-decay")) var weightDecay: Float = 0.01
    @Flag(name: .customLong("tie-weights")) var tieWeights = false
    @Option var seed: UInt64 = 1234

    func validate() throws {
        guard dmodel % heads == 0 else { throw ValidationError("--dmodel must be divisible by --heads") }
        guard steps > warmup else { throw ValidationError("--steps must be larger than --warmup") }
    }

    func run() throws {
        BLASRuntime.ensureFastKernels()
        let config = GPTConfig(
            vocabularySize: vocab, contextLength: ctx, width: dmodel, heads: heads, layers: layers,
            tiedHead: tieWeights)
        var rng = SplitMix64(seed: seed)
        let model = GPT(config: config, rng: &rng)
        let optimizer = AdamW(
            parameters: model.trainableParameters, learningRate: lr, beta1: 0.9, beta2: 0.999,
            weightDecay: weightDecay)
        var dataRNG = SplitMix64(seed: seed &+ 1)
        func randomBatch() -> (inputs: [Int], targets: [Int]) {
            let windows = (0..<batch).map { _ in (0...ctx).map { _ in dataRNG.nextInt(below: vocab) } }
            return (windows.flatMap { $0.dropLast() }, windows.flatMap { $0.dropFirst() })
        }

        var losses: [Float] = []
        var timer = Stopwatch()
        for step in 0..<steps {
            if step == warmup { timer = Stopwatch() }
            let (inputs, targets) = randomBatch()
            optimizer.zeroGradient()
            let loss = model.loss(inputs, targets: targets, batch: batch)
            loss.backward()
            optimizer.step()
            losses.append(loss.item)
        }
        let trainSeconds = timer.seconds
        let trainTokensPerSecond = Double((steps - warmup) * batch * ctx) / trainSeconds

        let forwardBatches = (0..<(forwardSteps + 2)).map { _ in randomBatch() }
        let forwardSeconds: Double = Tensor.withoutGradient {
            for b in forwardBatches.prefix(2) { _ = model.loss(b.inputs, targets: b.targets, batch: batch) }
            let watch = Stopwatch()
            for b in forwardBatches.dropFirst(2) { _ = model.loss(b.inputs, targets: b.targets, batch: batch).item }
            return watch.seconds
        }
        emitJSONLine([
            "bench": "gpt", "impl": "tailor",
            "train_tokens_per_s": .number(trainTokensPerSecond),
            "forward_tokens_per_s": .number(Double(forwardSteps * batch * ctx) / forwardSeconds),
            "params": .integer(model.parameterCount),
            "first_loss": .number(Double(losses.first!)), "final_loss": .number(Double(losses.last!)),
            "vocab": .integer(vocab), "ctx": .integer(ctx), "dmodel": .integer(dmodel), "heads": .integer(heads),
            "layers": .integer(layers), "batch": .integer(batch), "steps": .integer(steps),
            "kernel": .string(BLASRuntime.kernelName), "threads": .integer(ParallelWork.threadCount),
        ])
    }
}
