// Chapter 5 · LoRA, and the whole family of parameter-efficient fine-tuning
//
// Read this file top to bottom: it is the chapter. `swift run chapter05-lora` fine-tunes
// chapter 3's model on two tasks in several ways, each at a learning rate chosen on a
// validation split and with three seeds, compares them with intervals, and writes
// Chapters/05-lora.md. `--sweep` re-runs the learning-rate sweep first and rewrites
// Chapters/05-lora-learning-rates.json, which the default run reads.

import Adapters
import Bookshelf
import Corpus
import Engine
import Exercises
import Experiments
import Foundation
import Notebook
import Tokenization
import Transformers
import Tasks

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 5, slug: "lora", title: "LoRA and parameter-efficient fine-tuning",
                    summary: "Teach a pretrained model a task by training a few thousand numbers "
                        + "instead of all of them.",
                    options: options)
let quick = options.quick
let chapterClock = Stopwatch()

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
guard let endID = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn) else {
    book.stop("the tokenizer has no chat markers; re-run `swift run chapter01-tokenizer`")
}
let baseParameters = ParameterBudget(of: base).total

/// Trainable numbers as a share of the pretrained model's parameters — one definition for every table.
@MainActor func share(_ trainable: Int) -> String { Format.percent(Double(trainable) / Double(baseParameters), 2) }

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
var memoryTable = Table(["", "parameters", "weights", "+ gradients", "+ Adam m, v", "total"])
@MainActor func memoryRow(_ label: String, _ parameters: Double) -> [String] {
    [label, Format.count(Int(parameters)), Format.bytes(4 * parameters), Format.bytes(4 * parameters),
     Format.bytes(8 * parameters), Format.bytes(16 * parameters)]
}
memoryTable.append(memoryRow("our GPT (\(config.layers) layers, d = \(config.width))", Double(baseParameters)))
memoryTable.append(memoryRow("GPT-2 small", 124e6))
memoryTable.append(memoryRow("Llama 2 7B", 6.74e9))
book.table(memoryTable)
book.prose("""
Our model fits anywhere. A 7-billion-parameter model needs about 108 GB just for weights, \
gradients and optimizer state in float32 — more than any single consumer GPU — and each \
fine-tuned copy is another 27 GB on disk. Parameter-efficient fine-tuning (PEFT) asks: can we \
freeze the pretrained weights, train something small *beside* them, and do as well?
""")

// MARK: - 2. Two tasks

book.section("Two tasks: reading a story, and memorising facts")
book.prose("""
The story world knows the facts of every story it writes, so it can ask questions with exact \
answers: *Where did Mia go?* — *the park*. *Who is Mia's friend?* — *Tom*. *What did Mia \
have?* — *the red ball*. *Was Mia happy or sad in the end?* — *happy* or *sad* (the last \
sentence may say "proud" or "lonely", so the word itself need not be there). *Who helped Mia?* \
— *Tom*. The stories are longer than the model's context, so each example shows an \
**excerpt**: the sentence that answers the question plus as many other sentences as fit — \
the others are distractors. This is **reading**: the answer is in the prompt, and fine-tuning \
must teach the model where to look.

The second task is **knowledge**: a fixed table of invented creatures and where they live \
(*Where does the Blozzaind live?* — *the lake*). The names are made up, so the pretrained model \
has never seen them, and the answer is not in the prompt: fine-tuning must store the table in \
the weights. Biderman et al. (2024) found LoRA furthest behind full fine-tuning where the new \
task needs much new information (continued pretraining on code and mathematics); we test \
whether a model of a million parameters shows it too.

Both are in the chat format of chapter 1, and the loss counts **only the answer's tokens**. \
Accuracy is exact match of the greedy answer; beside it we report the answer's cross-entropy \
on held-out questions, which moves even when exact match does not.
""")

let seeds: [UInt64] = quick ? [1, 2] : [1, 2, 3]
let sweepSeed: UInt64 = 0
/// The reading task, built in the Tasks module so that chapter 6 runs QLoRA on exactly it.
let readingSet: ReadingTask
let knowledgeSet: KnowledgeTask
let softPromptLength = 8
do {
    readingSet = try ReadingTask(tokenizer: tokenizer, contextLength: config.contextLength, quick: quick,
                                 seed: options.seed, softPromptLength: softPromptLength)
    knowledgeSet = try KnowledgeTask(tokenizer: tokenizer, count: quick ? 24 : 160, seed: options.seed &+ 700,
                                     quick: quick)
} catch {
    book.stop("\(error)")
}
let maximumExampleTokens = ReadingTask.maximumExampleTokens(contextLength: config.contextLength,
                                                            softPromptLength: softPromptLength, quick: quick)
let readingTraining = readingSet.training
let readingValidation = readingSet.validation
let readingTest = readingSet.test
/// The questions behind the three splits (kinds, stories).
let splits = (training: readingSet.trainingQuestions, validation: readingSet.validationQuestions,
              test: readingSet.testQuestions)
let facts = knowledgeSet.facts
let factExamples = knowledgeSet.table

let sample = splits.training[0]
book.cell("One reading example and one fact, as the model sees them")
book.output(BytePairTokenizer.userMarker + sample.userText + BytePairTokenizer.endOfTurn
            + BytePairTokenizer.assistantMarker + " " + sample.answer + ".\n"
            + BytePairTokenizer.userMarker + "Question: " + facts[0].question + BytePairTokenizer.endOfTurn
            + BytePairTokenizer.assistantMarker + " " + facts[0].answer + ".")
let lengths = readingTraining.map(\.tokens.count)
let storiesShared = Set(splits.training.map(\.story)).intersection(splits.test.map(\.story)).count
    + Set(splits.training.map(\.story)).intersection(splits.validation.map(\.story)).count
    + Set(splits.validation.map(\.story)).intersection(splits.test.map(\.story)).count
book.result("reading", "\(readingTraining.count) training, \(readingValidation.count) validation and "
            + "\(readingTest.count) test questions, one per story (stories shared between splits: \(storiesShared)); "
            + "\(Format.fixed(Double(lengths.reduce(0, +)) / Double(max(lengths.count, 1)), 1)) tokens on average, "
            + "at most \(lengths.max() ?? 0) of \(config.contextLength)")
book.result("knowledge", "\(facts.count) invented facts, each a creature and one of \(WordClass.place.members.count) "
            + "places; the test is recall of the whole table")

// MARK: Baselines

let majorityAnswer = readingSet.majorityAnswer
var majorityByKind: [StoryQuestionKind: Double] = [:]
for kind in StoryQuestionKind.allCases { majorityByKind[kind] = readingSet.majorityShare(of: kind) }
let majorityOverall = readingSet.majorityShare(of: nil)
let factMajority = knowledgeSet.majorityShare

let untunedReading = SupervisedTask.evaluate(readingTest, model: base, padding: endID)
let untunedFacts = SupervisedTask.evaluate(factExamples, model: base, padding: endID)
let mean = Statistics.mean, matchShare = Experiments.share
var baselineTable = Table(["", "reading: exact match", "reading: answer loss", "knowledge: exact match",
                           "knowledge: answer loss"])
baselineTable.append(["untuned model", Format.percent(matchShare(untunedReading.matches)),
                      Format.fixed(mean(untunedReading.losses), 2), Format.percent(matchShare(untunedFacts.matches)),
                      Format.fixed(mean(untunedFacts.losses), 2)])
baselineTable.append(["majority answer of each kind", Format.percent(majorityOverall), "—",
                      Format.percent(factMajority),
                      "—"])
book.cell("Two baselines every method must beat")
book.table(baselineTable)
book.prose("""
The pretrained model has never seen a question or a chat marker: it continues the text as if \
it were a story. The majority baseline is what a model scores that learns the *form* of the \
answers and nothing about the story: always the commonest answer of the kind.
""")

// MARK: - 3. LoRA

let loraAlpha: Float = 16
book.section("LoRA: a low-rank update beside a frozen weight")
book.prose("""
Fine-tuning changes a weight W (shape [out, in]) to W + ΔW. Hu et al. (2021) observed that the \
ΔW of fine-tuning has low "intrinsic rank", and proposed to *train ΔW in factored form*:

    ΔW = (α/r) · B · A        A: [r, in],  B: [out, r],  r ≪ min(in, out)
    y  = x·Wᵀ + b + (α/r) · (x·Aᵀ)·Bᵀ        — W and b frozen

A projects the input down to r numbers, B projects them back up. Only A and B train: \
r·(in + out) numbers instead of in·out. **B starts at zero**, so at the first step ΔW = 0 and \
the model is exactly the pretrained one. A starts random: the paper drew it from a Gaussian; \
Tailor, like Hugging Face's `peft`, draws it Kaiming-uniform (±1/√in). The factor α/r is meant \
to keep the update's size about the same whichever r you choose; we use **α = \(Int(loraAlpha)) \
throughout** (`peft`'s default is 8; with α/r the two differ only by a factor on the learning \
rate, which our sweep chooses anyway). The knowledge task below compares ranks, and there the \
scale is α/√r instead — why, is measured there.
""")
var demoRNG = SplitMix64(seed: options.seed &+ 3)
let demoModel = base.copied()
guard let demoSlot = demoModel.linearSlots().first(where: { $0.name.hasSuffix("attention.query") }) else {
    book.stop("the model has no attention.query slot")
}
let demoInput = Tensor.randomNormal(shape: [1, 4, config.width], rng: &demoRNG)
let before = Tensor.withoutGradient { demoSlot.layer(demoInput) }
let demoLoRA = LoRALinear(wrapping: demoSlot.layer, rank: 8, alpha: loraAlpha, rng: &demoRNG)
demoSlot.replace(with: demoLoRA)
let after = Tensor.withoutGradient { demoLoRA(demoInput) }
let startDifference = zip(before.scalars, after.scalars).map { abs($0 - $1) }.max() ?? 0
book.cell("LoRALinear(wrapping: \(demoSlot.name), rank: 8, alpha: \(Int(loraAlpha)))")
book.output("""
W: \(demoLoRA.base.namedParameters()[0].tensor.shape) frozen   A: \(demoLoRA.loraA.shape) trainable   \
B: \(demoLoRA.loraB.shape) trainable (zeros)
trainable here: 8·(\(config.width) + \(config.width)) = \(Format.count(demoLoRA.loraA.count + demoLoRA.loraB.count)) \
instead of \(Format.count(config.width * config.width))
largest output difference from the base layer at the start: \(startDifference)
""")

// MARK: - 4. The methods and the protocol

// Held-out story text of the pretraining distribution: forgetting is the rise of its loss.
let storyTokens = Bookshelf.storyTokens(tokenizer: tokenizer, bytes: quick ? 4_000 : 12_000,
                                        seed: options.seed &+ 4_242)
let storyContext = min(config.contextLength, quick ? 32 : 128)
let storyWindows = quick ? 4 : 16
let baseStoryLoss = Forgetting.textLoss(storyTokens, model: base, context: storyContext, windows: storyWindows)

/// Both tasks run the same way; after each run the story loss is measured, for forgetting.
@MainActor func experiment(_ task: any FineTuningTask) -> FineTuningExperiment {
    var experiment = FineTuningExperiment(base: base, task: task, seeds: seeds, notebook: book)
    experiment.extraMeasurement = { method, model in
        // A method that leaves the base's weights alone forgets nothing, by construction.
        method.changesBaseWeights
            ? Forgetting.textLoss(storyTokens, model: model, context: storyContext, windows: storyWindows)
            : baseStoryLoss
    }
    return experiment
}
let readingTask = experiment(readingSet), knowledgeTask = experiment(knowledgeSet)

let readingLoRA = LoRAMethod(rank: 8, targets: LoRATarget.attention, alpha: loraAlpha)
let promptStart = tokenizer.encode("Answer the question about the story", allowingSpecialTokens: false)
let readingMethods: [any FineTuningMethod] = [
    FullFineTuning(), readingLoRA, BottleneckAdapters(size: 8), PromptTuning(length: softPromptLength,
                                                                             initialTokens: promptStart),
    BitFit(), LayerNormTuning(), IA3(),
]
let knowledgeRanks = quick ? [1, 8] : [1, 8, 64]
/// LoRA on every linear layer, for the knowledge task.
func allLinearLoRA(rank: Int, scaling: LoRAScaling = .rankStabilized) -> LoRAMethod {
    LoRAMethod(rank: rank, targets: LoRATarget.allLinear, alpha: loraAlpha, scaling: scaling, namesScaling: true)
}

// MARK: The learning rates: a sweep on the validation split

/// What the sweep tunes: each method with 4 log-spaced candidates (2 in --quick) on the task it
/// runs. Reading: LoRA at its one rank, r = 8. Knowledge: every rank on its own, so that a rank
/// falls behind for what it can store, not for a rate chosen at another rank.
func rates(_ low: Float, _ high: Float) -> [Float] {
    LearningRateSweep.logSpaced(from: low, to: high, count: quick ? 2 : 4)
}
func readingRange(_ method: any FineTuningMethod) -> [Float] {
    switch method.family {
    case .full: rates(3e-4, 1e-2)
    case .reparametrised: rates(1e-3, 3e-2)
    case .additive where method is BottleneckAdapters: rates(3e-3, 1e-1)
    case .additive where method is IA3: rates(3e-3, 3e-1)
    case .additive, .selective: rates(1e-2, 1)
    }
}
let sweepPlan: [(experiment: FineTuningExperiment, method: any FineTuningMethod, candidates: [Float])] =
    readingMethods.map { (readingTask, $0, readingRange($0)) } + [(knowledgeTask, FullFineTuning(), rates(3e-4, 1e-2))]
    + knowledgeRanks.map { (knowledgeTask, allLinearLoRA(rank: $0), rates(5e-4, 1e-2)) }
@MainActor func key(_ entry: (experiment: FineTuningExperiment, method: any FineTuningMethod, candidates: [Float])) -> RateKey {
    RateKey(task: entry.experiment.task.name, method: entry.method.id)
}

let ratesURL = book.chaptersDirectory.appendingPathComponent("05-lora-learning-rates.json")
let committedRatesURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    .appendingPathComponent("Chapters/05-lora-learning-rates.json")
let ratesNote = "validation exact match minus 0.001 × validation answer loss; seed \(sweepSeed); "
    + "reading: \(readingValidation.count) validation questions from other stories; "
    + "knowledge: the table itself (memorisation has no held-out split)"
var rateTable: LearningRateTable
if options.sweep {
    rateTable = LearningRateTable(note: ratesNote)
} else {
    do {
        rateTable = try LearningRateTable.read(from: committedRatesURL)
    } catch {
        book.stop("cannot read \(committedRatesURL.path) (\(error)); run `swift run chapter05-lora --sweep` to make it")
    }
}
// A method the file has no rate for is swept now, on the validation split, and the file rewritten:
// adding a method to the chapter is all it takes to give it its own rate.
let toSweep = sweepPlan.filter { rateTable[key($0)] == nil }
if !toSweep.isEmpty {
    book.section("The learning-rate sweep")
    var sweepTable = Table(["task", "method", "rates tried", "validation score of each", "chosen"])
    for entry in toSweep {
        let kinds = splits.validation.map(\.kind)
        let choice = entry.experiment.sweep(entry.method, candidates: entry.candidates, seed: sweepSeed) { outcome in
            guard entry.experiment.task.name == readingSet.name else { return }
            book.remark("validation by kind: " + StoryQuestionKind.allCases.map { kind in
                "\(kind.rawValue) " + Format.percent(outcome.accuracy(where: { kinds[$0] == kind }), 0)
            }.joined(separator: ", "))
        }
        rateTable[key(entry)] = choice
        sweepTable.append([entry.experiment.task.name, entry.method.name,
                           entry.candidates.map { Format.significant(Double($0), 2) }.joined(separator: ", "),
                           choice.scores.map { Format.fixed($0, 3) }.joined(separator: ", "),
                           Format.significant(Double(choice.chosen), 2)])
    }
    book.table(sweepTable)
    do {
        try FileManager.default.createDirectory(at: ratesURL.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try rateTable.write(to: ratesURL)
    } catch {
        book.stop("writing \(ratesURL.path): \(error)")
    }
    book.remark("wrote \(ratesURL.lastPathComponent)")
}

book.section("The protocol")
var rateListing = Table(["task", "method", "rates tried", "validation score", "chosen"])
var edgeChoices: [String] = []
for entry in sweepPlan {
    guard let choice = rateTable[key(entry)] else { continue }
    let atEdge = choice.chosen == choice.candidates.first || choice.chosen == choice.candidates.last
    if atEdge { edgeChoices.append("\(entry.experiment.task.name): \(entry.method.name)") }
    rateListing.append([entry.experiment.task.name, entry.method.name,
                        choice.candidates.map { Format.significant(Double($0), 2) }.joined(separator: ", "),
                        choice.scores.map { Format.fixed($0, 3) }.joined(separator: ", "),
                        Format.significant(Double(choice.chosen), 2) + (atEdge ? " (edge)" : "")])
}
let candidateCount = sweepPlan.compactMap { rateTable[key($0)]?.candidates.count }.min() ?? 0
book.prose("""
A comparison of methods is only as good as its protocol. Ours: the reading questions come from \
three disjoint sets of stories — training, validation, test. Each method's learning rate is \
chosen from \(candidateCount) log-spaced values by its score on the **validation** split (`--sweep` re-runs \
the sweep and rewrites Chapters/05-lora-learning-rates.json, which this run read; its note: \
"\(rateTable.note)"). The test split is used once, for the numbers below. Every configuration \
is trained with \(seeds.count) seeds (the order of the batches and the initialisation of the \
new pieces), and reported as the mean ± the half-width of a 95% t-interval over the seeds: \
with \(seeds.count) seeds the half-width is \
\(Format.fixed(Estimate.tQuantile(degreesOfFreedom: max(seeds.count - 1, 1)), 1)) standard errors. \
Training: \(readingSet.steps) steps of \
\(readingSet.batchSize) examples, AdamW without weight decay, a short warmup and a cosine decay. \
\(edgeChoices.isEmpty ? "Every chosen rate lies inside its range, so each range held its best candidate."
    : "Chosen at the edge of its range, so a rate outside it might do better: "
      + edgeChoices.joined(separator: "; ") + ".")
""")
book.cell("Chapters/05-lora-learning-rates.json")
book.table(rateListing)

// MARK: - 5. Reading

book.section("Reading: full fine-tuning against the PEFT family")
book.prose("""
LoRA is one of three families of parameter-efficient methods (Lialin et al. 2023):

- **additive** — add new trainable pieces: *bottleneck adapters* (Houlsby et al. 2019), a small \
down-GELU-up network after each attention output and each MLP, and *prompt tuning* (Lester et \
al. 2021), \(softPromptLength) trainable vectors put in front of the input.
- **selective** — train a chosen few of the existing weights: *BitFit* (only the biases), \
*LayerNorm tuning* (only the LayerNorms' γ and β).
- **reparametrised** — train a compact form of the update: *LoRA*, here on the four attention \
projections W_q, W_k, W_v, W_o of every block at r = 8 (the knowledge task below adapts every \
linear layer).

They share one mechanism: freeze everything, mark what trains, count it the same way.
""")
let reading = readingMethods.map { readingTask.measure($0, rates: rateTable) }
guard let readingFull = reading.first(where: { $0.method is FullFineTuning }),
      let readingR8 = reading.first(where: { $0.method.id == readingLoRA.id }) else {
    book.stop("a reading method is missing")
}
let majorityEstimate = Estimate(constant: majorityOverall)
var readingTable = Table(["method", "family", "trainable", "share", "learning rate", "exact match",
                          "answer loss (nats)"])
readingTable.append(["majority answer", "—", "0", "0 %", "—", Format.percent(majorityOverall), "—"])
readingTable.append(["untuned model", "—", "0", "0 %", "—", Format.percent(matchShare(untunedReading.matches)),
                     Format.fixed(mean(untunedReading.losses), 3)])
for measured in reading {
    readingTable.append([measured.name, measured.method.family.rawValue, Format.count(measured.budget.trainable),
                         share(measured.budget.trainable), Format.significant(Double(measured.rate), 2),
                         Format.percent(measured.accuracy), Format.fixed(measured.answerLoss, 3)])
}
book.cell("\(readingTest.count) test questions, \(seeds.count) seeds each (mean ± 95% interval)")
book.table(readingTable)

let bestReading = reading.max { $0.accuracy.mean < $1.accuracy.mean } ?? readingFull
@MainActor func fullSentence(_ measured: MeasuredMethod, against reference: MeasuredMethod) -> String {
    "\(measured.name) (\(Format.percent(measured.accuracy))) "
        + "\(Comparison.verb(measured.accuracy, reference.accuracy)) \(reference.name) "
        + "(\(Format.percent(reference.accuracy)))"
}
let otherPEFT = reading.filter { $0.name != readingFull.name && $0.name != readingR8.name }
let loraBeats = otherPEFT.filter { Comparison(readingR8.accuracy, $0.accuracy) == .above }.map(\.name)
let loraTies = otherPEFT.filter { Comparison(readingR8.accuracy, $0.accuracy) == .withinNoise }.map(\.name)
let loraTrails = otherPEFT.filter { Comparison(readingR8.accuracy, $0.accuracy) == .below }.map(\.name)
func listed(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
let peftBelowFull = reading.filter { $0.name != readingFull.name
    && Comparison($0.accuracy, readingFull.accuracy) == .below }.map(\.name)
book.prose("""
On the reading task \(fullSentence(readingR8, against: readingFull)), with \
\(share(readingR8.budget.trainable)) of its parameters trained. Against the other parameter-efficient \
methods, LoRA r = 8 beats \(listed(loraBeats)); is within noise of \(listed(loraTies)); falls short of \
\(listed(loraTrails)). \
The best method is \(bestReading.name); it \(Comparison.verb(bestReading.accuracy, majorityEstimate)) \
the majority baseline (\(Format.percent(majorityOverall))). \
\(peftBelowFull.isEmpty ? "No method falls short of full fine-tuning beyond the seeds' noise."
    : "Beyond the seeds' noise, these fall short of full fine-tuning: \(peftBelowFull.joined(separator: ", ")).")
""")

// Per kind of question, for every method, against the majority answer of the kind.
let testKinds = splits.test.map(\.kind)
var kindTable = Table(["question", "majority answer", "untuned"] + reading.map(\.name))
var kindsWhereBestWins: [String] = [], kindsWhereBestDoesNot: [String] = [], bestSingleRuns: [String] = []
var someRunLearned = true       // on every kind the best method does not beat, some single run is 10 points above it
for kind in StoryQuestionKind.allCases {
    let untuned = untunedReading.matches.indices.filter { testKinds[$0] == kind }
    let untunedShare = Double(untuned.filter { untunedReading.matches[$0] }.count) / Double(max(untuned.count, 1))
    let perMethod = reading.map { $0.accuracy(where: { testKinds[$0] == kind }) }
    kindTable.append(["\(kind.title) (\(majorityAnswer[kind] ?? "—"))", Format.percent(majorityByKind[kind] ?? 0, 0),
                      Format.percent(untunedShare, 0)] + perMethod.map { Format.percent($0, 0) })
    let best = perMethod.max { $0.mean < $1.mean } ?? Estimate(constant: 0)
    if Comparison(best, Estimate(constant: majorityByKind[kind] ?? 0)) == .above {
        kindsWhereBestWins.append(kind.title)
    } else {
        kindsWhereBestDoesNot.append(kind.title)
        let single = perMethod.flatMap(\.values).max() ?? 0
        bestSingleRuns.append("\(Format.percent(single, 0)) on \(kind.title)")
        someRunLearned = someRunLearned && single > (majorityByKind[kind] ?? 0) + 0.1
    }
}
book.cell("Exact match by kind of question (in brackets: the commonest training answer of the kind)")
book.table(kindTable)
let copyKinds: Set<String> = [StoryQuestionKind.place.title, StoryQuestionKind.object.title]
var kindVerdict: String
if kindsWhereBestDoesNot.isEmpty {
    kindVerdict = "On every kind the best method of that kind beats it beyond the seeds' noise."
} else {
    kindVerdict = "The best method of each kind beats it on \(kindsWhereBestWins.count) of "
        + "\(StoryQuestionKind.allCases.count) kinds; not on: \(kindsWhereBestDoesNot.joined(separator: ", ")). "
        + "There the best single run reaches \(bestSingleRuns.joined(separator: " and "))"
        + (someRunLearned ? ", so the seeds disagree" : "")
    if someRunLearned, Set(kindsWhereBestDoesNot).isSubset(of: copyKinds) {
        kindVerdict += ": copying a place or an object from the excerpt is learned within \(readingSet.steps) steps "
            + "in some runs and not in others. Whether more steps would settle it, this run does not test."
    } else {
        kindVerdict += "."
    }
}
book.prose("""
The majority column is the baseline of each kind: the share of test questions whose answer is \
the commonest training answer of that kind. \(kindVerdict)
""")

// MARK: Figures of the reading task

var accuracyFigure = Figure("accuracy-vs-parameters", title: "Reading: accuracy against trainable parameters",
                            xLabel: "trainable parameters (log scale)", yLabel: "exact match on test questions")
accuracyFigure.logX = true
accuracyFigure.yRange = -0.03...1   // below 0, so a baseline at 0 is not hidden by the axis
accuracyFigure.legendPosition = "outside right"
accuracyFigure.width = 1150
let smallest = Double(reading.map(\.budget.trainable).min() ?? 1) / 2
let largest = Double(reading.map(\.budget.trainable).max() ?? 1) * 2
for measured in reading {
    var point = Series(measured.name, x: [Double(measured.budget.trainable)], y: [measured.accuracy.mean],
                       style: .points)
    point.errors = [measured.accuracy.halfWidth]
    accuracyFigure.add(point)
}
accuracyFigure.add(Series("majority answer", x: [smallest, largest], y: [majorityOverall, majorityOverall],
                          dashed: true))
accuracyFigure.add(Series("untuned model", x: [smallest, largest],
                          y: [matchShare(untunedReading.matches), matchShare(untunedReading.matches)], dashed: true))
book.figure(accuracyFigure, caption: "Each point is the mean of \(seeds.count) seeds; the bars are 95% intervals. "
            + "Dashed: the two baselines.")

var lossFigure = Figure("training-loss", title: "Reading: training loss on the answers (seed 1)", xLabel: "step",
                        yLabel: "cross-entropy (nats, log scale)")
lossFigure.logY = true
lossFigure.extraCommands = ["set ytics (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10)"]
/// A moving average, so the curves can be told apart.
@MainActor func smoothed(_ values: [Double], window: Int = 10) -> [Double] {
    values.indices.map { index in
        let slice = values[max(0, index - window + 1)...index]
        return slice.reduce(0, +) / Double(slice.count)
    }
}
for measured in [readingFull, readingR8] {
    lossFigure.add(Series(measured.name, y: smoothed(measured.outcomes[0].curve)))
}
book.figure(lossFigure, caption: "Training loss (moving average of 10 steps); ticks at 0.05, 0.1, 0.2, 0.5, 1, 2, 5.")

var kindFigure = Figure("peft-family", title: "Reading, by kind of question", xLabel: "",
                        yLabel: "exact match on test questions")
kindFigure.xTickLabels = StoryQuestionKind.allCases.map(\.title)
kindFigure.yRange = -0.03...1.05
kindFigure.xRange = -0.5...Double(StoryQuestionKind.allCases.count) - 0.5
kindFigure.legendPosition = "outside right"
kindFigure.width = 1150
for (position, measured) in reading.enumerated() {
    let estimates = StoryQuestionKind.allCases.map { kind in measured.accuracy(where: { testKinds[$0] == kind }) }
    // Side by side, so the bars do not hide each other.
    let offset = (Double(position) - Double(reading.count - 1) / 2) * 0.06
    var series = Series(measured.name, x: estimates.indices.map { Double($0) + offset },
                        y: estimates.map(\.mean),
                        style: .points)
    series.errors = estimates.map(\.halfWidth)
    kindFigure.add(series)
}
kindFigure.add(Series("majority answer", x: StoryQuestionKind.allCases.indices.map(Double.init),
                      y: StoryQuestionKind.allCases.map { majorityByKind[$0] ?? 0 }, style: .points, dashed: true))
book.figure(kindFigure, caption: "Mean of \(seeds.count) seeds with 95% intervals, per kind of question; "
            + "the lone points are each kind's majority baseline.")

// MARK: - 6. Knowledge

book.section("Knowledge: where rank runs out")
let factBits = Int((Double(facts.count) * log2(Double(WordClass.place.members.count))).rounded())
book.prose("""
Reading needs a small change: where to look, which token to copy. Memorising \(facts.count) \
arbitrary facts needs the weights to *store* about \(facts.count) × log₂ \
\(WordClass.place.members.count) ≈ \(factBits) \
bits that no pretraining put there. Here LoRA adapts **every linear layer** — the MLPs are \
where transformers keep facts (Geva et al. 2021; Meng et al. 2022) — at ranks \
\(knowledgeRanks.map(String.init).joined(separator: ", ")), \
each with its own learning rate chosen by the sweep and the scale α/√r (rsLoRA; why, below), so \
that a rank falls behind for what it can learn, not for a rate chosen at another rank. Each run \
takes \(knowledgeSet.steps) steps of \(knowledgeSet.batchSize) facts: each fact is seen about \
\(knowledgeSet.steps * knowledgeSet.batchSize / max(facts.count, 1)) times.
""")
let knowledgeFullRun = knowledgeTask.measure(FullFineTuning(), rates: rateTable)
var knowledgeLoRA: [Int: MeasuredMethod] = [:]
for rank in knowledgeRanks { knowledgeLoRA[rank] = knowledgeTask.measure(allLinearLoRA(rank: rank), rates: rateTable) }
let knowledgeRuns = [knowledgeFullRun] + knowledgeRanks.compactMap { knowledgeLoRA[$0] }
var knowledgeTable = Table(["method", "trainable", "share", "learning rate", "recall (exact match)",
                            "answer loss (nats)"])
knowledgeTable.append(["majority answer", "0", "0 %", "—", Format.percent(factMajority), "—"])
for measured in knowledgeRuns {
    knowledgeTable.append([measured.name, Format.count(measured.budget.trainable),
                           share(measured.budget.trainable),
                           Format.significant(Double(measured.rate), 2), Format.percent(measured.accuracy),
                           Format.fixed(measured.answerLoss, 3)])
}
book.cell("\(facts.count) invented facts, \(seeds.count) seeds each (mean ± 95% interval)")
book.table(knowledgeTable)
let rankWords = knowledgeRanks.compactMap { rank -> String? in
    guard let measured = knowledgeLoRA[rank] else { return nil }
    return "r = \(rank) \(Comparison.verb(measured.accuracy, knowledgeFullRun.accuracy)) it "
        + "(\(Format.percent(measured.accuracy)))"
}
/// Each rank against the one below it: where the curve rises, and where it stops rising.
let rankSteps = zip(knowledgeRanks, knowledgeRanks.dropFirst()).compactMap { lower, higher -> String? in
    guard let low = knowledgeLoRA[lower], let high = knowledgeLoRA[higher] else { return nil }
    return "r = \(higher) \(Comparison.verb(high.accuracy, low.accuracy)) r = \(lower)"
}
/// The smallest rank whose recall does not fall short of full fine-tuning's beyond noise.
let enoughRank = knowledgeRanks.first { rank in
    knowledgeLoRA[rank].map { Comparison($0.accuracy, knowledgeFullRun.accuracy) != .below } ?? false
}
let lowest = knowledgeLoRA[knowledgeRanks[0]], highest = knowledgeLoRA[knowledgeRanks[knowledgeRanks.count - 1]]
var rankTrend = ""
if let lowest, let highest {
    let top = knowledgeRanks[knowledgeRanks.count - 1], bottom = knowledgeRanks[0]
    switch Comparison(highest.accuracy, lowest.accuracy) {
    case .above:
        rankTrend = "The rank sweep is not flat: r = \(top) beats r = \(bottom). "
        if let enoughRank {
            rankTrend += "From r = \(enoughRank) on, LoRA does not fall short of full fine-tuning beyond noise; "
                + "below it, rank is what runs out in \(knowledgeSet.steps) steps."
        } else {
            rankTrend += "Yet even r = \(top) falls short of full fine-tuning: in \(knowledgeSet.steps) steps LoRA "
                + "stores less of the table than full fine-tuning at every rank tried, and r = \(bottom) less "
                + "than r = \(top)."
        }
    case .below:
        rankTrend = "The rank sweep falls: r = \(top) falls short of r = \(bottom)."
    case .withinNoise:
        rankTrend = "Across ranks the recall stays within the seeds' noise: in \(knowledgeSet.steps) steps, "
            + "rank is not what limits LoRA."
    }
}
book.prose("""
Full fine-tuning recalls \(Format.percent(knowledgeFullRun.accuracy)) of the table; \
\(rankWords.joined(separator: "; ")). Rank by rank, \(rankSteps.joined(separator: ", and ")). \(rankTrend)
""")

// MARK: α/r against α/√r

/// The ranks run again with α/r at the rate chosen for α/√r (at r = 1 the two scalings are the same).
let linearRanks = quick ? [8] : [64]
var linearRuns: [Int: MeasuredMethod] = [:]
for rank in linearRanks {
    // α/r at the rate the sweep chose for α/√r at this rank: the same rate, a scale √r times smaller.
    let rootRate = rateTable.rate(for: RateKey(task: knowledgeSet.name, method: allLinearLoRA(rank: rank).id),
                                  notebook: book)
    linearRuns[rank] = knowledgeTask.measure(allLinearLoRA(rank: rank, scaling: .standard), rate: rootRate)
}
book.prose("""
**α/r or α/√r?** Hu et al. scaled the update by α/r, meant to let one learning rate serve every \
rank. Kalajdzievski (2023, "rsLoRA") showed that it over-corrects: with Adam, each entry of B \
moves about as fast whatever r is, so B·A grows like √r, and α/r shrinks the update of a large \
rank by √r too much — it learns slowly at the rate that suits a small one; α/√r keeps its size \
independent of r. `peft` calls this `use_rslora=True`. To see it, r = \
\(linearRanks.map(String.init).joined(separator: ", ")) again with α/r, at the learning rate the \
sweep chose for it with α/√r — the same rate, a scale √r times smaller:
""")
var scalingTable = Table(["rank", "learning rate", "scale α/√r", "recall with α/√r", "scale α/r", "recall with α/r",
                          "α/r against α/√r"])
var scalingVerdicts: [String] = []
for rank in knowledgeRanks {
    guard let root = knowledgeLoRA[rank] else { continue }
    let linear = rank == 1 ? root : linearRuns[rank]          // r = 1: the two scalings are the same
    let verb = linear.map { Comparison.verb($0.accuracy, root.accuracy) }
    if rank != 1, let verb { scalingVerdicts.append("at r = \(rank), α/r \(verb) α/√r") }
    scalingTable.append(["\(rank)", Format.significant(Double(root.rate), 2),
                         Format.fixed(Double(loraAlpha) / Double(rank).squareRoot(), 3), Format.percent(root.accuracy),
                         Format.fixed(Double(loraAlpha) / Double(rank), 3),
                         linear.map { Format.percent($0.accuracy) } ?? "not run",
                         rank == 1 ? "the same run" : verb ?? "—"])
}
book.cell("Recall of the facts: one rate per rank, two scalings")
book.table(scalingTable)
book.prose("""
Measured: \(scalingVerdicts.isEmpty ? "no rank was run with both scalings" : scalingVerdicts.joined(separator: "; ")).
""")

var rankFigure = Figure("rank-sweep", title: "Knowledge: recall against LoRA rank", xLabel: "rank r (log scale)",
                        yLabel: "recall of the facts (exact match)")
rankFigure.logX = true
rankFigure.yRange = -0.03...1.05
rankFigure.xRange = 0.7...(Double(knowledgeRanks.last ?? 64) * 1.4)
rankFigure.extraCommands = ["set xtics (" + knowledgeRanks.map { "\"\($0)\" \($0)" }.joined(separator: ", ") + ")"]
rankFigure.legendPosition = "outside right"
rankFigure.width = 1000
var rootSeries = Series("LoRA, α/√r (rate per rank)", x: knowledgeRanks.map(Double.init),
                        y: knowledgeRanks.map { knowledgeLoRA[$0]?.accuracy.mean ?? 0 }, style: .linesPoints)
rootSeries.errors = knowledgeRanks.map { knowledgeLoRA[$0]?.accuracy.halfWidth ?? 0 }
rankFigure.add(rootSeries)
let linearPoints = linearRanks.compactMap { rank in linearRuns[rank].map { (rank, $0) } }
var linearSeries = Series("LoRA, α/r (the same rate as α/√r)", x: linearPoints.map { Double($0.0) },
                          y: linearPoints.map { $0.1.accuracy.mean }, style: .points)
linearSeries.errors = linearPoints.map { $0.1.accuracy.halfWidth }
rankFigure.add(linearSeries)
let rankSpan = [0.7, Double(knowledgeRanks.last ?? 64) * 1.4]
// Full fine-tuning's interval is in its label: drawn as two more lines it would be as thin as the line.
rankFigure.add(Series("full fine-tuning: \(Format.percent(knowledgeFullRun.accuracy))", x: rankSpan,
                      y: [knowledgeFullRun.accuracy.mean, knowledgeFullRun.accuracy.mean]))
rankFigure.add(Series("majority answer: \(Format.percent(factMajority))", x: rankSpan,
                      y: [factMajority, factMajority], dashed: true))
book.figure(rankFigure, caption: "Mean of \(seeds.count) seeds with 95% intervals (at r = 1 the two scalings "
            + "are the same); full fine-tuning and the majority answer as horizontal lines.")

// MARK: - 7. Forgetting

book.section("What fine-tuning forgets")
book.prose("""
A fine-tune that learns its task may lose some of what pretraining taught. Measure it: the \
loss on \(storyWindows) windows of held-out stories (\(storyContext) tokens each), the text \
the model was pretrained to continue, before and after each fine-tune.
""")
let baseStory = Estimate(constant: baseStoryLoss)
func signed(_ x: Double) -> String { (x >= 0 ? "+" : "−") + Format.fixed(abs(x), 4) }
var forgettingTable = Table(["task", "method", "story loss after", "change against the base", "task accuracy"])
forgettingTable.append(["—", "pretrained model", Format.fixed(baseStoryLoss, 4), "—", "—"])
for (task, runs) in [("reading", reading), ("knowledge", knowledgeRuns)] {
    for measured in runs {
        forgettingTable.append([task, measured.name, Format.fixed(measured.extra, 4),
                                signed(measured.extra.mean - baseStoryLoss) + " ("
                                    + Comparison.lossVerb(measured.extra, baseStory, close: 0.002) + " the base)",
                                Format.percent(measured.accuracy)])
    }
}
book.table(forgettingTable)
let knowledgeR8 = knowledgeLoRA[8] ?? knowledgeRuns[knowledgeRuns.count - 1]
let learnsLess = Comparison(knowledgeR8.accuracy, knowledgeFullRun.accuracy) == .below
let forgetsLess = Comparison(knowledgeR8.extra, knowledgeFullRun.extra) == .below
let verdict: String
switch (learnsLess, forgetsLess) {
case (true, true): verdict = "reproduces both halves of it: LoRA learns less and forgets less"
case (true, false):
    verdict = "reproduces only the first half: LoRA learns less, but it does not forget less beyond noise"
case (false, true):
    verdict = "reproduces only the second half: LoRA forgets less, but it does not learn less beyond noise"
case (false, false): verdict = "does not reproduce it: neither difference exceeds the seeds' noise"
}
book.prose("""
Biderman et al. (2024) titled their result "LoRA Learns Less and Forgets Less". On the knowledge \
task, LoRA r = 8's recall (\(Format.percent(knowledgeR8.accuracy))) \
\(Comparison.verb(knowledgeR8.accuracy, knowledgeFullRun.accuracy)) full fine-tuning's \
(\(Format.percent(knowledgeFullRun.accuracy))), and its story loss \
(\(Format.fixed(knowledgeR8.extra, 4))) \
\(Comparison.lossVerb(knowledgeR8.extra, knowledgeFullRun.extra, close: 0.002)) \
full fine-tuning's (\(Format.fixed(knowledgeFullRun.extra, 4))). So this book \(verdict). On \
the reading task, LoRA r = 8's story loss \
\(Comparison.lossVerb(readingR8.extra, readingFull.extra, close: 0.002)) \
full fine-tuning's.
""")

// MARK: - 8. Cost

book.section("What each method costs, measured")
book.prose("""
The formula says what a method must hold: the frozen weights (4 bytes each), and for each \
trainable number its gradient and Adam's m and v (12 bytes). The engine counts every byte its \
tensors hold (`TensorMemory`), so we can set the formula beside the peak of a real run — the \
difference is activations and temporaries, which the formula leaves out.
""")
var costTable = Table(["method", "trainable", "formula: 4·all + 12·trainable", "measured peak", "time per step",
                       "against full"])
let fullStep = readingFull.secondsPerStep
for measured in reading {
    let formula = 4 * measured.budget.total + 12 * measured.budget.trainable
    costTable.append([measured.name, Format.count(measured.budget.trainable), Format.bytes(formula),
                      Format.bytes(measured.peakBytes),
                      Format.fixed(measured.secondsPerStep.mean * 1000, 1) + " ± "
                        + Format.fixed(measured.secondsPerStep.halfWidth * 1000, 1) + " ms",
                      Format.percent(measured.secondsPerStep.mean / max(fullStep.mean, 1e-12), 0)])
}
book.cell("Reading task: batch \(readingSet.batchSize), examples of up to \(maximumExampleTokens) tokens")
book.table(costTable)
let fastest = reading.min { $0.secondsPerStep.mean < $1.secondsPerStep.mean } ?? readingFull
/// The methods whose step time is within the seeds' noise of the fastest: naming one winner
/// among them would read noise as a result.
let tiedForFastest = reading.filter { Comparison($0.secondsPerStep, fastest.secondsPerStep) == .withinNoise }
let fastestWords = tiedForFastest.count > 1
    ? "the fastest methods here, within the seeds' noise of each other, are "
        + tiedForFastest.map(\.name).joined(separator: ", ")
    : "the fastest method here is \(fastest.name)"
let memoryRatio = Double(readingR8.peakBytes) / Double(max(readingFull.peakBytes, 1))
let fullState = 12 * readingFull.budget.trainable
let stepWords: String
switch Comparison(readingR8.secondsPerStep, readingFull.secondsPerStep) {
case .below: stepWords = "is faster than"
case .above: stepWords = "is slower than"
case .withinNoise: stepWords = "takes about as long as (within the seeds' noise)"
}
let memoryWords = memoryRatio < 0.95
    ? "LoRA r = 8's peak is \(Format.percent(memoryRatio, 0)) of full fine-tuning's: it saves full fine-tuning's "
        + "\(Format.bytes(fullState)) of gradients and Adam state, while every method pays for the frozen weights and "
        + "the activations of the forward pass, which it keeps for its backward pass."
    : "LoRA r = 8's peak is \(Format.percent(memoryRatio, 0)) of full fine-tuning's — no saving at this size: the "
        + "\(Format.bytes(fullState)) of gradients and Adam state it does not need are outweighed by the activations "
        + "its low-rank path adds. For every adapted projection the engine keeps, for the backward pass, the r-wide "
        + "x·Aᵀ, its product with Bᵀ and the sum with the frozen output — the last two as large as the layer's own "
        + "output. (Tailor's graph holds every intermediate tensor until the backward pass; PyTorch's autograd "
        + "keeps only what each backward needs, and would free the out-wide product.)"
book.prose("""
\(memoryWords) A LoRA step (\(Format.fixed(readingR8.secondsPerStep.mean * 1000, 1)) ms) \(stepWords) a full \
fine-tuning step (\(Format.fixed(fullStep.mean * 1000, 1)) ms); \(fastestWords). \
Why a LoRA step costs far more than its \(share(readingR8.budget.trainable)) of trainable parameters would \
suggest: freezing a layer saves only its weight gradient, while its *input* \
gradient must still be computed to reach the trainable layers below it, so the backward pass through \
a frozen layer costs about half of a trained one; and the adapter adds its own small products \
(x·Aᵀ, then ·Bᵀ, forward and backward), which at width \(config.width) are not small beside the frozen \
products. (The times are measured on whatever else the machine was doing; their intervals are over seeds. \
`swift run -c release bench lora` times the two kinds of step side by side and splits each into forward, \
backward and optimizer.) \
At 7 B parameters the balance turns: the weight gradients and Adam state are tens of gigabytes, and \
skipping them is what lets LoRA fit on one GPU.
""")

// MARK: - 9. Merging

book.section("Merging: no cost at inference")
book.prose("""
Because the update is linear, it can be folded into the weight once training is done: \
W ← W + (α/r)·B·A. The merged model is a plain GPT — the same shapes and the same work per \
token as the base — and gives the same outputs up to float rounding. Unmerging subtracts it \
again, which is how one base serves several adapters.
""")
guard let r8Model = readingR8.outcomes[0].model as? GPT else { book.stop("the LoRA model is not a GPT") }
let probeBatch = readingTest.prefix(8).map { Array($0.prompt.prefix(24)) }.filter { $0.count == 24 }
let probeInput = probeBatch.flatMap { $0 }
let unmergedLogits = Tensor.withoutGradient { r8Model(probeInput, batch: probeBatch.count) }
LoRA.merge(in: r8Model)
let mergedLogits = Tensor.withoutGradient { r8Model(probeInput, batch: probeBatch.count) }
let mergeDifference = zip(unmergedLogits.scalars, mergedLogits.scalars).map { abs($0 - $1) }.max() ?? 0
let logitScale = unmergedLogits.scalars.map(abs).max() ?? 0
LoRA.unmerge(in: r8Model)
let unmergedAgain = Tensor.withoutGradient { r8Model(probeInput, batch: probeBatch.count) }
let unmergeDifference = zip(unmergedLogits.scalars, unmergedAgain.scalars).map { abs($0 - $1) }.max() ?? 0
book.cell("LoRA.merge(in: model), then LoRA.unmerge(in: model)")
book.output("""
largest logit difference, merged vs unmerged:     \(Format.significant(Double(mergeDifference), 2))   \
(logits up to \(Format.fixed(Double(logitScale), 1)))
largest logit difference after unmerging again:   \(Format.significant(Double(unmergeDifference), 2))
""")
book.prose("""
An unmerged adapter costs 2·r·(in + out) extra multiply-adds per token and layer against the \
2·in·out of the weight: \(Format.percent(Double(8 * (2 * config.width)) / Double(config.width * config.width), 1)) \
more for r = 8 on a \(config.width)×\(config.width) projection, in the adapted layers only. \
Merging removes it exactly.
""")

// MARK: - 10. Subspaces

book.section("What the update learns: r = 8 against r = 64")
let similarityLayer = "blocks.0.attention.value"
let lowRank = 8, highRank = knowledgeRanks.last ?? 64
book.prose("""
If ΔW really has low intrinsic rank, a rank-\(highRank) adapter should not find many more useful \
directions than a rank-\(lowRank) one. The LoRA paper (§7.2) compares the **input side** of two \
adapters of one layer: with U and V the right singular vectors of A_{r=\(lowRank)} and \
A_{r=\(highRank)},

    φ(i, j) = ‖U[:, :i]ᵀ · V[:, :j]‖²_F / min(i, j)

is 1 when the top i directions of one lie in the top j of the other. For random subspaces of \
ℝᵈ it is not 0 but about **max(i, j)/d**: d = \(config.width) here, so φ(\(lowRank), \(highRank)) \
by chance alone is \(Format.fixed(SubspaceSimilarity.chanceLevel(lowRank, highRank, dimension: config.width), 2)). \
We compare the knowledge task's adapters (seed 1) at \(similarityLayer).
""")
@MainActor func loraA(_ measured: MeasuredMethod?) -> Tensor? {
    guard let measured, let model = measured.outcomes.first?.model else { return nil }
    return LoRA.layers(in: model).first { $0.name == similarityLayer }?.layer.loraA
}
if let firstA = loraA(knowledgeLoRA[lowRank]), let secondA = loraA(knowledgeLoRA[highRank]) {
    let similarity = SubspaceSimilarity.inputGrid(firstA: firstA, secondA: secondA, rows: lowRank, columns: highRank)
    var similarityFigure = Figure("subspace-similarity",
                                  title: "φ(i, j): A of r = \(lowRank) against A of r = \(highRank), "
                                      + similarityLayer,
                                  xLabel: "j: top directions of A (r = \(highRank))",
                                  yLabel: "i: of A (r = \(lowRank))")
    similarityFigure.heatmap = Heatmap(similarity, rowLabels: (1...similarity.count).map(String.init),
                                       columnLabels: (1...similarity[0].count)
                                           .map { $0 % 8 == 0 || $0 == 1 ? String($0) : "" },
                                       colorRange: 0...1)
    similarityFigure.height = 440
    book.figure(similarityFigure, caption: "Bright: shared directions. By chance alone φ(i, j) ≈ max(i, j)/d, "
                + "so the right-hand columns are bright even for unrelated subspaces.")
    var similarityTable = Table(["(i, j)", "φ measured", "chance max(i, j)/d", "above chance by"])
    for (i, j) in [(1, 1), (lowRank, lowRank), (1, highRank), (lowRank, highRank)] where i <= similarity.count
        && j <= similarity[0].count {
        let measured = similarity[i - 1][j - 1], chance = SubspaceSimilarity.chanceLevel(i, j, dimension: config.width)
        similarityTable.append(["(\(i), \(j))", Format.fixed(measured, 3), Format.fixed(chance, 3),
                                Format.fixed(measured - chance, 3)])
    }
    book.table(similarityTable)
    // How far A moved from where it started: the same recipe and seed rebuild the starting A.
    func movement(_ measured: MeasuredMethod?, trained: Tensor) -> Double {
        guard let measured else { return 0 }
        let start = LoRA.layers(in: knowledgeTask.prepared(measured.method, seed: seeds[0]))
            .first { $0.name == similarityLayer }?.layer.loraA
        guard let start else { return 0 }
        let change = zip(trained.scalars, start.scalars).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        let size = start.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (change / max(size, 1e-30)).squareRoot()
    }
    let lowMovement = movement(knowledgeLoRA[lowRank], trained: firstA)
    let highMovement = movement(knowledgeLoRA[highRank], trained: secondA)
    let corner = similarity[similarity.count - 1][similarity[0].count - 1]
    let cornerChance = SubspaceSimilarity.chanceLevel(similarity.count, similarity[0].count, dimension: config.width)
    let firstChance = SubspaceSimilarity.chanceLevel(1, 1, dimension: config.width)
    /// "well above" when the excess is large or a multiple of chance; "a little above", "at", "below".
    func standing(_ value: Double, _ chance: Double) -> String {
        let excess = value - chance
        if excess >= 0.15 || (excess >= 0.03 && value >= 3 * chance) { return "well above" }
        if excess >= 0.03 { return "a little above" }
        return excess > -0.03 ? "at" : "below"
    }
    let interpretation = max(lowMovement, highMovement) < 0.25
        ? "A has moved little from its random start, so the input directions the adapters use are still mostly the "
            + "ones they were drawn with, and φ says little about what was learned; the paper's runs were long enough "
            + "for A to move far from its start"
        : "A has moved far enough from its random start for φ to reflect what was learned"
    book.prose("""
    φ(1, 1) = \(Format.fixed(similarity[0][0], 3)) is \(standing(similarity[0][0], firstChance)) its chance level \
    1/d = \(Format.fixed(firstChance, 3)); φ(\(similarity.count), \(similarity[0].count)) = \
    \(Format.fixed(corner, 3)) is \
    \(standing(corner, cornerChance)) its chance level \(Format.fixed(cornerChance, 3)). In \(knowledgeSet.steps) \
    steps A moved by \(Format.percent(lowMovement, 0)) (r = \(lowRank)) and \(Format.percent(highMovement, 0)) \
    (r = \(highRank)) of its starting norm: \(interpretation).
    """)
}

// MARK: - 11. Adapters as files

book.section("An adapter is a small file")
book.prose("""
The trained part of a LoRA fine-tune is A and B — nothing else. Saved on its own, with its \
rank, α and a fingerprint of the base model it belongs to, it is a file of kilobytes, and one \
base can carry one adapter per task, switched by copying A and B in.
""")
let adapterURL = book.checkpointsDirectory.appendingPathComponent("05-lora-r8.safetensors")
let modelURL = FileManager.default.temporaryDirectory
    .appendingPathComponent("tailor-05-full-\(ProcessInfo.processInfo.processIdentifier).safetensors")
var sizeTable = Table(["file", "trainable numbers (share of the model)", "file size", "share of the model file"])
do {
    try FileManager.default.createDirectory(at: book.checkpointsDirectory, withIntermediateDirectories: true)
    try base.save(to: modelURL)
    let modelBytes = (try FileManager.default.attributesOfItem(atPath: modelURL.path)[.size] as? Int) ?? 1
    try? FileManager.default.removeItem(at: modelURL)
    sizeTable.append(["a fully fine-tuned model", "\(Format.count(baseParameters)) (100 %)", Format.bytes(modelBytes),
                      "100 %"])
    var adapters: [(String, MeasuredMethod)] = [("reading, r = 8 (q, k, v, o)", readingR8)]
    for rank in knowledgeRanks {
        if let measured = knowledgeLoRA[rank] { adapters.append(("knowledge, r = \(rank) (all linear)", measured)) }
    }
    for (label, measured) in adapters {
        guard let model = measured.outcomes.first?.model else { continue }
        let adapter = LoRAAdapter(capturing: model)
        let trainable = "\(Format.count(measured.budget.trainable)) (\(share(measured.budget.trainable)))"
        sizeTable.append(["LoRA adapter, \(label)", trainable, Format.bytes(adapter.fileSize),
                          Format.percent(Double(adapter.fileSize) / Double(modelBytes), 2)])
    }
    try LoRAAdapter(capturing: r8Model).write(to: adapterURL)
} catch {
    book.stop("writing the adapter: \(error)")
}
book.table(sizeTable)
book.prose("""
The file's share is a little above the trainable share: the file also holds names, shapes, \
rank, α and the base's fingerprint, which weigh most in the smallest adapters.
""")

// Load it onto a fresh copy of the base, switch between two adapters, and try a wrong base.
let server = base.copied()
var serverRNG = SplitMix64(seed: 99)
LoRA.apply(to: server, targets: LoRATarget.attention, rank: 8, alpha: loraAlpha, rng: &serverRNG)
let blankAdapter = LoRAAdapter(capturing: server)                    // B = 0: the base model's behaviour
@MainActor func serverAccuracy() -> String {
    Format.percent(matchShare(SupervisedTask.evaluate(readingTest, model: server, padding: endID).matches))
}
var switchLines: [String] = []
do {
    let loaded = try LoRAAdapter.read(from: adapterURL)
    try loaded.apply(to: server, file: adapterURL.lastPathComponent)
    switchLines.append("loaded \(adapterURL.lastPathComponent) onto a fresh base: accuracy \(serverAccuracy()) "
                       + "(the run it came from: \(Format.percent(readingR8.outcomes[0].accuracy)))")
    try blankAdapter.apply(to: server)
    switchLines.append("switched to an empty adapter (B = 0):                accuracy \(serverAccuracy())")
    try loaded.apply(to: server)
    switchLines.append("and back to the trained one:                          accuracy \(serverAccuracy())")
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
    switchLines.append("loading onto a randomly initialised model: refused —\n  \(error)")
}
book.cell("One base, several adapters")
book.output(switchLines.joined(separator: "\n"))

// MARK: - At scale

book.section("At scale")
book.prose("""
Hugging Face's `peft` does what this chapter did, on any PyTorch model:

    from peft import LoraConfig, get_peft_model
    config = LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05,
                        target_modules="all-linear",     # or ["q_proj", "v_proj"]
                        use_rslora=False)                # True: α/√r instead of α/r
    model = get_peft_model(model, config)
    model.print_trainable_parameters()
    # … train …
    model.save_pretrained("adapter/")     # adapter_model.safetensors: A and B only
    merged = model.merge_and_unload()     # W ← W + (α/r)·B·A, a plain model again

`lora_alpha=16` is this chapter's α (`peft`'s default is 8); `peft` initialises A \
Kaiming-uniform, as Tailor does (`init_lora_weights="gaussian"` gives the paper's Gaussian). \
On Llama 2 7B (32 layers, d = 4,096), r = 8 on W_q and W_v trains 32 · 2 · 8 · (4,096 + 4,096) \
= 4.2 million numbers — 0.06 % of 6.7 billion — and the adapter file is about 17 MB against \
13.5 GB for the model in 16-bit. The frozen weights still have to sit in GPU memory, though: \
that is what chapter 6's QLoRA shrinks, by storing them in 4 bits. The other methods are in \
`peft` too (`PromptTuningConfig`, `PrefixTuningConfig`, `IA3Config`); BitFit is a loop that \
sets `requires_grad` on the biases. Tailor's adapter files are safetensors, so \
`safetensors.safe_open` reads them.
""")
book.remark("the experiments of this run took \(Format.duration(chapterClock.seconds))")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 5).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.finish()
