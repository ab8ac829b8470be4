// Chapter 3 · Pretraining a small GPT
//
// Read this file top to bottom: it is the chapter. `swift run chapter03-pretraining` prints
// it, pretrains a GPT of about a million parameters on your CPU in a few minutes, and writes
// Chapters/03-pretraining.md with its figures. It saves the model for chapters 4–7.
//
// The chapter is laid out as the page it weaves, prose block by prose block, so swift-format
// leaves it alone (Sources/ARCHITECTURE.md, "Style"); every module, test and tool is formatted.
// swift-format-ignore-file

import Bookshelf
import LinearAlgebra
import Corpus
import Engine
import Exercises
import Experiments
import Foundation
import Notebook
import Tokenization
import Transformers
import Safetensors

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 3, options: options)

let quick = options.quick
/// Data, model size and schedule: the recipe later chapters rerun when this chapter's model is missing.
let recipe = PretrainingRecipe.book(quick: quick)
let corpusBytes = recipe.corpusBytes
let pretrainingSteps = recipe.steps
let batchSize = recipe.batchSize

book.onRamp(build: """
a GPT: the forward pass from token ids to logits, the next-token loss, one training step \
with AdamW, and sampling with a key/value cache. Then you pretrain it on the story world.
""", measure: """
the loss before and after pretraining, what the model writes at several temperatures, how \
validation loss falls as the model grows, and what training costs in memory.
""", takes: """
chapter 1's tokenizer and chapter 2's attention and transformer block. The model saved here \
is the one chapters 4 to 7 start from.
""")

// MARK: - 1. The objective

book.section("The objective: predict the next token")
book.prose("""
A GPT is trained on one task only: given the tokens so far, give a probability to every \
possible next token. The loss is the **cross-entropy** — the negative log-probability the \
model gave to the token that actually came next — averaged over every position of every \
sequence:

    L = −(1/N) Σ_t log p(x_{t+1} | x_1 … x_t)

One story of T tokens is T − 1 training examples at once: the causal mask of chapter 2 lets \
every position predict its successor in the same forward pass. Nothing is labelled by hand; \
the text is its own teacher. That is why it is called *self-supervised*, and why it scales \
to all the text there is.

Other objectives exist. **BERT** hides 15% of the tokens and predicts them from both sides \
(bidirectional, good for understanding, unable to generate left to right); **T5** maps an \
input sequence to an output sequence with an encoder and a decoder. Generative models from \
GPT-2 to Llama use the causal objective, and so does this book.
""")

let tokenizer: BytePairTokenizer
do { tokenizer = try Bookshelf.tokenizer(for: book) } catch { book.stop("\(error)") }
let exampleIDs = tokenizer.encode("Once upon a time, there was a little dog named Max.", allowingSpecialTokens: false)
book.cell("One sentence is many training examples")
var pairs: [String] = []
for t in 1..<min(exampleIDs.count, 9) {
    let context = exampleIDs[..<t].map { tokenizer.decode([$0]) }.joined()
    let padding = String(repeating: " ", count: max(0, 48 - context.count))
    pairs.append("\(padding)\(context) → ⟨\(tokenizer.decode([exampleIDs[t]]))⟩")
}
book.output(pairs.joined(separator: "\n"))

// MARK: - 2. The data and the model

book.section("The data and the model")
let tokens: [Int]
let corpusDescription: String
if let path = options.corpus {
    do {
        let text = try UserCorpus.load(path: path)
        tokens = tokenizer.encode(text, allowingSpecialTokens: false)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        corpusDescription = "your file \(MarkdownText.escaped(fileName)) (\(Format.bytes(text.utf8.count)))"
    } catch { book.stop("\(error)") }
} else {
    tokens = Bookshelf.storyTokens(tokenizer: tokenizer, bytes: corpusBytes, seed: options.seed)
    corpusDescription = "\(Format.bytes(corpusBytes)) of generated stories, each ended by `<|endoftext|>`"
}
let data = LanguageModelData(tokens: tokens, validationFraction: 0.1)
let config = recipe.config(vocabularySize: tokenizer.vocabularySize)
guard data.validationTokens.count > config.contextLength * 2 else {
    book.stop("the corpus is too small: \(tokens.count) tokens; give at least a few thousand words")
}
let (model, trainer) = Bookshelf.pretrainingRun(recipe: recipe, data: data, vocabularySize: tokenizer.vocabularySize,
                                                seed: options.seed)
let tokensPerStep = batchSize * config.contextLength
let epochs = Double(pretrainingSteps * tokensPerStep) / Double(data.trainingTokens.count)

book.prose("""
The text is \(corpusDescription), tokenized with chapter 1's tokenizer: \
\(Format.count(tokens.count)) tokens, of which the last 10% are held out for **validation**: text the model never trains on, \
kept to measure how well it does on text it has not seen. The \
model is GPT-2's design at \(Format.fixed(Double(config.width) / 768 * 100, 0))% of GPT-2 small's width \
(\(config.width) of 768) and 1/\(Format.count(Int((124e6 / Double(model.parameterCount)).rounded()))) of its \
124 million parameters: token and learned position embeddings, \(config.layers) pre-LayerNorm blocks of \
causal multi-head attention and a GELU MLP four times as wide, a final LayerNorm and a linear head to \
\(config.vocabularySize) **logits**: one score per possible next token, which a softmax (chapter 2) turns \
into probabilities.

Here is that whole forward pass. The token embeddings \
come in as a [B, T, d] tensor (B sequences of T tokens), the position embeddings are added, \
every block of chapter 2 rewrites the residual stream in turn, and a final LayerNorm prepares \
it for the head. A block, in chapter 2's words: x + attention(LayerNorm(x)), then that plus \
MLP(LayerNorm(that)). The **residual stream** is that x, which each branch reads and adds to; \
attention lets each position gather from the positions before it; the MLP works on each \
position alone, d → 4d → d, with a **GELU** in the middle (a smooth version of max(0, x)).

The listings are Swift. For a reader who knows Python: `let` is a constant and `var` a \
variable; `guard let cache else { … }` runs its braces when `cache` is nil; `a ?? b` is a \
unless a is nil; `&x` passes x to be changed in place; `$0` is a closure's first argument. The code writes S for the number of positions and C for the width (T and d \
in the prose). `dropout` passes x through unchanged here: this book's models train without \
dropout. The cache path, used when sampling, is left out:
""")
book.listing("gpt-forward", in: "Sources/Transformers/GPT.swift", caption: "the GPT's forward pass")
book.prose("""
The head turns each d-wide vector into \(config.vocabularySize) logits, and the loss compares \
them with the tokens that came next. `crossEntropy` is one op of the **engine**, \
the book's own tensor library (chapter 2 shows how each op records itself so that \
`backward()` can apply the chain rule): it takes the \
log-softmax of each row and averages −log p of the target. Its gradient with respect to a \
row of logits is simply the softmax minus the one-hot target, divided by the number of \
positions:
""")
book.listing("gpt-logits-loss", in: "Sources/Transformers/GPT.swift", caption: "logits and the next-token loss")
book.prose("""
`self(ids, batch:)` is the whole model: the token embeddings of the ids, through \
`hiddenStates` above, then the head. `ignoreIndex` marks targets that do not count; \
pretraining counts every position, and chapter 5 uses it to score only an answer's tokens.
""")
var configTable = Table(["setting", "value", "GPT-2 small"])
configTable.append(["vocabulary", Format.count(config.vocabularySize), "50,257"])
configTable.append(["context length", String(config.contextLength), "1,024"])
configTable.append(["width d", String(config.width), "768"])
configTable.append(["heads", String(config.heads), "12"])
configTable.append(["layers", String(config.layers), "12"])
configTable.append(["parameters", Format.count(model.parameterCount), "124 million"])
book.table(configTable)

var groups: [(String, Int)] = [("token embedding", 0), ("position embedding", 0), ("attention (Q, K, V, output)", 0),
                               ("MLP (up, down)", 0), ("LayerNorms", 0), ("output head", 0)]
for (name, tensor) in model.namedParameters() {
    let group = name.hasPrefix("tokenEmbedding") ? 0 : name.hasPrefix("positionEmbedding") ? 1
        : name.contains(".attention.") ? 2 : name.contains(".mlp.") ? 3 : name.hasPrefix("head") ? 5 : 4
    groups[group].1 += tensor.count
}
var groupTable = Table(["parameters in", "count", "share"])
for (name, count) in groups {
    groupTable.append([name, Format.count(count), Format.percent(Double(count) / Double(model.parameterCount))])
}
book.cell("Where the parameters are")
book.table(groupTable)
book.result("parameters counted in the model = the count GPTConfig derives from its shapes",
            "\(Format.count(model.parameterCount)) = \(Format.count(config.parameterCount))")
let headParameters = config.vocabularySize * config.width
book.prose("""
The count holds the V×d matrix twice because the output head here is its own matrix. GPT-2 and \
nanoGPT **tie** it to the token embedding — one V×d matrix both reads tokens in and scores \
them out — which would save \(Format.count(headParameters)) parameters, \
\(Format.percent(Double(headParameters) / Double(model.parameterCount))) of this model (at GPT-2 \
small's V = 50,257 and d = 768 tying saves 38.6 million, 31%). The book keeps them apart so that \
later chapters can freeze, adapt or quantize the head on its own; `GPTConfig(tiedHead: true)` \
ties them, and the export to Hugging Face (§3.9) says which the model does.
""")

// MARK: - 3. Before training

book.section("Before training: noise")
// @MainActor: these helpers read this file's top-level state, which Swift isolates to the main actor.
/// Samples `count` continuations of the story opening and returns their texts.
@MainActor func samples(count: Int, options sampling: SamplingOptions, seed: UInt64, length: Int = 90) -> [String] {
    var rng = SplitMix64(seed: seed)
    let prompt = tokenizer.encode("Once upon a time,", allowingSpecialTokens: false)
    let stop: Set<Int> = Set([tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfText)].compactMap { $0 })
    return (0..<count).map { _ in
        "Once upon a time," + tokenizer.decode(model.generate(prompt: prompt, maxNewTokens: length, options: sampling,
                                                               rng: &rng, stopTokens: stop))
    }
}
/// The share of complete sentences in `texts` that the story world's grammar accepts.
func grammaticalShare(_ texts: [String]) -> (share: Double, sentences: Int) {
    let sentences = texts.flatMap { StoryWorld.sentences(in: $0, keepingUnfinishedTail: false) }
    return (sentences.isEmpty ? 0 : StoryWorld.grammaticalShare(of: sentences), sentences.count)
}

let untrainedLoss = Double(model.validationLoss(on: data, batchSize: batchSize))
let untrainedSamples = samples(count: quick ? 4 : 12, options: SamplingOptions(temperature: 1), seed: options.seed)
/// Whether the text is the story world's: only then can its grammar judge the samples.
let storyWorldText = options.corpus == nil
let untrainedGrammar = grammaticalShare(untrainedSamples)
book.prose("""
An untrained model spreads its probability evenly, so its loss should be close to \
ln \(config.vocabularySize) = \(Format.fixed(log(Double(config.vocabularySize)), 2)) — the loss of a uniform guess. \
Losses here are in **nats**, the unit of a natural logarithm (a loss in bits would use log₂).
""")
book.result("validation loss before training",
            "\(Format.fixed(untrainedLoss, 3)) (uniform guess: \(Format.fixed(log(Double(config.vocabularySize)), 3)))")
book.cell("A sample from the untrained model")
book.output(String(untrainedSamples[0].prefix(300)))
if storyWorldText {
    book.result("grammatical sentences before training",
                "\(Format.percent(untrainedGrammar.share)) of \(untrainedGrammar.sentences) sentences")
} else {
    book.remark("The story world's grammar checks below are skipped: your text has a grammar of its own, "
                + "which the checker does not know.")
}

// MARK: - 4. Pretraining

book.section("Pretraining")
book.prose("""
Each step draws \(batchSize) random windows of \(config.contextLength + 1) tokens. In each window, tokens \
1 to \(config.contextLength) are the inputs and tokens 2 to \(config.contextLength + 1), the same text shifted \
by one, are the targets. The step computes the loss on all \(Format.count(tokensPerStep)) next-token \
predictions, and **backpropagates**: walks the \
computation backwards from the loss, by the chain rule, to get every weight's gradient — how fast \
the loss changes as that weight moves. It clips the gradient's norm (its length, as one long \
vector) to 1 and takes an **AdamW** step (β = 0.9, 0.95, weight decay 0.1; explained below). \
The clipping is global: when the norm of all the gradients together is above 1, every gradient \
is scaled down by the same factor, so one unusual batch cannot throw the weights far. The \
**learning rate**, the size of those steps, warms up over the first 5% of steps to 3·10⁻³ (at \
the start the weights are random and Adam's averages have seen few gradients, so large steps \
would be unreliable), then follows a cosine down to a tenth of that. \(pretrainingSteps) steps read \(Format.count(pretrainingSteps * tokensPerStep)) \
tokens: about \(Format.fixed(epochs, 1)) passes over the training text.

One step is the whole of training, repeated. Clearing the old gradients (`backward()` adds \
into them, so they would pile up from step to step), the forward pass to a loss, `backward()` \
to fill every parameter's gradient, clipping, and the optimiser's update. `loss` is the \
function the trainer was given: it draws the step's windows from `draw`, which is seeded by \
the step number (so a resumed run draws the same batches), and returns the GPT's loss of \
Listing 3.2:
""")
book.listing("train-step", in: "Sources/Transformers/Trainer.swift", caption: "one training step")
book.prose("""
**AdamW** (Loshchilov & Hutter 2019) keeps two running averages per parameter, each an \
**exponential moving average** (every step keeps a fixed share β of the old average and adds \
the rest of the new value): m, of the \
gradient (which way the weight should move), and v, of the squared gradient (how large its \
gradients usually are). The two β are how slowly the averages forget: 0.9 for m, 0.95 for v. \
Each weight moves against m, divided by the square root of v, so a weight whose \
gradients are small but steady moves about as fast as one whose gradients are large. Both \
averages start at zero and so are too small in the first steps; the **bias correction** \
scales them back up, strongly at first and less with every step. The weight decay is \
*decoupled*: it shrinks each weight by a small fraction of itself directly, instead of being \
added to the gradient, where Adam's scaling would divide it by the same typical size and so \
decay the weights with large gradients less. Writing that update for one \
parameter is exercise 3.5, so the engine's version is not shown here.
""")
book.cell("Pretraining \(Format.count(model.parameterCount)) parameters")
let pretrainingWatch = Stopwatch()
let curve = Bookshelf.train(model, with: trainer, recipe: recipe, data: data, book: book)
let pretrainingSeconds = pretrainingWatch.seconds
let finalValidation = Double(curve.last?.validationLoss ?? .nan)
// Saved now, before anything below trains further: this is the model chapters 4–7 load (or
// remake with the same recipe when it is missing).
// A model of the reader's own text goes to a file of its own: chapters 4–7 and `tailor` need the
// story world's model, and must never find another under its name.
let modelURL = book.checkpointsDirectory.appendingPathComponent(
    options.corpus == nil ? Bookshelf.modelFile : Bookshelf.userCorpusModelFile)
if let path = options.corpus {
    book.status("Trained on \(path): saving to \(modelURL.lastPathComponent), not \(Bookshelf.modelFile), "
                + "which stays the story world's model that chapters 4–7 use.")
}
do {
    try Bookshelf.save(model, recipe: recipe, data: data, to: modelURL,
                       corpus: options.corpus.map { "file:" + URL(fileURLWithPath: $0).lastPathComponent })
} catch {
    book.stop("could not save the model: \(error)")
}
let pretrainingRate = Double(pretrainingSteps * tokensPerStep) / pretrainingSeconds
book.remark("\(pretrainingSteps) steps in \(Format.duration(pretrainingSeconds)): \(Format.rate(pretrainingRate)) "
            + "tokens/s on \(BLASRuntime.kernelName) kernels.")

var lossFigure = Figure("loss", title: "Pretraining loss on the story world", xLabel: "step",
                        yLabel: "cross-entropy (nats)")
// The trainer's moving average of 20 steps shows the trend under the batch-to-batch noise.
lossFigure.add(Series("training (20-step average)", x: curve.map { Double($0.step) },
                      y: curve.map { Double($0.smoothedLoss) }))
let validationPoints = curve.filter { $0.validationLoss != nil }
lossFigure.add(Series("validation", x: validationPoints.map { Double($0.step) },
                      y: validationPoints.compactMap { $0.validationLoss.map(Double.init) }, style: .linesPoints))
lossFigure.logY = true
// Label the log axis inside one decade.
lossFigure.extraCommands = ["set ytics (0.5, 0.6, 0.8, 1, 1.5, 2, 3, 4, 6, 8)"]
// The caption reads the final gap between the two curves.
let trainingAtEnd = Double(curve.last?.smoothedLoss ?? .nan)
let generalisationGap = finalValidation - trainingAtEnd
let textName = storyWorldText ? "the world" : "your text's language"
book.figure(lossFigure, caption: abs(generalisationGap) < 0.05
    ? "Training and validation loss fall together (they end \(Format.fixed(abs(generalisationGap), 3)) apart): "
        + "the model is learning \(textName), not memorising its training text."
    : "Validation loss ends \(Format.fixed(generalisationGap, 3)) nats above the training loss: the model has "
        + "begun to fit its training text more than held-out text.")
/// What a low perplexity means in the story world, whose grammar fixes most words.
let storyWorldPerplexityNote = " Most positions of a story-world story are nearly determined by the grammar; the "
    + "story's own choices are which name, which object, which place and how it ends. Whether the model keeps "
    + "those choices straight through a story is measured on its samples in the next section."
book.result("validation loss after pretraining",
            "\(Format.fixed(finalValidation, 3)) nats — perplexity \(Format.fixed(exp(finalValidation), 2))")
book.prose("""
**Perplexity** is e^loss: the number of equally likely tokens the model is, on average, \
choosing between. Untrained it was \(Format.fixed(exp(untrainedLoss), 0)), the whole vocabulary; now it is \
\(Format.fixed(exp(finalValidation), 2)).\(storyWorldText ? storyWorldPerplexityNote : "")
""")

// MARK: - 5. Samples

book.section("What the model writes")
book.prose("""
Generation feeds the model its own output, one token at a time, with the **KV cache**: each \
block keeps the keys and values it computed for earlier positions, so a new token costs one \
token's forward pass. **Temperature** divides the logits before the softmax: below 1 it \
sharpens the distribution towards the likeliest tokens, above 1 it flattens it.

Drawing a token from the logits takes a few lines. **Top-k** keeps only the k likeliest \
tokens, **top-p** (the nucleus) the fewest whose probabilities add up to p; this chapter \
samples with neither:
""")
book.listing("sampling-probabilities", in: "Sources/Transformers/Sampling.swift",
             caption: "what sampling draws from")
book.prose("""
Subtracting the largest logit before `expf` changes nothing after the division by the total, \
but keeps e^x from overflowing. The loop around it fills the cache with each prompt once \
(the **prefill**), then feeds back one token per unfinished sequence per step, as a batch, \
until a sequence stops or fills its row of the cache. The folded lines copy each row's new \
logits into `lastLogits`:
""")
book.listing("sampling-loop", in: "Sources/Transformers/Sampling.swift", caption: "generation with the KV cache")
let temperatures: [Float] = [0.5, 0.8, 1.0, 1.5]
var grammarTable = Table(["temperature", "grammatical sentences", "sentences checked",
                          "samples keeping names and pronouns straight"])
var firstSamples: [String] = []
var grammarByTemperature: [Float: Double] = [:]
for temperature in temperatures {
    let texts = samples(count: quick ? 4 : 16, options: SamplingOptions(temperature: temperature),
                        seed: options.seed &+ 1)
    firstSamples.append("temperature \(Format.fixed(Double(temperature), 1)):  " + texts[0])
    guard storyWorldText else { continue }
    let grammar = grammaticalShare(texts)
    grammarByTemperature[temperature] = grammar.share
    // Coherence is judged on the complete sentences only, like grammar.
    let coherent = texts.filter { text in
        StoryWorld.isCoherent(StoryWorld.sentences(in: text, keepingUnfinishedTail: false).joined(separator: " "))
    }.count
    grammarTable.append([Format.fixed(Double(temperature), 1), Format.percent(grammar.share), String(grammar.sentences),
                         "\(coherent) of \(texts.count)"])
}
book.cell("One sample at each temperature")
book.output(firstSamples.joined(separator: "\n\n"))
if storyWorldText {
    book.cell("The share of sampled sentences the story world's grammar accepts")
    book.table(grammarTable)
    let grammarAt = { (temperature: Float) in grammarByTemperature[temperature] ?? 0 }
    var temperatureFigure = Figure("temperature", title: "Grammatical sentences in samples, by temperature",
                                   xLabel: "sampling temperature", yLabel: "share of sentences the grammar accepts")
    temperatureFigure.yRange = 0...1.05
    temperatureFigure.legendPosition = "bottom left"
    temperatureFigure.add(Series("after pretraining", x: temperatures.map(Double.init), y: temperatures.map(grammarAt),
                                 style: .linesPoints))
    temperatureFigure.add(Series("untrained, temperature 1", x: [0.5, 1.5],
                                 y: [untrainedGrammar.share, untrainedGrammar.share], dashed: true))
    // The caption says what the measured shares say: whether the hottest sampling lost grammar.
    let (coolest, hottest) = (grammarAt(0.5), grammarAt(1.5))
    let drop = coolest - hottest
    book.figure(temperatureFigure, caption: drop > 0.05
        ? "Grammatical sentences fall from \(Format.percent(coolest)) at temperature 0.5 to "
          + "\(Format.percent(hottest)) at 1.5: hotter sampling leaves the world's sentence forms."
        : "Grammatical sentences stay between \(Format.percent(min(coolest, hottest))) and "
          + "\(Format.percent(max(coolest, hottest))) from temperature 0.5 to 1.5.")
    book.result("grammatical sentences at temperature 0.8",
                "\(Format.percent(grammarAt(0.8))) (untrained: \(Format.percent(untrainedGrammar.share)))")
    book.prose("""
    The grammar checker knows every sentence form of the world, so "grammatical" here is exact, \
    not a judgement. The last column asks more: does the sample keep its cast straight — names \
    introduced before they are used, pronouns that fit? That is a property of a whole story, \
    not of one sentence; compare the two columns.
    """)
} else {
    book.remark("Grammar and coherence are not measured: they are the story world's, not your text's.")
}

// MARK: - 6. Scaling

book.section("A small scaling experiment")
book.prose("""
Kaplan et al. (2020) trained language models over seven orders of magnitude of compute and \
found the loss falling as a power law in each of model size N, data D and compute C ≈ 6·N·D \
(six floating-point operations, FLOPs, per parameter per token: two forward, four backward) — for \
compute-efficient training, L ∝ C^−0.050. Hoffmann et al. (2022, "Chinchilla") refitted it and \
found that the best model for a compute budget grows N and D in equal proportion, about 20 \
tokens per parameter. Here is the experiment in miniature: 2-layer GPTs of several widths, \
each trained on the same batches, the validation loss measured along the way and plotted \
against the compute spent so far. Equal steps mean equal tokens, so the widest model spends \
the most compute.
""")
let scalingSteps = quick ? 40 : 200
let scalingWidths = quick ? [8, 16, 24, 32, 48] : [16, 32, 48, 64, 96, 128]
let scalingEvery = quick ? 10 : 25
let scalingRuns = book.trainScalingRuns(widths: scalingWidths, vocabularySize: config.vocabularySize,
                                        contextLength: config.contextLength, settings: recipe.settings,
                                        steps: scalingSteps, evaluateEvery: scalingEvery, data: data,
                                        batchSize: batchSize, initSeed: options.seed &+ 21,
                                        batchSeed: options.seed &+ 22)
let frontier = scalingRuns.frontier
let powerLaw = PowerLawFit(x: frontier.map(\.compute), y: frontier.map(\.loss))
let scalingTable = scalingRuns.table(steps: scalingSteps)
book.table(scalingTable)
let scalingFigure = scalingRuns.figure(fit: powerLaw, frontier: frontier)
let widest = scalingRuns.last, narrowest = scalingRuns.first
let computeRatio = (widest?.curve.last?.compute ?? 1) / max(narrowest?.curve.last?.compute ?? 1, 1)
book.figure(scalingFigure, caption: "Each line is one width; the widest model spends "
            + "\(Format.fixed(computeRatio, 0))× the compute of the narrowest for the same tokens. The dashed "
            + "line is a power law fitted to the frontier.")
if let powerLaw {
    let finalLosses = scalingRuns.compactMap { $0.curve.last?.loss }
    let ordering = ScalingWords.ordering(finalLosses: finalLosses)
    let steepness = ScalingWords.steepness(exponent: powerLaw.exponent, against: 0.050)
    let decades = log10((frontier.last?.compute ?? 1) / (frontier.first?.compute ?? 1))
    book.result("power law fitted to the compute frontier",
                "L ≈ \(String(format: "%.3g", powerLaw.scale))·C^−\(Format.fixed(powerLaw.exponent, 3)) over "
                + "\(frontier.count) frontier points (R² = \(Format.fixed(powerLaw.rSquared, 3)) in log-log)")
    book.prose("""
    After the same \(scalingSteps) steps, \(ordering) (table). The frontier falls as \
    C^−\(Format.fixed(powerLaw.exponent, 3)) — \(steepness) \
    Kaplan et al.'s −0.050, which holds at scales where the loss is far above its floor. The story \
    world is made by a random generator, so even a perfect model has a loss above zero — the \
    entropy of the generator — and a pure power law cannot bend towards a floor; so the exponent fitted over \
    \(Format.fixed(decades, 1)) decades \
    here is a description of this range, not a law.
    """)
}

// MARK: - 7. Memory

book.section("What pretraining costs in memory")
book.prose("""
Every parameter is a number, and a number takes bytes: **4** in fp32, **2** in fp16 or \
bf16 (two 16-bit floats: bf16 keeps fp32's range with fewer digits), **1** in int8, and a little over **½** in \
a 4-bit format — NF4 (chapter 6) stores a \
32-bit scale for every block of 64 weights, 4.5 bits in all, or about 4.127 bits when the \
scales are themselves quantized (double quantization). Merely *loading* a model of P \
parameters takes P × bytes. Training with Adam needs much more for each parameter: the \
weight, its gradient, and Adam's two running moments m and v — 4 + 4 + 4 + 4 = **16 bytes** \
in fp32 (mixed precision keeps the same 16: fp16 weight and gradient, an fp32 master copy \
and two fp32 moments) — plus the **activations**, the intermediate results of the forward \
pass that the backward pass needs, which grow with \
batch size and context length.
""")
var precisionTable = Table(["precision", "bytes per parameter", "load 1 B parameters", "load 7 B", "load 70 B"])
for precision in MemoryAccount.Precision.allCases {
    precisionTable.append([precision.rawValue, Format.fixed(precision.bytesPerParameter, 3),
                           Format.bytes(MemoryAccount.loadBytes(parameters: 1e9, precision: precision)),
                           Format.bytes(MemoryAccount.loadBytes(parameters: 7e9, precision: precision)),
                           Format.bytes(MemoryAccount.loadBytes(parameters: 70e9, precision: precision))])
}
book.table(precisionTable)
let oneBillionLoad = MemoryAccount.loadBytes(parameters: 1e9, precision: .fp32)
let oneBillionTrain = MemoryAccount.adamTrainingBytes(parameters: 1e9)
book.result("1 B parameters in fp32",
            "\(Format.bytes(oneBillionLoad)) to load; \(Format.bytes(oneBillionTrain)) of weights, gradients and "
            + "Adam states to train, before any activation — 4× the load")

let modelSizes = stride(from: log10(0.1e9), through: log10(70e9), by: 0.05).map { pow(10, $0) }
var memoryFigure = Figure("memory", title: "Memory to load or train a model, by size and precision",
                          xLabel: "parameters (log scale)", yLabel: "gigabytes (log scale)")
memoryFigure.logX = true
memoryFigure.logY = true
memoryFigure.legendPosition = "bottom right"
memoryFigure.add(Series("train, fp32 + Adam (16 B/param)", x: modelSizes,
                        y: modelSizes.map { MemoryAccount.adamTrainingBytes(parameters: $0) / 1e9 }))
for precision in MemoryAccount.Precision.allCases {
    let seriesName = "load, \(precision.rawValue) (\(Format.fixed(precision.bytesPerParameter, 3)) B/param)"
    memoryFigure.add(Series(seriesName, x: modelSizes,
                            y: modelSizes.map { MemoryAccount.loadBytes(parameters: $0, precision: precision) / 1e9 }))
}
memoryFigure.add(Series("a 24 GB GPU", x: [0.1e9, 70e9], y: [24.0, 24.0], dashed: true))
memoryFigure.add(Series("an 80 GB GPU", x: [0.1e9, 70e9], y: [80.0, 80.0], dashed: true))
let sevenBillionNF4 = MemoryAccount.loadBytes(parameters: 7e9, precision: .nf4)
book.figure(memoryFigure, caption: "A 7 B model loads in 14 GB at fp16 or \(Format.bytes(sevenBillionNF4)) in NF4, "
            + "but full training with Adam needs 112 GB before activations.")

// The claim "loading 1 B parameters takes 4 GB, training it up to 80 GB", term by term.
let shape = MemoryAccount.ModelShape.gpt3XL
let stateBytes = MemoryAccount.adamTrainingBytes(parameters: shape.parameters)
book.prose("""
A common rule of thumb says a 1 B-parameter model takes 4 GB to load and "up to 80 GB" to \
train. The first is the fp32 row above. The second needs the activations: take GPT-3 XL \
(\(Format.fixed(shape.parameters / 1e9, 1)) B parameters, \(shape.layers) layers, width \(shape.width), \
\(shape.heads) heads) at its context of \(shape.context) tokens, with 16-bit activations kept for the \
backward pass (mixed precision, the formula of Korthikanti et al. 2022, no recomputation).
""")
var claimTable = Table(["sequences per batch", "weights + gradients + Adam (16 B/param)", "activations (16-bit)",
                        "total"])
for batch in [1, 2, 4, 8] {
    let activations = MemoryAccount.activationBytes(layers: shape.layers, context: shape.context, batch: batch,
                                                    width: shape.width, heads: shape.heads)
    claimTable.append([String(batch), Format.bytes(stateBytes), Format.bytes(activations),
                       Format.bytes(stateBytes + activations)])
}
book.table(claimTable)
let perSequence = MemoryAccount.activationBytes(layers: shape.layers, context: shape.context, batch: 1,
                                                width: shape.width, heads: shape.heads)
let batchAt80 = (80e9 - stateBytes) / perSequence
book.result("sequences of \(shape.context) tokens at which training a "
            + "\(Format.fixed(shape.parameters / 1e9, 1)) B model "
            + "reaches 80 GB", "\(Format.fixed(batchAt80, 1)): the optimizer state is \(Format.bytes(stateBytes)); "
            + "each sequence adds \(Format.bytes(perSequence)) of activations")
book.prose("""
So "80 GB" is not a property of the model but of the batch: the weights and Adam's state are \
fixed at 16 bytes a parameter, while the activations grow with every sequence and with the \
square of the context in attention. Recomputing activations in the backward pass \
(activation checkpointing) or splitting the batch into micro-batches trades that memory for time.
""")

book.prose("Now the same account for our model, set against the bytes the engine actually held at the peak of "
           + "one training step.")
let parameterBytes = model.parameterCount * 4
// The optimizer's state in fp32, minus the step counter.
let optimizerBytes = trainer.optimizer.stateTensors().values.reduce(0) { $0 + $1.count * 4 } - 4
// The previous step's gradients are still held when this one begins; the step releases them
// (zeroGradient) before it makes its own, so they are not part of its peak.
let previousGradientBytes = model.parameters.reduce(0) { $0 + ($1.gradient?.count ?? 0) * 4 }
let liveBefore = TensorMemory.liveBytes - previousGradientBytes
TensorMemory.resetPeak()
do { try trainer.trainStep() } catch { book.stop("\(error)") }
let peak = TensorMemory.peakBytes
let gradientBytes = parameterBytes
let activationBytes = max(0, peak - liveBefore - gradientBytes)
// Korthikanti et al. (2022): per layer s·b·h·(34 + 5·a·s/h) bytes of 16-bit activations; ×2 for fp32.
let formulaActivations = MemoryAccount.activationBytes(layers: config.layers, context: config.contextLength,
                                                       batch: batchSize, width: config.width, heads: config.heads,
                                                       bytesPerValue: 4)
// Whatever else was alive when the step began: measured, so that the rows add up to the peak.
let otherBytes = max(0, liveBefore - parameterBytes - optimizerBytes - 4)
var accountTable = Table(["what", "formula", "bytes"])
accountTable.append(["weights", "4 × \(Format.count(model.parameterCount))", Format.bytes(parameterBytes)])
accountTable.append(["gradients", "4 × parameters", Format.bytes(gradientBytes)])
accountTable.append(["Adam m and v", "8 × parameters", Format.bytes(optimizerBytes)])
accountTable.append(["other tensors alive before the step (measured)", "", Format.bytes(otherBytes)])
accountTable.append(["activations (measured: peak − the above)",
                     "≈ 2·L·s·b·h·(34 + 5as/h) = \(Format.bytes(formulaActivations))",
                     Format.bytes(activationBytes)])
accountTable.append(["peak held by tensors in one step", "", Format.bytes(peak)])
book.prose("""
The activation formula is Korthikanti et al.'s (2022) count per layer, in 16-bit values and \
doubled here for float32: L layers, sequences of s tokens, a batch of b, width h and a heads.
""")
book.cell("Memory of one training step (batch \(batchSize), context \(config.contextLength))")
book.table(accountTable)
book.prose("""
For a model this small the activations dominate: \(Format.bytes(activationBytes)) against \
\(Format.bytes(parameterBytes + gradientBytes + optimizerBytes)) for weights, gradients and \
optimizer together. The formula of Korthikanti et al. (2022) counts what a Megatron GPT keeps \
for its backward pass in 16-bit precision, doubled here for fp32. Our engine held \
\(Format.fixed(Double(activationBytes) / formulaActivations, 1))× that: it keeps, in fp32, the output of every \
op whose backward pass needs \
it — each LayerNorm's normalised values, the GELU's input, the attention weights \
[B, h, T, T] — and holds the logits [B, T, V] and their gradient too, which the formula \
leaves out (it also counts one-byte masks for dropout — zeroing random activations while \
training, which our model does not do). \
The activations scale with batch × context, not with parameters. At 7 B parameters \
the balance flips: 112 GB of weights and optimizer state before the first activation. That \
is the bill chapters 5 and 6 cut down — LoRA by training few parameters, QLoRA by storing the \
frozen rest in 4 bits.
""")

// MARK: - 8. Checkpoints

book.section("Saving the model, and resuming exactly")
book.prose("""
The model goes to Checkpoints/ as a **safetensors** file — an 8-byte header length, a JSON \
header naming every tensor with its dtype (data type, such as F32), shape and byte offsets, then the raw \
little-endian floats — the format the Hugging Face hub uses, so PyTorch can open it. A \
training checkpoint adds the optimizer's moments and the step; because each step's batch is \
drawn from a generator seeded by the step number, a resumed run continues the very same curve.
""")
let trainingURL = book.checkpointsDirectory.appendingPathComponent("gpt-training.safetensors")
/// Steps compared after resuming: enough that Adam's moments and step count, not only the
/// weights, decide the losses (the first step's loss is computed before the optimizer acts).
let resumeSteps = 5
do {
    try trainer.saveCheckpoint(to: trainingURL, metadata: ["config": config.json])
    let uninterrupted = try (1...resumeSteps).map { _ in try trainer.trainStep().loss }
    var rng = SplitMix64(seed: 0)
    let resumedModel = GPT(config: config, rng: &rng)
    let resumed = Trainer.languageModel(resumedModel, data: data, batchSize: batchSize, settings: recipe.settings,
                                        seed: options.seed)
    try resumed.resume(from: trainingURL)
    let resumedLosses = try (1...resumeSteps).map { _ in try resumed.trainStep().loss }
    let sameWeights = zip(model.parameters, resumedModel.parameters).allSatisfy { $0.scalars == $1.scalars }
    let size = (try? FileManager.default.attributesOfItem(atPath: modelURL.path)[.size] as? Int) ?? 0
    let trainingSize = (try? FileManager.default.attributesOfItem(atPath: trainingURL.path)[.size] as? Int) ?? 0
    let uninterruptedText = uninterrupted.map { Format.fixed(Double($0), 6) }.joined(separator: " ")
    let resumedText = resumedLosses.map { Format.fixed(Double($0), 6) }.joined(separator: " ")
    book.cell("Saved, then resumed from the training checkpoint")
    book.output("""
    Checkpoints/\(modelURL.lastPathComponent)            \(Format.bytes(size))   \
    (weights: 4 bytes × \(Format.count(model.parameterCount)) + header)
    Checkpoints/gpt-training.safetensors   \(Format.bytes(trainingSize))   (weights + Adam's m and v + step)
    next \(resumeSteps) steps, uninterrupted run: \(uninterruptedText)
    next \(resumeSteps) steps, resumed run:       \(resumedText)
    """)
    let identical = uninterrupted == resumedLosses && sameWeights
    book.result("\(resumeSteps) losses and every weight after them, resumed against uninterrupted",
                identical ? "identical, to the last bit" : "DIFFERENT")
    try? FileManager.default.removeItem(at: trainingURL)   // 3× the model; chapters 4–7 need only the weights
} catch {
    book.stop("could not save or resume the training checkpoint: \(error)")
}

// MARK: - At scale

book.section("At scale")
book.prose("""
nanoGPT trains GPT-2 small (124 M parameters) with the same kind of loop in PyTorch, with \
two differences from ours: it decays only its 2-D tensors (weight matrices and embeddings; \
not biases or LayerNorms), and it ties the head to the token embedding. Its optimizer is \
`torch.optim.AdamW(groups, lr=6e-4, betas=(0.9, 0.95), weight_decay=0.1)`, with warmup then \
cosine decay, gradient clipping at 1.0, bf16 autocast, `torch.compile`, and \
`F.scaled_dot_product_attention` — on 8 GPUs for about four days over 300 B tokens of \
OpenWebText. Llama 2 7B saw 2 T tokens, Llama 3 8B 15 T. At 7 B parameters the memory \
account above says 112 GB for weights, gradients and Adam states alone, so training is \
spread over many GPUs with ZeRO or FSDP sharding (DeepSpeed, `torch.distributed.fsdp`), and \
activations are recomputed in the backward pass instead of stored (activation \
checkpointing). Our checkpoint opens in Python with \
`safetensors.torch.load_file("Checkpoints/gpt.safetensors")`. Its tensors are GPT-2's, with \
two differences of bookkeeping: GPT-2 fuses the query, key and value projections into one \
`c_attn`, and stores each projection transposed (its `Conv1D` keeps `[in, out]`). \
`swift run tailor export --huggingface export/` writes the model in exactly that layout, and \
Hugging Face transformers then runs it as one of its own:

    import torch
    from transformers import GPT2LMHeadModel
    model = GPT2LMHeadModel.from_pretrained("export/")     # config.json + model.safetensors
    ids = torch.tensor([[...]])                            # ids from `swift run tailor tokenize "…"`
    logits = model(ids).logits                             # the logits Tailor computes

Unlike GPT-2 and nanoGPT, this model does not tie its output head to the token embedding \
(the parameter count above includes V·d twice), so the export says `tie_word_embeddings: \
false`.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 3).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.prose("""
**Experiments: change, predict, run, explain.** These have no check; write your prediction \
down before you run.

**Experiment 3.A — Tie the head.** In `PretrainingRecipe.config` (Sources/Bookshelf/Recipes.swift) \
pass `tiedHead: true`. Predict the new parameter count (your count of exercise 3.4), and whether \
the validation loss after 900 steps rises or falls. Run `swift run chapter03-pretraining`, then \
explain: what does one matrix doing two jobs cost a model this small?

**Experiment 3.B — Another seed.** Run `swift run chapter03-pretraining --seed 7`. Predict how \
far the final validation loss moves from this page's. Which of this chapter's sentences keep \
their words, and which numbers move? That spread is what the intervals of chapters 5 and 6 \
are for.
""")
book.finish()
