// Chapter 5 · LoRA, and the whole family of parameter-efficient fine-tuning
//
// Read this file top to bottom: it is the chapter. `swift run chapter05-lora` fine-tunes
// chapter 3's model on one task in several ways, compares them, and writes Chapters/05-lora.md.

import Adapters
import Bookshelf
import Corpus
import Engine
import Exercises
import Foundation
import Notebook
import Tokenization
import Transformers

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 5, slug: "lora", title: "LoRA and parameter-efficient fine-tuning",
                    summary: "Teach a pretrained model one task by training a few thousand numbers instead of all of them.",
                    options: options)
let quick = options.quick

// MARK: - 0. The pretrained model

let tokenizer: BytePairTokenizer
let base: GPT
do {
    tokenizer = try Bookshelf.tokenizer(for: book)
    base = try Bookshelf.pretrainedModel(for: book, tokenizer: tokenizer)
} catch {
    book.stop("\(error)")
}
base.isTraining = false
let config = base.config
guard let userID = tokenizer.id(ofSpecialToken: BytePairTokenizer.userMarker),
      let assistantID = tokenizer.id(ofSpecialToken: BytePairTokenizer.assistantMarker),
      let endID = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn) else {
    book.stop("the tokenizer has no chat markers; re-run `swift run chapter01-tokenizer`")
}

/// A fresh copy of the pretrained model: every method starts from the same weights.
@MainActor func freshBase() -> GPT {
    var rng = SplitMix64(seed: 0)                          // overwritten below
    let copy = GPT(config: config, rng: &rng)
    for ((_, target), (_, source)) in zip(copy.namedParameters(), base.namedParameters()) { target.assign(source) }
    copy.isTraining = false
    return copy
}

// MARK: - 1. Why full fine-tuning is expensive

book.section("What full fine-tuning costs")
book.prose("""
Chapter 3 pretrained a model to continue stories. To make it do one *task* — answer questions \
about a story — the obvious move is to keep training it, on examples of the task: **full \
fine-tuning**. Every weight moves. That works, and it is our yardstick in this chapter. But \
count what it costs. Training a weight with Adam needs, beside the weight itself (4 bytes in \
float32), its gradient (4 bytes) and Adam's two running averages m and v (8 bytes): **16 bytes \
per parameter**, before a single activation is stored. And every task gets its own full copy \
of the model.
""")
let fullBudget = ParameterBudget(of: base)
var memoryTable = Table(["", "parameters", "weights", "+ gradients", "+ Adam m, v", "total"])
@MainActor func memoryRow(_ label: String, _ parameters: Double) -> [String] {
    [label, Format.count(Int(parameters)), Format.bytes(4 * parameters), Format.bytes(4 * parameters),
     Format.bytes(8 * parameters), Format.bytes(16 * parameters)]
}
memoryTable.append(memoryRow("our GPT (\(config.layers) layers, d = \(config.width))", Double(fullBudget.total)))
memoryTable.append(memoryRow("GPT-2 small", 124e6))
memoryTable.append(memoryRow("Llama 2 7B", 6.74e9))
book.table(memoryTable)
book.prose("""
Our model fits anywhere. A 7-billion-parameter model needs about 108 GB just for weights, \
gradients and optimizer state in float32 — more than any single consumer GPU — and each \
fine-tuned copy is another 27 GB on disk. Parameter-efficient fine-tuning (PEFT) asks: can we \
freeze the pretrained weights, train something small *beside* them, and do as well?
""")

// MARK: - 2. The task

book.section("The task: questions about a story")
book.prose("""
The story world knows the facts of every story it writes, so it can ask questions with exact \
answers: *Where did Mia go?* — *the park*. *Who is Mia's friend?* — *Tom*. *What did Mia \
have?* — *the red ball*. *Was Mia happy in the end?* — *yes* or *no* (the last sentence may \
say "proud" or "lonely"). *Who helped Mia?* — *Tom*. The stories are longer than the model's \
context, so each example shows an **excerpt**: the sentence that answers the question plus as \
many other sentences as fit — the others are distractors, with other names and places.

The examples are in the chat format of chapter 1, and the loss counts **only the answer's \
tokens**: the model is taught to answer, not to write more stories. Accuracy is exact match of \
the greedy answer.
""")

let trainingCount = quick ? 240 : 800
let testCount = quick ? 80 : 200
let maximumAnswerTokens = 6
/// The chat of one example: `<|user|>excerpt\\nQuestion: …<|end|><|assistant|>` + ` answer.`
@MainActor func encode(_ question: StoryQuestion) -> TaskExample {
    let prompt = [userID] + tokenizer.encode(question.userText, allowingSpecialTokens: false) + [endID, assistantID]
    // The answer starts with a space: the tokenizer's words carry their leading space
    // (" park"), so "park" alone would be split into rarer pieces.
    // The answer ends with "." rather than `<|end|>`: pretraining never produced `<|end|>`, so its
    // row of the (frozen, for LoRA) output head is untrained, and learning to emit it would
    // dominate a small fine-tuning budget. "." is the model's own end of a sentence.
    return TaskExample(prompt: prompt, answer: tokenizer.encode(" " + question.answer + ".", allowingSpecialTokens: false))
}
/// Short enough to train fast (48 tokens: two to four sentences) and to fit any context with a soft prompt of 8.
let softPromptLength = 8
let maximumExampleTokens = min(48, config.contextLength - softPromptLength)
@MainActor func fits(_ question: StoryQuestion) -> Bool {
    encode(question).tokens.count <= maximumExampleTokens
}
let trainingQuestions = StoryQuestions.examples(count: trainingCount, seed: options.seed &+ 500, fits: fits)
let testQuestions = StoryQuestions.examples(count: testCount, seed: options.seed &+ 900, fits: fits)
let trainingSet = trainingQuestions.map(encode)
let testSet = testQuestions.map(encode)

let sample = trainingQuestions[0]
book.cell("One training example, as the model sees it")
book.output(BytePairTokenizer.userMarker + sample.userText + BytePairTokenizer.endOfTurn
            + BytePairTokenizer.assistantMarker + " " + sample.answer + ".")
let lengths = trainingSet.map(\.tokens.count)
book.result("examples", "\(trainingSet.count) for training, \(testSet.count) held out (other stories); "
            + "\(Format.fixed(Double(lengths.reduce(0, +)) / Double(lengths.count), 1)) tokens on average, at most \(lengths.max()!) of \(config.contextLength)")

/// Exact-match accuracy of greedy answers, overall and by question kind.
@MainActor func accuracy(of model: any LanguageModel, on examples: [TaskExample] = testSet,
              questions: [StoryQuestion] = testQuestions) -> (overall: Double, byKind: [StoryQuestionKind: Double]) {
    let matches = SupervisedTask.exactMatches(examples, model: model, padding: endID)
    var correct: [StoryQuestionKind: (right: Int, total: Int)] = [:]
    for (index, match) in matches.enumerated() {
        let kind = questions[index].kind
        correct[kind, default: (0, 0)].right += match ? 1 : 0
        correct[kind, default: (0, 0)].total += 1
    }
    let right = correct.values.map(\.right).reduce(0, +), total = correct.values.map(\.total).reduce(0, +)
    return (Double(right) / Double(total), correct.mapValues { Double($0.right) / Double($0.total) })
}

let baseAccuracy = accuracy(of: base)
let periodID = tokenizer.encode(".", allowingSpecialTokens: false)[0]
var greedyRNG = SplitMix64(seed: 0)   // greedy decoding draws nothing
let baseAnswers = [base.generate(prompt: testSet[0].prompt, maxNewTokens: maximumAnswerTokens, options: .greedy,
                                 rng: &greedyRNG, stopTokens: [periodID])]
book.cell("The pretrained model, untuned, on the held-out questions")
book.output("question: \(testQuestions[0].question)   expected: \(testQuestions[0].answer)\nthe base model writes: \(tokenizer.decode(baseAnswers[0]).debugDescription)")
book.result("untuned accuracy", Format.percent(baseAccuracy.overall))
book.prose("""
The pretrained model has never seen a question or a chat marker: it continues the text as if \
it were a story. Whatever it knows about stories, it does not know this task.
""")

// MARK: - 3. LoRA

book.section("LoRA: a low-rank update beside a frozen weight")
book.prose("""
Fine-tuning changes a weight W (shape [out, in]) to W + ΔW. Hu et al. (2021) observed that the \
ΔW of fine-tuning has low "intrinsic rank", and proposed to *train ΔW in factored form*:

    ΔW = (α/r) · B · A        A: [r, in],  B: [out, r],  r ≪ min(in, out)
    y  = x·Wᵀ + b + (α/r) · (x·Aᵀ)·Bᵀ        — W and b frozen

A projects the input down to r numbers, B projects them back up. Only A and B train: \
r·(in + out) numbers instead of in·out. A starts random (Kaiming-uniform) and **B starts at \
zero**, so at the first step ΔW = 0 and the model is exactly the pretrained one. The factor \
α/r keeps the update's size about the same whichever r you choose, so the learning rate need \
not change with r.
""")
var demoRNG = SplitMix64(seed: options.seed &+ 3)
let demoModel = freshBase()
let demoSlot = demoModel.linearSlots().first { $0.name.hasSuffix("attention.query") }!
let demoInput = Tensor.randomNormal(shape: [1, 4, config.width], rng: &demoRNG)
let before = Tensor.withoutGradient { demoSlot.layer(demoInput) }
let demoLoRA = LoRALinear(wrapping: demoSlot.layer, rank: 8, alpha: 8, rng: &demoRNG)
demoSlot.replace(with: demoLoRA)
let after = Tensor.withoutGradient { demoLoRA(demoInput) }
let startDifference = zip(before.scalars, after.scalars).map { abs($0 - $1) }.max()!
book.cell("LoRALinear(wrapping: \(demoSlot.name), rank: 8, alpha: 8)")
book.output("""
W: \(demoLoRA.base.namedParameters()[0].tensor.shape) frozen   A: \(demoLoRA.loraA.shape) trainable   B: \(demoLoRA.loraB.shape) trainable (zeros)
trainable here: 8·(\(config.width) + \(config.width)) = \(Format.count(demoLoRA.loraA.count + demoLoRA.loraB.count)) instead of \(Format.count(config.width * config.width))
largest output difference from the base layer at the start: \(startDifference)
""")

// MARK: - 4. Training

/// What one fine-tuning run measured.
struct Run {
    let method: String
    let family: String
    let budget: ParameterBudget
    let accuracy: Double
    let byKind: [StoryQuestionKind: Double]
    let seconds: Double
    let losses: [Double]
}

let trainingSteps = quick ? 60 : 500
let loraAlpha: Float = 16
let loraLearningRate: Float = 5e-3
let batchSize = quick ? 8 : 16

/// Fine-tunes whatever is trainable in `model` with the book's one trainer, then measures it.
@MainActor func fineTune(_ method: String, family: String, learningRate: Float, model: any LanguageModel) -> Run {
    let budget = ParameterBudget(of: model)
    var settings = TrainingSettings(learningRate: learningRate, steps: trainingSteps)
    settings.warmupSteps = trainingSteps / 10
    settings.weightDecay = 0
    settings.beta2 = 0.999
    let trainer = Trainer.supervised(model, examples: trainingSet, batchSize: batchSize, padding: endID,
                                     settings: settings, seed: options.seed &+ 1)
    let stopwatch = Stopwatch()
    let curve = book.train(trainer, steps: trainingSteps, label: method)
    let seconds = stopwatch.seconds
    model.isTraining = false
    let measured = accuracy(of: model)
    return Run(method: method, family: family, budget: budget, accuracy: measured.overall, byKind: measured.byKind,
               seconds: seconds, losses: curve.map { Double($0.loss) })
}

/// Full fine-tuning of a fresh copy.
@MainActor func fullFineTune() -> (run: Run, model: GPT) {
    let model = freshBase()
    model.setTrainable(true)
    return (fineTune("full fine-tuning", family: "—", learningRate: 3e-4, model: model), model)
}

/// LoRA on a fresh copy.
@MainActor func loraFineTune(rank: Int, targets: Set<LoRATarget>, label: String? = nil) -> (run: Run, model: GPT) {
    let model = freshBase()
    var rng = SplitMix64(seed: options.seed &+ 2)
    LoRA.apply(to: model, targets: targets, rank: rank, alpha: loraAlpha, rng: &rng)
    let method = label ?? "LoRA r = \(rank) (\(LoRATarget.label(targets)))"
    return (fineTune(method, family: "reparametrisation", learningRate: loraLearningRate, model: model), model)
}
book.section("Full fine-tuning against LoRA of every rank")
book.prose("""
Now the experiment. Every method starts from the same pretrained weights and sees the same \
\(trainingSteps) batches of \(batchSize) examples, with AdamW, a short warmup and a cosine \
decay. Full fine-tuning trains every weight at learning rate 3·10⁻⁴; LoRA adapts the four \
attention projections W_q, W_k, W_v, W_o of every block with α = \(Int(loraAlpha)), at \
learning rate 5·10⁻³ — LoRA usually wants a larger one, because B starts at zero and only \
a few numbers carry the whole update. (The next section compares other choices of matrices.)
""")

let full = fullFineTune()
let ranks = [1, 2, 4, 8, 16, 64]
var loraRuns: [Int: (run: Run, model: GPT)] = [:]
for rank in ranks { loraRuns[rank] = loraFineTune(rank: rank, targets: LoRATarget.attention) }

var rankTable = Table(["method", "trainable parameters", "share of the model", "Adam state", "train time", "accuracy", "of full FT"])
@MainActor func rankRow(_ run: Run) -> [String] {
    [run.method, Format.count(run.budget.trainable), Format.percent(run.budget.share, 2), Format.bytes(run.budget.optimizerStateBytes),
     Format.duration(run.seconds), Format.percent(run.accuracy), Format.percent(run.accuracy / max(full.run.accuracy, 1e-9), 0)]
}
rankTable.append(["untuned base", "0", "0 %", "0 B", "—", Format.percent(baseAccuracy.overall), Format.percent(baseAccuracy.overall / max(full.run.accuracy, 1e-9), 0)])
rankTable.append(rankRow(full.run))
for rank in ranks { rankTable.append(rankRow(loraRuns[rank]!.run)) }
book.table(rankTable)

let r8 = loraRuns[8]!.run
book.result("LoRA r = 8 against full fine-tuning",
            "\(Format.percent(r8.accuracy)) vs \(Format.percent(full.run.accuracy)) (\(Format.percent(r8.accuracy / max(full.run.accuracy, 1e-9), 0)) of it) "
            + "with \(Format.percent(Double(r8.budget.trainable) / Double(full.run.budget.trainable), 2)) of its trainable parameters; untuned: \(Format.percent(baseAccuracy.overall))")

var accuracyFigure = Figure("accuracy-vs-parameters", title: "Accuracy against trainable parameters",
                            xLabel: "trainable parameters (log scale)", yLabel: "exact-match accuracy on held-out questions")
accuracyFigure.logX = true
accuracyFigure.yRange = 0...1
accuracyFigure.legendPosition = "bottom right"
accuracyFigure.add(Series("LoRA on W_q, W_k, W_v, W_o, r = 1 … 64", x: ranks.map { Double(loraRuns[$0]!.run.budget.trainable) },
                          y: ranks.map { loraRuns[$0]!.run.accuracy }, style: .linesPoints))
accuracyFigure.add(Series("full fine-tuning", x: [Double(full.run.budget.trainable)], y: [full.run.accuracy], style: .points))
accuracyFigure.add(Series("untuned base", x: [Double(loraRuns[1]!.run.budget.trainable), Double(full.run.budget.trainable)],
                          y: [baseAccuracy.overall, baseAccuracy.overall], dashed: true))
book.figure(accuracyFigure, caption: "Each point is one fine-tuning run on the same data and steps.")

var lossFigure = Figure("training-loss", title: "Training loss on the answers", xLabel: "step", yLabel: "cross-entropy (nats)")
lossFigure.logY = true
lossFigure.add(Series("full fine-tuning", y: smoothed(full.run.losses)))
for rank in [1, 8, 64] { lossFigure.add(Series("LoRA r = \(rank)", y: smoothed(loraRuns[rank]!.run.losses))) }
book.figure(lossFigure, caption: "Training loss (moving average of 10 steps).")

/// A moving average, so the curves can be told apart.
@MainActor func smoothed(_ values: [Double], window: Int = 10) -> [Double] {
    values.indices.map { index in
        let slice = values[max(0, index - window + 1)...index]
        return slice.reduce(0, +) / Double(slice.count)
    }
}

var kindTable = Table(["question"] + ["untuned", "full FT"] + ranks.map { "r = \($0)" })
for kind in StoryQuestionKind.allCases {
    kindTable.append([kind.title, Format.percent(baseAccuracy.byKind[kind] ?? 0, 0), Format.percent(full.run.byKind[kind] ?? 0, 0)]
                     + ranks.map { Format.percent(loraRuns[$0]!.run.byKind[kind] ?? 0, 0) })
}
book.cell("Accuracy by kind of question")
book.table(kindTable)
let singleTokenKinds: [StoryQuestionKind] = [.friend, .ending, .helper]
let spanKinds: [StoryQuestionKind] = [.place, .object]
func meanAccuracy(_ byKind: [StoryQuestionKind: Double], _ kinds: [StoryQuestionKind]) -> Double {
    kinds.map { byKind[$0] ?? 0 }.reduce(0, +) / Double(kinds.count)
}
book.prose("""
The table splits the task in two. Questions answered by **one word** — a name, happy or \
sad — are learned by every method that learns at all: full fine-tuning \
\(Format.percent(meanAccuracy(full.run.byKind, singleTokenKinds), 0)), LoRA r = 8 \(Format.percent(meanAccuracy(r8.byKind, singleTokenKinds), 0)). \
Questions whose answer is a **phrase** copied from the story — "the old house", "the red \
ball" — stay hard for everyone (\(Format.percent(meanAccuracy(full.run.byKind, spanKinds), 0)) for full fine-tuning): the model must copy \
two or three tokens in order, and exact match forgives no slip. More steps or a bigger model \
move them; the ranking of the methods does not change. That LoRA matches full fine-tuning \
here is not because the task is easy, but because what fine-tuning must change — where to \
look, which token to copy — is a small change to the attention.
""")

// MARK: - 5. Which matrices

book.section("Which matrices to adapt")
book.prose("""
The LoRA paper adapted only the attention's W_q and W_v. Later practice (QLoRA, Dettmers et \
al. 2023) adapts **every linear layer**. At the same rank, more targets mean more trainable \
numbers; the question is whether they buy accuracy.
""")
let queryValueRun = loraFineTune(rank: 8, targets: LoRATarget.queryValue)
let allLinearRun = loraFineTune(rank: 8, targets: LoRATarget.allLinear)
var targetTable = Table(["targets (r = 8)", "trainable parameters", "share", "accuracy"])
for run in [queryValueRun.run, r8, allLinearRun.run] {
    targetTable.append([run.method, Format.count(run.budget.trainable), Format.percent(run.budget.share, 2), Format.percent(run.accuracy)])
}
book.table(targetTable)

// MARK: - 6. Merging

book.section("Merging: no cost at inference")
book.prose("""
Because the update is linear, it can be folded into the weight once training is done: \
W ← W + (α/r)·B·A. The merged model is a plain GPT — same shapes, same speed as the base — \
and gives the same outputs up to float rounding. Unmerging subtracts it again, which is how \
one base serves several adapters.
""")
let r8Model = loraRuns[8]!.model
let probeIDs = testSet.prefix(8).map { Array($0.prompt.prefix(32)) }
let probeBatch = probeIDs.filter { $0.count == 32 }
let probeInput = probeBatch.flatMap { $0 }
let unmergedLogits = Tensor.withoutGradient { r8Model(probeInput, batch: probeBatch.count) }
LoRA.merge(in: r8Model)
let mergedLogits = Tensor.withoutGradient { r8Model(probeInput, batch: probeBatch.count) }
let mergeDifference = zip(unmergedLogits.scalars, mergedLogits.scalars).map { abs($0 - $1) }.max()!
let logitScale = unmergedLogits.scalars.map(abs).max()!
/// Seconds for `repeats` forward passes over the probe batch.
@MainActor func forwardSeconds(_ model: GPT, repeats: Int) -> Double {
    Stopwatch.time { Tensor.withoutGradient { for _ in 0..<repeats { _ = model(probeInput, batch: probeBatch.count) } } }.seconds
}
let repeats = quick ? 5 : 20
let mergedSeconds = forwardSeconds(r8Model, repeats: repeats)
LoRA.unmerge(in: r8Model)
let unmergedSeconds = forwardSeconds(r8Model, repeats: repeats)
let baseSeconds = forwardSeconds(base, repeats: repeats)
let unmergedAgain = Tensor.withoutGradient { r8Model(probeInput, batch: probeBatch.count) }
let unmergeDifference = zip(unmergedLogits.scalars, unmergedAgain.scalars).map { abs($0 - $1) }.max()!
book.cell("LoRA.merge(in: model), then LoRA.unmerge(in: model)")
book.output("""
largest logit difference, merged vs unmerged:     \(Format.significant(Double(mergeDifference), 2))   (logits up to \(Format.fixed(Double(logitScale), 1)))
largest logit difference after unmerging again:   \(Format.significant(Double(unmergeDifference), 2))
\(repeats) forward passes of \(probeBatch.count)×32 tokens: base \(Format.duration(baseSeconds)), merged \(Format.duration(mergedSeconds)), unmerged \(Format.duration(unmergedSeconds))
""")

// MARK: - 7. Subspaces

book.section("What the update learns: r = 8 against r = 64")
book.prose("""
If ΔW really has low intrinsic rank, a rank-64 adapter should not find many more useful \
directions than a rank-8 one. The LoRA paper (§7.2) compares the two updates' column spaces: \
with U₈ and U₆₄ their left singular vectors,

    φ(i, j) = ‖U₈[:, :i]ᵀ · U₆₄[:, :j]‖²_F / min(i, j)

is 1 when the top i directions of one lie in the top j of the other, and about \
min(i, j)/d for random subspaces.
""")
let similarityLayer = "blocks.0.attention.value"
let update8 = LoRA.layers(in: loraRuns[8]!.model).first { $0.name == similarityLayer }!.layer.weightUpdate()
let update64 = LoRA.layers(in: loraRuns[64]!.model).first { $0.name == similarityLayer }!.layer.weightUpdate()
let similarity = SubspaceSimilarity.grid(firstUpdate: update8, secondUpdate: update64, rows: 8, columns: 64)
var similarityFigure = Figure("subspace-similarity", title: "φ(i, j): r = 8 against r = 64 update, \(similarityLayer)",
                              xLabel: "j: top directions of the r = 64 update", yLabel: "i: of the r = 8 update")
similarityFigure.heatmap = Heatmap(similarity, rowLabels: (1...similarity.count).map(String.init),
                                   columnLabels: (1...similarity[0].count).map { $0 % 8 == 0 || $0 == 1 ? String($0) : "" }, colorRange: 0...1)
similarityFigure.height = 440
book.figure(similarityFigure, caption: "Bright: the top directions of the rank-8 update are found again among the rank-64 update's top directions.")
let randomLevel = 1.0 / Double(config.width)
book.result("φ(1, 1), φ(8, 8), φ(8, 64)", "\(Format.fixed(similarity[0][0], 2)), \(Format.fixed(similarity[7][7], 2)), \(Format.fixed(similarity[7][similarity[7].count - 1], 2))"
            + "   (random directions: φ(1, 1) ≈ 1/d = \(Format.fixed(randomLevel, 3)))")

// MARK: - 8. The PEFT family

book.section("The family: additive, selective, reparametrised")
book.prose("""
LoRA is one of three families of parameter-efficient methods (Lialin et al. 2023):

- **additive** — add new trainable pieces: *bottleneck adapters* (Houlsby et al. 2019), a small \
down-GELU-up network after each attention output and each MLP, and *prompt tuning* (Lester et \
al. 2021), \(softPromptLength) trainable vectors put in front of the input.
- **selective** — train a chosen few of the existing weights: *BitFit* (only the biases), \
*LayerNorm tuning* (only the LayerNorms' γ and β).
- **reparametrised** — train a compact form of the update: *LoRA*.

They share one mechanism: freeze everything, mark what trains, count it the same way. Same \
data, same steps; each at a learning rate suited to it.
""")

@MainActor func selectiveRun(_ method: String, learningRate: Float, select: (GPT) -> Void) -> Run {
    let model = freshBase()
    select(model)
    return fineTune(method, family: "selective", learningRate: learningRate, model: model)
}
let bitFitRun = selectiveRun("BitFit (biases)", learningRate: 1e-2) { SelectiveTuning.bitFit($0) }
let layerNormRun = selectiveRun("LayerNorm tuning", learningRate: 1e-2) { SelectiveTuning.layerNormTuning($0) }
let bottleneckRun: Run = {
    let model = freshBase()
    var rng = SplitMix64(seed: options.seed &+ 4)
    BottleneckAdapter.apply(to: model, bottleneck: 8, rng: &rng)
    return fineTune("bottleneck adapters (m = 8)", family: "additive", learningRate: 3e-3, model: model)
}()
let promptRun: Run = {
    let tuned = PromptTunedGPT(model: freshBase(), promptLength: softPromptLength,
                               initialTokens: tokenizer.encode("Answer the question about the story",
                                                               allowingSpecialTokens: false))
    return fineTune("prompt tuning (\(softPromptLength) vectors)", family: "additive", learningRate: 3e-2, model: tuned)
}()
let familyRuns = [full.run, bottleneckRun, promptRun, bitFitRun, layerNormRun, r8, allLinearRun.run]
var familyTable = Table(["method", "family", "trainable parameters", "share", "train time", "accuracy"])
familyTable.append(["untuned base", "—", "0", "0 %", "—", Format.percent(baseAccuracy.overall)])
for run in familyRuns {
    familyTable.append([run.method, run.family, Format.count(run.budget.trainable), Format.percent(run.budget.share, 2),
                        Format.duration(run.seconds), Format.percent(run.accuracy)])
}
book.table(familyTable)
var familyFigure = Figure("peft-family", title: "The PEFT family on one task",
                          xLabel: "trainable parameters (log scale)", yLabel: "exact-match accuracy")
familyFigure.logX = true
familyFigure.yRange = 0...1
familyFigure.legendPosition = "outside right"
familyFigure.width = 1100
for run in familyRuns {
    familyFigure.add(Series("\(run.method)", x: [Double(run.budget.trainable)], y: [run.accuracy], style: .points))
}
book.figure(familyFigure, caption: "Accuracy against trainable parameters for each method (same data, same steps).")

// MARK: - 9. Adapters as files

book.section("An adapter is a small file")
book.prose("""
The trained part of a LoRA fine-tune is A and B — nothing else. Saved on its own, with its \
rank, α and a fingerprint of the base model it belongs to, it is a file of kilobytes, and one \
base can carry one adapter per task, switched by copying A and B in.
""")
let adapterURL = book.checkpointsDirectory.appendingPathComponent("05-lora-r8.safetensors")
let modelURL = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-05-full-\(ProcessInfo.processInfo.processIdentifier).safetensors")
var sizeTable = Table(["file", "size", "share of the full model"])
do {
    try FileManager.default.createDirectory(at: book.checkpointsDirectory, withIntermediateDirectories: true)
    try full.model.save(to: modelURL)
    let modelBytes = try FileManager.default.attributesOfItem(atPath: modelURL.path)[.size] as! Int
    try? FileManager.default.removeItem(at: modelURL)
    sizeTable.append(["fully fine-tuned model", Format.bytes(modelBytes), "100 %"])
    for rank in ranks {
        let adapter = LoRAAdapter(capturing: loraRuns[rank]!.model)
        sizeTable.append(["LoRA adapter, r = \(rank) (q, k, v, o)", Format.bytes(adapter.fileSize), Format.percent(Double(adapter.fileSize) / Double(modelBytes), 2)])
    }
    try LoRAAdapter(capturing: r8Model).write(to: adapterURL)
} catch {
    book.stop("writing the adapter: \(error)")
}
book.table(sizeTable)

// Load it onto a fresh copy of the base, switch between two adapters, and try a wrong base.
let server = freshBase()
var serverRNG = SplitMix64(seed: 99)
LoRA.apply(to: server, targets: LoRATarget.attention, rank: 8, alpha: loraAlpha, rng: &serverRNG)
let blankAdapter = LoRAAdapter(capturing: server)                    // B = 0: the base model's behaviour
var switchLines: [String] = []
do {
    let loaded = try LoRAAdapter.read(from: adapterURL)
    try loaded.apply(to: server, file: adapterURL.lastPathComponent)
    switchLines.append("loaded \(adapterURL.lastPathComponent) onto a fresh base: accuracy \(Format.percent(accuracy(of: server).overall))")
    try blankAdapter.apply(to: server)
    switchLines.append("switched to an empty adapter (B = 0):                accuracy \(Format.percent(accuracy(of: server).overall))")
    try loaded.apply(to: server)
    switchLines.append("and back to the trained one:                          accuracy \(Format.percent(accuracy(of: server).overall))")
} catch {
    book.stop("\(error)")
}
var wrongRNG = SplitMix64(seed: 7)
let wrongBase = GPT(config: config, rng: &wrongRNG)
LoRA.apply(to: wrongBase, targets: LoRATarget.attention, rank: 8, alpha: loraAlpha, rng: &wrongRNG)
do {
    try LoRAAdapter.read(from: adapterURL).apply(to: wrongBase, file: adapterURL.lastPathComponent)
    switchLines.append("loading onto a randomly initialised model: accepted (unexpected!)")
} catch {
    switchLines.append("loading onto a randomly initialised model: refused — \(error)")
}
book.cell("One base, several adapters")
book.output(switchLines.joined(separator: "\n"))

// MARK: - At scale

book.section("At scale")
book.prose("""
Hugging Face's `peft` does what this chapter did, on any PyTorch model:

    from peft import LoraConfig, get_peft_model
    config = LoraConfig(r=8, lora_alpha=8, lora_dropout=0.05,
                        target_modules=["q_proj", "v_proj"])   # or "all-linear"
    model = get_peft_model(model, config)
    model.print_trainable_parameters()
    # … train …
    model.save_pretrained("adapter/")     # adapter_model.safetensors: A and B only
    merged = model.merge_and_unload()     # W ← W + (α/r)·B·A, a plain model again

On Llama 2 7B (32 layers, d = 4,096), r = 8 on W_q and W_v trains 32 · 2 · 8 · (4,096 + 4,096) \
= 4.2 million numbers — 0.06 % of 6.7 billion — and the adapter file is about 17 MB against \
13.5 GB for the model in 16-bit. The frozen weights still have to sit in GPU memory, though: \
that is what chapter 6's QLoRA shrinks, by storing them in 4 bits. The other methods are in \
`peft` too (`PromptTuningConfig`, `PrefixTuningConfig`, `IA3Config`); BitFit is a loop that \
sets `requires_grad` on the biases. Tailor's adapter files are safetensors, so \
`safetensors.safe_open` reads them.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 5).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.finish()
