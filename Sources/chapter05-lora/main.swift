// Chapter 5 · LoRA and parameter-efficient fine-tuning
//
// Read this file top to bottom: it is the chapter. `swift run chapter05-lora` fine-tunes
// chapter 3's model on two tasks in several ways, each at a learning rate chosen on a
// validation split and with three seeds, compares them with intervals, and writes
// Chapters/05-lora.md. `--sweep` re-runs the learning-rate sweep first and rewrites
// Chapters/05-lora-learning-rates.json, which the default run reads.
//
// The chapter is laid out as the page it weaves, prose block by prose block, so swift-format
// leaves it alone (Sources/ARCHITECTURE.md, "Style"); every module, test and tool is formatted.
// swift-format-ignore-file

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
let book = Notebook(chapter: 5, options: options)
let quick = options.quick
let chapterClock = Stopwatch()

// MARK: - 0. The pretrained model

let (tokenizer, base) = Bookshelf.pretrained(for: book)
let config = base.config
guard let endID = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn) else {
    book.stop("the tokenizer has no chat markers; re-run `swift run chapter01-tokenizer`")
}
let baseParameters = ParameterBudget(of: base).total

/// Trainable numbers as a share of the pretrained model's parameters — one definition for every table.
@MainActor func share(_ trainable: Int) -> String { MethodTables.share(trainable, of: baseParameters) }

// MARK: - 1. Why full fine-tuning is expensive

book.onRamp(build: """
LoRA: a layer that keeps a pretrained weight frozen and trains a low-rank update beside it, \
the code that puts it into a model, and merging it back into the weight. Six other ways of \
fine-tuning run through the same harness for comparison.
""", measure: """
on two tasks (answering questions about a story, and memorising invented facts) how LoRA \
compares with full fine-tuning and with the other methods, what each forgets of the stories \
and costs in time and memory, how the rank matters, and what the update learns.
""", takes: """
chapter 3's pretrained model and chapter 1's tokenizer (made here, exactly, if they are \
missing), and chapter 4's tools for the spectrum of an update.
""")

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
let ourModel = "our GPT (\(config.layers) layers, d = \(config.width))"
book.table(MethodTables.fullFineTuningMemory([(ourModel, Double(baseParameters)), ("GPT-2 small", 124e6),
                                              ("Llama 2 7B", 6.74e9)]))
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
Accuracy is exact match of the **greedy** answer (at each step the likeliest token, no \
sampling); beside it we report the answer's cross-entropy \
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
let lengths = readingSet.trainingLengths
book.result("reading", "\(readingSet.training.count) training, \(readingSet.validation.count) validation and "
            + "\(readingTest.count) test questions, one per story (stories shared between splits: "
            + "\(readingSet.storiesSharedBetweenSplits)); \(Format.fixed(lengths.mean, 1)) tokens on average, "
            + "at most \(lengths.largest) of \(config.contextLength)")
book.result("knowledge", "\(facts.count) invented facts, each a creature and one of \(WordClass.place.members.count) "
            + "places; the test is recall of the whole table")

// MARK: Baselines

let majorityAnswer = readingSet.majorityAnswer
let majorityByKind = Dictionary(uniqueKeysWithValues: StoryQuestionKind.allCases.map {
    ($0, readingSet.majorityShare(of: $0)) })
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
                      Format.percent(factMajority), "—"])
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
ΔW of fine-tuning has low "intrinsic rank" — a few singular directions do most of its work, as \
chapter 4 measured — and proposed to *train ΔW in factored form*:

    ΔW = (α/r) · B · A        A: [r, in],  B: [out, r],  r ≪ min(in, out)
    y  = x·Wᵀ + b + (α/r) · (x·Aᵀ)·Bᵀ        — W and b frozen

Here x is a row vector, as in the code; exercise 5.1 writes the same with column vectors, \
W·x + b + (α/r)·B·(A·x). A projects the input down to r numbers, B projects them back up. Only A and B train: \
r·(in + out) numbers instead of in·out. **B starts at zero**, so at the first step ΔW = 0 and \
the model is exactly the pretrained one. A starts random: the paper drew it from a Gaussian; \
Tailor, like Hugging Face's `peft`, draws it Kaiming-uniform: uniformly between ±1/√in, a \
range named after Kaiming He (He et al. 2015) that shrinks with the input width, so that x·Aᵀ \
starts at about the same size whatever in is. The factor α/r is meant \
to keep the update's size about the same whichever r you choose; we use **α = \(Int(loraAlpha)) \
throughout** (`peft`'s default is 8). With Adam, α = 16 and α = 8 differ only by a factor on the \
learning rate, which our sweep chooses anyway: Adam's steps have about the same size whatever \
the gradient's scale, so each step changes B·A by about the learning rate, and the output by \
α/r times that. The knowledge task below compares ranks, and there the scale is α/√r instead; \
section 5.6 explains why and measures both.
""")
book.figure(ConceptDiagrams.lowRankUpdate(inputs: config.width, outputs: config.width, rank: 8, scale: "α/r"),
            caption: "LoRA on one \(config.width)×\(config.width) projection at r = 8: the input takes two paths, and only "
                + "the lower one trains.")
book.prose("""
`LoRALinear` is that picture in code. It holds the layer it adapts, whatever kind of linear \
layer that is, and adds the low-rank path to the base's output. A [..., in] input goes down \
through A to r numbers, is scaled, and goes up through B to [..., out]. The `dropout` branch \
is PEFT's `lora_dropout`, which zeroes random inputs of the low-rank path while training to \
regularise it; this chapter leaves it at 0.
""")
book.listing("lora-forward", in: "Sources/Adapters/LoRA/LoRALinear.swift", caption: "LoRA's forward pass")
book.prose("""
`scale` is the factor α/r, or α/√r, computed from the layer's α, r and its choice of scaling:
""")
book.listing("lora-scale", in: "Sources/Adapters/LoRA/LoRALinear.swift", caption: "the factor on the low-rank path")
book.prose("""
Only A and B are parameters that train. Making the layer draws A, sets B to zeros and \
freezes the base, so gradients for the base's weights are never computed. (The gradient with \
respect to the layer's *input* still flows through W, to the layers below.) A must not start \
at zero as well: with both at zero, no gradient would ever reach either of them, and the update \
would stay zero for ever. Exercise 5.5 shows why.
""")
book.listing("lora-init", in: "Sources/Adapters/LoRA/LoRALinear.swift", caption: "LoRA's starting point")
book.prose("""
`rng` is the book's seeded random-number generator (SplitMix64), so a seed fixes every A. To \
put LoRA into a model, each targeted linear layer is wrapped where it stands. A model lists \
its linear layers as named **slots** (`blocks.0.attention.query`, …), each of which can be \
read and replaced:
""")
book.listing("lora-apply", in: "Sources/Adapters/LoRA/LoRA.swift", caption: "putting adapters into a model")
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
let sweepPlan = SweepPlan(readingMethods.map { .init(readingTask, $0, readingRange($0)) }
    + [.init(knowledgeTask, FullFineTuning(), rates(3e-4, 1e-2))]
    + knowledgeRanks.map { .init(knowledgeTask, allLinearLoRA(rank: $0), rates(5e-4, 1e-2)) })

let ratesURL = book.chaptersDirectory.appendingPathComponent("05-lora-learning-rates.json")
let committedRatesURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    .appendingPathComponent("Chapters/05-lora-learning-rates.json")
let ratesNote = "validation exact match minus 0.001 × validation answer loss; seed \(sweepSeed); "
    + "reading: \(readingSet.validation.count) validation questions from other stories; "
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
if !sweepPlan.missing(from: rateTable).isEmpty {
    book.section("The learning-rate sweep")
    let kinds = splits.validation.map(\.kind)
    book.table(sweepPlan.sweepMissing(into: &rateTable, seed: sweepSeed) { entry, outcome in
        guard entry.experiment.task.name == readingSet.name else { return }
        book.remark("validation by kind: " + StoryQuestionKind.allCases.map { kind in
            "\(kind.rawValue) " + Format.percent(outcome.accuracy(where: { kinds[$0] == kind }), 0)
        }.joined(separator: ", "))
    })
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
let rateListing = sweepPlan.listing(of: rateTable)
let edgeChoices = rateListing.atEdge, candidateCount = rateListing.fewestCandidates
book.prose("""
A comparison of methods is only as good as its protocol. Ours: the reading questions come from \
three disjoint sets of stories — training, validation, test. Each method's learning rate is \
chosen from \(candidateCount) or more log-spaced values (each a fixed multiple of the one before) by its \
score on the **validation** split: when the \
best is the lowest or highest value tried, the sweep steps outward, up to three more values, until a worse \
value lies on each side of it (`--sweep` re-runs the sweep and rewrites Chapters/05-lora-learning-rates.json, which this run read; its note: \
"\(rateTable.note)"). The test split is used once, for the numbers below. Every configuration \
is trained with \(seeds.count) seeds (the order of the batches and the initialisation of the \
new pieces), and reported as the mean ± the half-width of a 95% **t-interval** over the seeds: \
a range built from how much the seeds differ, so that 95% of such ranges hold the mean the \
recipe would reach over endless seeds. Its half-width counts **standard errors** (the seeds' standard \
deviation divided by \
√\(seeds.count)), and the count comes from Student's t distribution, which widens the interval \
to allow for so few seeds: with \(seeds.count) seeds the half-width is \
\(Format.fixed(Estimate.tQuantile(degreesOfFreedom: max(seeds.count - 1, 1)), 1)) standard errors. \
Training: \(readingSet.steps) steps of \
\(readingSet.batchSize) examples, AdamW without weight decay (which for LoRA would pull B·A, the update, towards \
zero), a short warmup and a cosine decay. \
\(edgeChoices.isEmpty ? "Every chosen rate lies inside its range, so each range held its best candidate."
    : "Chosen at the edge of its range, so a rate outside it might do better: "
      + edgeChoices.joined(separator: "; ") + ".")
""")
book.cell("Chapters/05-lora-learning-rates.json")
book.table(rateListing.table)

// MARK: - 5. Reading

book.section("Reading: full fine-tuning against the PEFT family")
book.prose("""
LoRA is one of three families of parameter-efficient methods (Lialin et al. 2023):

- **additive** — add new trainable pieces: *bottleneck adapters* (Houlsby et al. 2019), a small \
down-GELU-up network after each attention output and each MLP; *prompt tuning* (Lester et \
al. 2021), \(softPromptLength) trainable vectors put in front of the input; and *IA³* (Liu et al. \
2022), three learned vectors per block that rescale its keys, its values and its MLP's hidden \
activations, each starting at 1.
- **selective** — train a chosen few of the existing weights: *BitFit* (only the biases), \
*LayerNorm tuning* (only the LayerNorms' γ and β).
- **reparametrised** — train a compact form of the update: *LoRA*, here on the four attention \
projections W_q, W_k, W_v, W_o of every block at r = 8 (the knowledge task below adapts every \
linear layer).

They share one mechanism: freeze everything, mark what trains, count it the same way. In the \
code that mechanism is one protocol. A method says who it is and turns a copy of the \
pretrained model into the model that trains; the trainer, the evaluation and the parameter \
count read only the result, so they are the same for every method:
""")
book.listing("fine-tuning-method", in: "Sources/Adapters/FineTuningMethod.swift",
             caption: "what a fine-tuning method is")
book.prose("""
For LoRA, `prepare` is section 5.3's `LoRA.apply` on a copy of the pretrained model.
""")
let reading = readingMethods.map { readingTask.measure($0, rates: rateTable) }
guard let readingFull = reading.first(where: { $0.method is FullFineTuning }),
      let readingR8 = reading.first(where: { $0.method.id == readingLoRA.id }) else {
    book.stop("a reading method is missing")
}
let majorityEstimate = Estimate(constant: majorityOverall)
let readingTable = MethodTables.results(reading, modelParameters: baseParameters, baselines: [
    ["majority answer", "—", "0", "0 %", "—", Format.percent(majorityOverall), "—"],
    ["untuned model", "—", "0", "0 %", "—", Format.percent(matchShare(untunedReading.matches)),
     Format.fixed(mean(untunedReading.losses), 3)],
])
book.cell("\(readingTest.count) test questions, \(seeds.count) seeds each (mean ± 95% interval)")
book.table(readingTable)

let bestReading = reading.max { $0.accuracy.mean < $1.accuracy.mean } ?? readingFull
let otherPEFT = reading.filter { $0.name != readingFull.name && $0.name != readingR8.name }
let peftNoun = StandingWords.Noun(one: "parameter-efficient method", many: "parameter-efficient methods")
book.prose("""
On the reading task \(Verdicts.accuracySentence(readingR8, against: readingFull)), with \
\(share(readingR8.budget.trainable)) of its parameters trained. \
\(Verdicts.standing(readingR8, called: "LoRA r = 8", against: otherPEFT, noun: peftNoun)) \
The best method is \(bestReading.name); it \(Comparison.verb(bestReading.accuracy, majorityEstimate)) \
the majority baseline (\(Format.percent(majorityOverall))). \
\(Verdicts.shortfall(of: reading, against: readingFull))
""")

// Per kind of question, for every method, against the majority answer of the kind.
let testKinds = splits.test.map(\.kind)
let byKind = KindBreakdown(methods: reading, testKinds: testKinds, untunedMatches: untunedReading.matches,
                           majorityAnswer: majorityAnswer, majorityShare: majorityByKind)
book.cell("Exact match by kind of question (in brackets: the commonest training answer of the kind)")
book.table(byKind.table)
book.prose("""
The majority column is the baseline of each kind: the share of test questions whose answer is \
the commonest training answer of that kind. \(byKind.verdict(steps: readingSet.steps))
""")

// MARK: Figures of the reading task

book.figure(MethodFigures.accuracyAgainstParameters(reading, baselines: [
    ("majority answer", majorityOverall), ("untuned model", matchShare(untunedReading.matches)),
]), caption: "Each point is the mean of \(seeds.count) seeds; the bars are 95% intervals. Dashed: the two baselines.")
book.figure(MethodFigures.trainingLoss([readingFull, readingR8]),
            caption: "Training loss (moving average of 10 steps); ticks at 0.05, 0.1, 0.2, 0.5, 1, 2, 5.")
book.figure(MethodFigures.accuracyByKind(reading, testKinds: testKinds, majorityShare: majorityByKind),
            caption: "Mean of \(seeds.count) seeds with 95% intervals, per kind of question; "
            + "the lone points are each kind's majority baseline.")

// MARK: - 6. Knowledge

book.section("Knowledge: where rank runs out")
let factBits = Int((Double(facts.count) * log2(Double(WordClass.place.members.count))).rounded())
book.prose("""
Reading needs a small change: where to look, which token to copy. Memorising \(facts.count) \
arbitrary facts needs the weights to *store* about \(facts.count) × log₂ \
\(WordClass.place.members.count) ≈ \(factBits) \
bits that no pretraining put there. Here LoRA adapts **every linear layer of the blocks** (not \
the head) — the MLPs are \
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
let knowledgeTable = MethodTables.results(
    knowledgeRuns, modelParameters: baseParameters, accuracyHeader: "recall (exact match)", showsFamily: false,
    baselines: [["majority answer", "0", "0 %", "—", Format.percent(factMajority), "—"]])
book.cell("\(facts.count) invented facts, \(seeds.count) seeds each (mean ± 95% interval)")
book.table(knowledgeTable)
let rankRecall = knowledgeRanks.compactMap { rank in knowledgeLoRA[rank].map { (rank, $0.accuracy) } }
let rankWords = RankSweepWords(ranks: rankRecall, full: knowledgeFullRun.accuracy, steps: knowledgeSet.steps)
book.prose("""
Full fine-tuning recalls \(Format.percent(knowledgeFullRun.accuracy)) of the table, and \
\(rankWords.againstFull). Rank by rank, \(rankWords.neighbours.joined(separator: ", and ")). \
\(rankWords.trend)
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
let scaling = ScalingComparison(alpha: loraAlpha, rootScaled: knowledgeRanks.compactMap { rank in
    knowledgeLoRA[rank].map { (rank, $0) } }, linearScaled: linearRuns)
book.cell("Recall of the facts: one rate per rank, two scalings")
book.table(scaling.table)
book.prose("""
Measured: \(scaling.summary).
""")

let rankFigure = MethodFigures.recallAgainstRank(
    rootScaled: rankRecall,
    linearScaled: linearRanks.compactMap { rank in linearRuns[rank].map { (rank, $0.accuracy) } },
    full: knowledgeFullRun.accuracy, majority: factMajority)
book.figure(rankFigure, caption: "Mean of \(seeds.count) seeds with 95% intervals (at r = 1 the two scalings "
            + "are the same); full fine-tuning and the majority answer as horizontal lines.")

// MARK: - 7. Forgetting

book.section("What fine-tuning forgets")
book.prose("""
A fine-tune that learns its task may lose some of what pretraining taught. Measure it: the \
loss on \(storyWindows) windows of held-out stories (\(storyContext) tokens each), the text \
the model was pretrained to continue, before and after each fine-tune.
""")
book.table(MethodTables.forgetting([("reading", reading), ("knowledge", knowledgeRuns)], baseLoss: baseStoryLoss))
let knowledgeR8 = knowledgeLoRA[8] ?? knowledgeRuns[knowledgeRuns.count - 1]
let learnsLess = Comparison(knowledgeR8.accuracy, knowledgeFullRun.accuracy) == .below
let forgetsLess = Comparison(knowledgeR8.extra, knowledgeFullRun.extra) == .below
let verdict = Verdicts.learnsLessForgetsLess(learnsLess: learnsLess, forgetsLess: forgetsLess)
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
let fullStep = readingFull.secondsPerStep
book.cell("Reading task: batch \(readingSet.batchSize), examples of up to \(maximumExampleTokens) tokens")
book.table(MethodTables.cost(reading, reference: readingFull))
let stepWords = Verdicts.stepTime(readingR8.secondsPerStep, against: readingFull.secondsPerStep)
book.prose("""
\(Verdicts.memory(lora: readingR8, full: readingFull)) \
A LoRA step (\(Format.fixed(readingR8.secondsPerStep.mean * 1000, 1)) ms) \(stepWords) a full \
fine-tuning step (\(Format.fixed(fullStep.mean * 1000, 1)) ms). \(Verdicts.fastest(reading)) \
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
book.listing("lora-merge", in: "Sources/Adapters/LoRA/LoRALinear.swift", caption: "merging and unmerging")
guard let r8Model = readingR8.outcomes[0].model as? GPT else { book.stop("the LoRA model is not a GPT") }
let merging = MergeCheck(readingLoRA, in: r8Model,
                         probes: readingTest.prefix(8).map { Array($0.prompt.prefix(24)) }.filter { $0.count == 24 })
book.cell("LoRA.merge(in: model), then LoRA.unmerge(in: model)")
book.output("""
largest logit difference, merged vs unmerged:     \(Format.significant(Double(merging.mergedDifference), 2))   \
(logits up to \(Format.fixed(Double(merging.logitScale), 1)))
largest logit difference after unmerging again:   \(Format.significant(Double(merging.unmergedAgainDifference), 2))
""")
book.prose("""
An unmerged adapter costs 2·r·(in + out) extra floating-point operations (a multiply-add is \
two) per token and layer against the 2·in·out of the weight: \(Format.percent(Double(8 * (2 * config.width)) / Double(config.width * config.width), 1)) \
more for r = 8 on a \(config.width)×\(config.width) projection, in the adapted layers only. \
Merging removes it exactly.
""")

// MARK: - 10. Subspaces

book.section("What the update learns: r = 8 against r = 64")
let similarityLayer = "blocks.0.attention.value"
let lowRank = quick ? knowledgeRanks[0] : 8, highRank = knowledgeRanks.last ?? 64  // --quick has ranks 1 and 8 only
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
/// A of `similarityLayer` in the first seed's model of `measured`, trained and as it started.
@MainActor func loraA(_ measured: MeasuredMethod?) -> (trained: Tensor, start: Tensor)? {
    guard let measured, let model = measured.outcomes.first?.model else { return nil }
    let start = knowledgeTask.prepared(measured.method, seed: seeds[0])
    func a(_ model: any LanguageModel) -> Tensor? {
        LoRA.layers(in: model).first { $0.name == similarityLayer }?.layer.loraA
    }
    return a(model).flatMap { trained in a(start).map { (trained, $0) } }
}
if let low = loraA(knowledgeLoRA[lowRank]), let high = loraA(knowledgeLoRA[highRank]) {
    let comparison = SubspaceComparison(first: low.trained, firstStart: low.start, second: high.trained,
                                        secondStart: high.start)
    let grid = comparison.grid, rows = grid.count, columns = grid[0].count
    book.figure(comparison.figure(title: "φ(i, j): A of r = \(lowRank) against A of r = \(highRank), "
                                      + similarityLayer, firstRank: lowRank, secondRank: highRank),
                caption: "Bright: shared directions. By chance alone φ(i, j) ≈ max(i, j)/d, "
                + "so the right-hand columns are bright even for unrelated subspaces.")
    book.table(comparison.table)
    let corner = grid[rows - 1][columns - 1]
    book.prose("""
    φ(1, 1) = \(Format.fixed(grid[0][0], 3)) is \
    \(SubspaceComparison.standing(grid[0][0], chance: comparison.chance(1, 1))) \
    its chance level 1/d = \(Format.fixed(comparison.chance(1, 1), 3)); φ(\(rows), \(columns)) = \
    \(Format.fixed(corner, 3)) is \
    \(SubspaceComparison.standing(corner, chance: comparison.chance(rows, columns))) its chance level \
    \(Format.fixed(comparison.chance(rows, columns), 3)). In \(knowledgeSet.steps) \
    steps A moved by \(Format.percent(comparison.movement.first, 0)) (r = \(lowRank)) and \
    \(Format.percent(comparison.movement.second, 0)) (r = \(highRank)) of its starting norm: \
    \(comparison.interpretation).
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
do {
    try FileManager.default.createDirectory(at: book.checkpointsDirectory, withIntermediateDirectories: true)
    let adapters = [("reading, r = 8 (q, k, v, o)", readingR8)]
        + knowledgeRanks.compactMap { rank in knowledgeLoRA[rank].map { ("knowledge, r = \(rank) (all linear)", $0) } }
    book.table(AdapterFiles.sizeTable(modelBytes: try AdapterFiles.checkpointBytes(base),
                                      modelParameters: baseParameters, adapters: adapters))
    try LoRAAdapter(capturing: r8Model).write(to: adapterURL)
} catch {
    book.stop("writing the adapter: \(error)")
}
book.prose("""
The file's share is a little above the trainable share: the file also holds names, shapes, \
rank, α and the base's fingerprint, which weigh most in the smallest adapters.
""")

// Load it onto a fresh copy of the base, switch between two adapters, and try a wrong base.
let switchLines: [String]
do {
    switchLines = try AdapterFiles.switching(adapterURL, method: readingLoRA, base: base, task: readingSet,
                                             trainedAccuracy: readingR8.outcomes[0].accuracy)
} catch {
    book.stop("\(error)")
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
