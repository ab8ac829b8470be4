// Chapter 6 · NF4 and QLoRA
//
// Read this file top to bottom: it is the chapter. `swift run chapter06-qlora` prints it,
// quantizes chapter 3's model every way the chapter describes, fine-tunes it in 4 bits, and
// writes Chapters/06-qlora.md with its figures.
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
import Quantization
import Tokenization
import Transformers
import Tasks

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 6, options: options)
let quick = options.quick

// MARK: - 0. The model

let (tokenizer, model) = Bookshelf.pretrained(for: book)
let recipe = PretrainingRecipe.book(quick: quick)
/// Chapter 3's held-out text and its fixed windows: every loss below is chapter 3's measure.
let validationData = LanguageModelData(tokens: Bookshelf.storyTokens(tokenizer: tokenizer, bytes: recipe.corpusBytes,
                                                                     seed: options.seed))
// @MainActor: these helpers read this file's top-level state, which Swift isolates to the main actor.
@MainActor func validationLoss(_ gpt: GPT = model) -> Double {
    Double(gpt.validationLoss(on: validationData, batchSize: recipe.batchSize))
}
/// Every projection weight of the blocks — what QLoRA stores in 4 bits — by name.
let linearWeights = model.linearSlots().compactMap { slot -> (name: String, tensor: Tensor)? in
    guard let linear = slot.layer as? Linear else { return nil }
    return (slot.name, linear.weight)
}

// MARK: - 1. Why 4 bits

book.onRamp(build: """
NF4, the 4-bit data type QLoRA introduced: its 16 levels from the normal distribution, \
block-wise quantization with an absmax per block, double quantization of those constants, and \
a frozen 4-bit layer that LoRA trains on top of. The files it writes are bitsandbytes' own.
""", measure: """
how much each 4-bit type loses on chapter 3's weights, what quantization does to the model's \
loss, how many bits a parameter really costs, how QLoRA compares with LoRA and full \
fine-tuning on chapter 5's task, and what goes wrong when an adapter is merged into 4-bit \
weights.
""", takes: """
chapter 3's pretrained model and chapter 1's tokenizer (made here, exactly, if they are \
missing), and chapter 5's LoRA, task and chosen learning rates.
""")

book.section("Why 4 bits")
book.prose("""
Chapter 3 counted the bill: a 7 B model is 14 GB in 16 bits just to load, and full \
fine-tuning with Adam needs about 12 bytes per parameter more. Chapter 5 cut the trainable \
part to a few adapters — but the frozen base still sits in memory at 2 bytes a weight. \
**QLoRA** (Dettmers et al. 2023) stores the frozen base in **4 bits** and trains LoRA \
adapters in 16 on top; gradients flow *through* the 4-bit weights to the adapters. Three \
ideas make it work: a 4-bit data type built for normally distributed weights (**NF4**), \
**double quantization** of the per-block constants (the scales each block of weights is \
stored with), and **paged optimizers**, which move optimizer state out of GPU memory when a \
spike in memory needs the room. This chapter builds each, measures each claim, and writes files that bitsandbytes — \
the library QLoRA ships in — reads as its own.
""")

// MARK: - 2. The weights are nearly normal

book.section("How a trained model's weights are distributed")
book.prose("""
Quantizing to 4 bits means choosing 16 values and rounding every weight to one of them. Which \
16 depends on where the weights lie. QLoRA quantizes in **blocks** of 64 consecutive weights, \
each divided by its block's largest magnitude (its **absmax**), so every value lands in \
[−1, 1]. Here are all of chapter 3's projection weights after that scaling.
""")
let allWeights = linearWeights.flatMap { $0.tensor.scalars }
let distribution = WeightDistribution(allWeights)
let mean = distribution.mean, variance = distribution.variance, excessKurtosis = distribution.excessKurtosis
book.figure(QuantizationFigures.weightsAndLevels(distribution, weightCount: allWeights.count),
            caption: "NF4's levels crowd where the weights are, near 0; Int4's are evenly spaced.")
book.result("the raw projection weights", "mean \(Format.significant(mean, 2)), standard deviation "
            + "\(Format.significant(variance.squareRoot(), 3)), excess kurtosis \(Format.fixed(excessKurtosis, 2)) "
            + "(how heavy the tails are: a normal distribution has 0, more large weights make it positive)")

// MARK: - 3. NF4 from the quantiles of a normal distribution

book.section("NF4: 16 levels from the normal distribution's quantiles")
book.prose("""
If weights are normal, the best 16 levels for rounding are **quantiles**: each level should \
stand for an equal share of the probability. NF4 takes them from the standard normal's \
inverse CDF Φ⁻¹ (Φ⁻¹(p) is the value a share p of the distribution lies below), with two details from \
bitsandbytes' `create_normal_map`: the outermost quantile \
would be infinite, so the probabilities run from 1 − δ down with δ = 1 − 0.9677083 (QLoRA's \
"offset"); and 0 must be exact (padding and zero weights stay zero), so there are **8 \
positive levels, 7 negative and a zero**, each side from its own quantiles. Scaled so the \
extremes are ±1:

    positive: Φ⁻¹(p) for 8 p evenly from 0.9677 to 0.5 (0.5 dropped), negative: 7 from the other side,
    levels = all / max |all|
""")
book.listing("nf4-levels", in: "Sources/Quantization/CodeBooks.swift", caption: "NF4's 16 levels from normal quantiles")
let published: [Float] = [-1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
                          -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
                          0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
                          0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0]
let built = FourBitType.nf4.levels
var levelsTable = Table(["code", "NF4 built here", "bitsandbytes' table", "FP4 (E2M1)", "Int4"])
for code in 0..<16 {
    levelsTable.append([String(code), Format.fixed(Double(built[code]), 7), Format.fixed(Double(published[code]), 7),
                        Format.fixed(Double(FourBitType.fp4.levels[code]), 4),
                        code < 15 ? Format.fixed(Double(code - 7) / 7, 4) : "—"])
}
book.table(levelsTable)
let largestLevelDifference = zip(built, published).map { abs($0 - $1) }.max() ?? .infinity
book.result("largest difference between the levels built here and bitsandbytes' published NF4 table",
            Format.significant(Double(largestLevelDifference), 2))
book.prose("""
**FP4** is a tiny floating-point number, 1 sign bit, 2 exponent bits and 1 mantissa bit (E2M1), \
as bitsandbytes defines it (its levels are as uneven as a float's: dense near 0, sparse \
far out). **Int4** is plain symmetric integer rounding, 15 evenly spaced levels.
""")

// MARK: - 4. Quantization error

book.section("Which 4-bit type loses least?")
book.prose("""
Quantize, dequantize, and compare with the original: the mean squared error relative to the \
values' own mean square. Each format works in blocks of 64 with an absmax per block (int8 is \
there for reference).

Quantizing a block takes two passes over it. The first finds its **absmax**, the largest \
absolute value, which becomes the block's constant. The second divides every value by it, so \
the block lies in [−1, 1], and stores for each value the 4-bit code of the nearest level, two \
codes to a byte:
""")
book.listing("nf4-quantize-blocks", in: "Sources/Quantization/FourBitQuantized.swift",
             caption: "quantizing a tensor block by block")
book.prose("""
The nearest level is found without measuring a distance to each of the 16. The midpoints \
between neighbouring levels are 15 sorted thresholds, and the code is how many of them lie \
below the value: four comparisons, halving the range each time. A value exactly on a \
midpoint takes the lower level, as bitsandbytes does:
""")
book.listing("nf4-code", in: "Sources/Quantization/FourBitQuantized.swift", caption: "the nearest level, by bisection")
let formats = StorageFormat.comparedInChapter6
let relativeError = StorageFormat.relativeError
var normalRNG = SplitMix64(seed: options.seed &+ 60)
let normalSample = (0..<(quick ? 16_384 : 262_144)).map { _ in normalRNG.nextNormal() }
var errorTable = Table(["format", "normal data N(0, 1)", "chapter 3's projection weights"])
var errors: [(name: String, normal: Double, weights: Double)] = []
for format in formats {
    let normal = relativeError(normalSample, format.roundTrip(normalSample))
    let weights = relativeError(allWeights, format.roundTrip(allWeights))
    errors.append((format.name, normal, weights))
    errorTable.append([format.name, Format.significant(normal, 3), Format.significant(weights, 3)])
}
book.cell("Relative mean squared error of a round trip, blocks of 64")
book.table(errorTable)
let errorFigure = QuantizationFigures.roundTripError(errors)
let fourBit = errors.filter { $0.name != "int8 (absmax)" }
let bestOnWeights = fourBit.min { $0.weights < $1.weights }?.name ?? "—"
let worstOnWeights = fourBit.max { $0.weights < $1.weights }?.name ?? "—"
book.figure(errorFigure, caption: "Among the 4-bit formats, \(bestOnWeights) loses least on the model's weights and "
            + "\(worstOnWeights) most.")

// MARK: - 5. The model after quantization

book.section("The model after quantization")
book.prose("""
What matters is not the error of the weights but the loss of the model. Quantize every \
projection weight of chapter 3's model (embeddings, LayerNorms and the head stay in 32 \
bits, as bitsandbytes leaves them), measure chapter 3's validation loss, restore, repeat.
""")
let floatLoss = validationLoss()
let originalWeights = linearWeights.map { $0.tensor.scalars }
/// Puts `values` (one array per projection weight) into the model.
@MainActor func setWeights(_ values: [[Float]]) {
    for ((_, tensor), weights) in zip(linearWeights, values) {
        tensor.pointer.update(from: weights, count: weights.count)
    }
}
var modelLosses: [(name: String, loss: Double)] = [("float32", floatLoss)]
for format in formats {
    setWeights(originalWeights.map(format.roundTrip))
    modelLosses.append((format.name, validationLoss()))
}
setWeights(originalWeights)
var lossTable = Table(["weights stored as", "validation loss", "change from float32"])
for (name, loss) in modelLosses {
    lossTable.append([name, Format.fixed(loss, 4), name == "float32" ? "—" : Format.signed(loss - floatLoss, 4)])
}
book.table(lossTable)
let lossFigure = QuantizationFigures.modelLoss(modelLosses)
let lossWords = FourBitLossWords(fourBit: modelLosses.filter { !["float32", "int8 (absmax)"].contains($0.name) },
                                 floatLoss: floatLoss)
book.figure(lossFigure, caption: "In 4 bits, " + lossWords.ends + ".")
let int4 = modelLosses.first { $0.name == "Int4 (absmax)" }?.loss ?? .nan
let nf4 = modelLosses.first { $0.name == "NF4" }?.loss ?? .nan
let nf4DQ = modelLosses.first { $0.name == "NF4 + double quantization" }?.loss ?? .nan
let orderVerdict = lossWords.order, spreadVerdict = lossWords.spread
book.prose("""
QLoRA's Table 2 ranks the 4-bit types on the perplexity of large models: Int4 worst, FP4 \
between, NF4 with double quantization best. Here, with chapter 3's small model, \
\(lossWords.ends) — \(orderVerdict). \(spreadVerdict) Int4 costs \
\(Format.signed(int4 - floatLoss, 4)) nats, NF4 \(Format.signed(nf4 - floatLoss, 4)); double quantization \
changes NF4's loss by \(Format.signed(nf4DQ - nf4, 4)) — it rounds the block constants, not the weights.
""")

// MARK: - 6. Bits per parameter

book.section("Bits per parameter, counted from the buffers")
book.prose("""
Four bits per weight is not the whole cost: every block of 64 keeps its absmax, a 32-bit \
float — half a bit more per weight. **Double quantization** quantizes those constants too: \
subtract their mean, store each in 8 bits with bitsandbytes' *dynamic map* — an 8-bit code of \
256 values whose magnitudes run from about 10⁻⁶ to 1, spaced like a tiny float's, with most \
of them near ±1 — and keep one \
32-bit scale per 256 constants.

    NF4:                 4 + 32/64           = 4.5 bits per weight
    with double quant:   4 + 8/64 + 32/(64·256) ≈ 4.127 bits per weight
""")
var bitsTable = Table(["format", "bytes allocated for \(Format.count(allWeights.count)) weights", "bits per weight"])
for (name, double) in [("NF4, blocks of 64", false), ("NF4 + double quantization", true)] {
    var bytes = 0
    for (_, tensor) in linearWeights {
        bytes += FourBitQuantized(quantizing: tensor.scalars, type: .nf4, blockSize: 64,
                                  doubleQuantization: double).storageBytes
    }
    bitsTable.append([name, Format.count(bytes), Format.fixed(Double(bytes * 8) / Double(allWeights.count), 3)])
}
let floatBytes = allWeights.count * 4
bitsTable.append(["float32", Format.count(floatBytes), "32.000"])
book.table(bitsTable)
book.prose("""
(The counts are per tensor, each with its own partial last block and its own 32-bit mean and \
scale, so a small model pays a little more than the formula; the larger the tensors, the closer \
the count comes to it.)
""")

// MARK: - 7. QLoRA: LoRA on a frozen 4-bit model

book.section("QLoRA: LoRA on a frozen 4-bit model")
let readingSet: ReadingTask
let rateTable: LearningRateTable
do {
    readingSet = try ReadingTask(tokenizer: tokenizer, contextLength: model.config.contextLength, quick: quick,
                                 seed: options.seed)
    rateTable = try LearningRateTable.read(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        .appendingPathComponent("Chapters/05-lora-learning-rates.json"))
} catch {
    book.stop("\(error) — chapter 6 uses chapter 5's task and its chosen learning rates "
              + "(Chapters/05-lora-learning-rates.json; `swift run chapter05-lora --sweep` remakes them)")
}
book.prose("""
QLoRA is chapter 5's LoRA with one change: the frozen layer under each adapter is an \
`NF4Linear`, which keeps its weight as packed 4-bit codes and block constants, and for each \
product dequantizes a tile of rows into a reused Float32 buffer. Float32 is here what \
bitsandbytes calls the *compute dtype*: the type the dequantized weight is multiplied in, \
whatever it is stored as (bf16 on a GPU). The backward pass dequantizes again to send the gradient to the \
input — and \
so to the adapters below — while the codes themselves never change.

    y = dequant(W_NF4)·x + (α/r)·B·A·x        only A and B train

The task and the protocol are chapter 5's: questions about story excerpts, \
\(Format.count(readingSet.training.count)) for training and \(Format.count(readingSet.test.count)) for testing \
from other stories, \
\(readingSet.steps) steps of \(readingSet.batchSize) examples, the learning rates chapter 5 chose on its \
validation split (QLoRA takes LoRA's, as the QLoRA paper keeps LoRA's settings), three seeds, \
and the mean with its 95% interval. Three methods: full fine-tuning, LoRA (r = 8 on the \
attention projections, α = 16) on the float model, and QLoRA — the same LoRA on the model \
quantized to NF4 with double quantization.
""")
book.figure(ConceptDiagrams.lowRankUpdate(
    inputs: model.config.width, outputs: model.config.width, rank: 8, scale: "α/r",
    base: ["W in NF4: 4-bit codes", "+ one absmax per block", "frozen; dequantized", "tile by tile"],
    name: "qlora", title: "QLoRA: chapter 5's picture, with the frozen weight stored in 4 bits"),
            caption: "Only the box on the left changes from chapter 5: the adapters are the same, in Float32.")
book.listing("nf4-linear", in: "Sources/Quantization/NF4Linear.swift", caption: "a frozen 4-bit layer that dequantizes as it multiplies")
book.prose("""
QLoRA as a fine-tuning method is then two lines: quantize every linear layer of the copy, \
and apply chapter 5's LoRA on top.
""")
book.listing("qlora-prepare", in: "Sources/Quantization/QLoRAMethod.swift", caption: "QLoRA's prepare")
let seeds: [UInt64] = quick ? [1, 2] : [1, 2, 3]
let lora = LoRAMethod(rank: 8, targets: LoRATarget.attention, alpha: 16)
/// Chapter 5's methods and protocol; QLoRA takes LoRA's rate, as the QLoRA paper keeps LoRA's settings.
let methods: [(method: any FineTuningMethod, name: String, rate: RateKey)] = [
    (FullFineTuning(), "full fine-tuning", RateKey(task: readingSet.name, method: FullFineTuning().id)),
    (lora, "LoRA r = 8 (float base)", RateKey(task: readingSet.name, method: lora.id)),
    (QLoRAMethod(lora: lora), "QLoRA r = 8 (NF4 + double quant. base)", RateKey(task: readingSet.name, method: lora.id)),
]
let experiment = FineTuningExperiment(base: model, task: readingSet, seeds: seeds, notebook: book)
let runs = methods.map { experiment.measure($0.method, rate: rateTable.rate(for: $0.rate, notebook: book)) }
let untuned = SupervisedTask.evaluate(readingSet.test, model: model, padding: readingSet.padding)
let baseAccuracy = Experiments.share(untuned.matches)
/// Bytes of the frozen weights as stored: Float32 tensors, or the 4-bit codes and constants.
@MainActor func frozenWeightBytes(_ gpt: any LanguageModel) -> Int {
    var bytes = gpt.namedParameters().filter { !$0.tensor.requiresGradient }.reduce(0) { $0 + $1.tensor.count * 4 }
    for slot in gpt.linearSlots() {
        let frozen = (slot.layer as? LoRALinear)?.base ?? slot.layer
        if let nf4 = frozen as? NF4Linear { bytes += nf4.weight.storageBytes }
    }
    return bytes
}
var methodTable = Table(["method", "η (chapter 5)", "exact match", "answer loss", "frozen weights stored",
                         "trainable + Adam state", "training step peak (tensors)", "time per step"])
methodTable.append(["pretrained, untuned", "—", Format.percent(baseAccuracy), "—",
                    Format.bytes(Double(model.parameterCount * 4)), "—", "—", "—"])
for (method, measured) in zip(methods, runs) {
    let first = measured.outcomes[0]
    methodTable.append([method.name, String(format: "%.2g", measured.rate), Format.percent(measured.accuracy),
                        Format.fixed(measured.answerLoss, 3), Format.bytes(Double(frozenWeightBytes(first.model))),
                        Format.bytes(Double(first.budget.trainable * 4 + first.optimizerStateBytes)),
                        Format.bytes(Double(first.peakBytes)), Format.duration(measured.secondsPerStep.mean)])
}
book.cell("\(Format.count(readingSet.test.count)) test questions, \(seeds.count) seeds each; "
          + "mean ± 95% interval over seeds")
book.table(methodTable)
let (fullRuns, loraRuns, qloraRuns) = (runs[0], runs[1], runs[2])
let qloraAccuracy = qloraRuns.accuracy, loraAccuracy = loraRuns.accuracy, fullAccuracy = fullRuns.accuracy
let qloraLoss = qloraRuns.answerLoss, loraLoss = loraRuns.answerLoss
book.result("QLoRA against LoRA on the float model",
            "\(Format.percent(qloraAccuracy)) vs \(Format.percent(loraAccuracy)) exact match; answer loss "
            + "\(Format.fixed(qloraLoss, 3)) vs \(Format.fixed(loraLoss, 3))")
let frozenSaving = Double(frozenWeightBytes(loraRuns.outcomes[0].model))
    / Double(max(frozenWeightBytes(qloraRuns.outcomes[0].model), 1))
let peakRatio = Double(qloraRuns.outcomes[0].peakBytes) / Double(max(loraRuns.outcomes[0].peakBytes, 1))
let timeRatio = qloraRuns.secondsPerStep.mean / max(loraRuns.secondsPerStep.mean, 1e-9)
// Stated, not interpreted: step times move with the machine's load from run to run.
let timeVerdict = "each of its products first dequantizes the weight's tiles, and the ratio moves with the "
    + "machine's load (bench nf4 measures the layer alone)"
book.prose("""
QLoRA \(Comparison.verb(qloraAccuracy, loraAccuracy)) LoRA on the float model in exact match \
(\(Format.percent(qloraAccuracy)) against \(Format.percent(loraAccuracy))), and its answer loss \
\(Comparison.lossVerb(qloraLoss, loraLoss)) LoRA's; it \(Comparison.verb(qloraAccuracy, fullAccuracy)) full \
fine-tuning (\(Format.percent(fullAccuracy))). Its frozen weights take \
\(Format.fixed(frozenSaving, 1))× less memory than LoRA's float base — in this small model the embeddings and \
the head, which stay in 32 bits, are a large share; in a 7 B model the projections are almost everything. \
The peak of a training step is \(Format.fixed(peakRatio, 2))× LoRA's: the activations, not the weights, \
dominate it here, as chapter 3 measured. A QLoRA step took \(Format.fixed(timeRatio, 2))× a LoRA step's time: \
\(timeVerdict).
""")

// MARK: - 8. Merging an adapter into 4-bit weights

book.section("The merge trap: folding LoRA into 4-bit weights")
book.prose("""
Chapter 5 merged an adapter into its weight, W ← W + (α/r)·B·A, so inference costs nothing \
extra. With a 4-bit base the merged weight must be stored somewhere. Re-quantizing it to NF4 \
rounds it again, block constants and all: an update smaller than half the gap between two \
levels vanishes, a larger one jumps a whole level, and the model that comes out is not the one \
that was trained. Users of PEFT report this. The remedy is to merge into a dequantized (16- or \
32-bit) copy. Measured on the first QLoRA run:
""")
if let qlora = qloraRuns.outcomes.first?.model as? GPT {
    let ids = Array(readingSet.test.prefix(4).flatMap(\.tokens).prefix(model.config.contextLength))
    let trained = Tensor.withoutGradient { qlora(ids, batch: 1) }.scalars
    let trainedLoss = qloraRuns.outcomes[0].answerLoss
    let trainedAccuracy = qloraRuns.outcomes[0].accuracy
    var changedCodes = 0, totalCodes = 0, updateInSteps: [Double] = []
    var floatMerged: [(LinearSlot, Linear)] = [], requantized: [(LinearSlot, NF4Linear)] = []
    for slot in qlora.linearSlots() {
        guard let lora = slot.layer as? LoRALinear, let nf4 = lora.base as? NF4Linear else { continue }
        let w = nf4.dequantizedWeight(), delta = lora.weightUpdate()
        let merged = Tensor(shape: w.shape, scalars: zip(w.scalars, delta.scalars).map { $0 + $1 })
        let mergedLinear = Linear(weight: merged, bias: nf4.bias.map { Tensor(shape: $0.shape, scalars: $0.scalars) })
        let again = NF4Linear(quantizing: mergedLinear, blockSize: 64, doubleQuantization: true)
        for index in 0..<nf4.weight.count where nf4.weight.code(at: index) != again.weight.code(at: index) {
            changedCodes += 1
        }
        totalCodes += nf4.weight.count
        // |ΔW| in units of the local gap between NF4 levels (the block's absmax times the mean gap 2/15).
        let blockSize = nf4.weight.blockSize
        for index in stride(from: 0, to: delta.count, by: 7) {
            let gap = Double(nf4.weight.constants.absmax(ofBlock: index / blockSize)) * 2 / 15
            if gap > 0 { updateInSteps.append(abs(Double(delta.scalars[index])) / gap) }
        }
        floatMerged.append((slot, mergedLinear))
        requantized.append((slot, again))
    }
    updateInSteps.sort()
    let medianSteps = updateInSteps.isEmpty ? .nan : updateInSteps[updateInSteps.count / 2]
    /// Puts `layers` into their slots, measures logits, loss and accuracy.
    @MainActor func measure(_ layers: [(LinearSlot, any LinearLayer)])
        -> (difference: Float, loss: Double, accuracy: Double) {
        for (slot, layer) in layers { slot.replace(with: layer) }
        let logits = Tensor.withoutGradient { qlora(ids, batch: 1) }.scalars
        let difference = zip(logits, trained).map { abs($0 - $1) }.max() ?? .nan
        let scores = SupervisedTask.evaluate(readingSet.test, model: qlora, padding: readingSet.padding)
        return (difference, scores.losses.reduce(0, +) / Double(max(scores.losses.count, 1)),
                Double(scores.matches.filter { $0 }.count) / Double(max(scores.matches.count, 1)))
    }
    let intoFloat = measure(floatMerged.map { ($0.0, $0.1 as any LinearLayer) })
    let intoNF4 = measure(requantized.map { ($0.0, $0.1 as any LinearLayer) })
    var mergeTable = Table(["model", "largest logit change", "answer loss", "exact match"])
    mergeTable.append(["QLoRA, adapter beside the 4-bit weights", "0", Format.fixed(trainedLoss, 4),
                       Format.percent(trainedAccuracy)])
    mergeTable.append(["merged into a dequantized float copy", Format.significant(Double(intoFloat.difference), 2),
                       Format.fixed(intoFloat.loss, 4), Format.percent(intoFloat.accuracy)])
    mergeTable.append(["merged, then re-quantized to NF4", Format.significant(Double(intoNF4.difference), 2),
                       Format.fixed(intoNF4.loss, 4), Format.percent(intoNF4.accuracy)])
    book.table(mergeTable)
    book.result("codes changed by re-quantizing the merged weights",
                "\(Format.percent(Double(changedCodes) / Double(max(totalCodes, 1)), 2)) of "
                + "\(Format.count(totalCodes)); "
                + "the median |ΔW| is \(Format.fixed(medianSteps, 3)) of the gap between neighbouring NF4 levels")
    let accuracyDrop = trainedAccuracy - intoNF4.accuracy
    let damage = abs(accuracyDrop) < 0.01
        ? "on this task the exact-match score barely moves, but the model is no longer the one that was trained"
        : "exact match moves by \(Format.fixed(100 * accuracyDrop, 1)) points"
    book.prose("""
    Merged into a float copy, the model computes what QLoRA trained, to rounding \
    (\(Format.significant(Double(intoFloat.difference), 2)) on logits). Re-quantized, \
    \(Format.percent(Double(changedCodes) / Double(max(totalCodes, 1)), 2)) of the codes move and the logits \
    change by up to \(Format.significant(Double(intoNF4.difference), 2)); the answer loss goes from \
    \(Format.fixed(trainedLoss, 4)) to \(Format.fixed(intoNF4.loss, 4)) and exact match from \
    \(Format.percent(trainedAccuracy)) to \(Format.percent(intoNF4.accuracy)): \(damage). Keep the adapter \
    separate, or merge into a 16-bit copy of the base.
    """)
}

// MARK: - 9. 65 B parameters on one 48 GB GPU

book.section("65 B parameters on one 48 GB GPU")
book.prose("""
The same accounting at LLaMA's sizes, for LoRA of rank 64 on every projection (the QLoRA \
paper's setting): full fine-tuning with 16-bit weights and gradients and 32-bit Adam \
(12 bytes a parameter), LoRA over a 16-bit base (2 bytes a frozen parameter), and QLoRA over \
an NF4 base with double quantization (4.127 bits).
""")
var scaleTable = Table(["model", "full fine-tuning", "LoRA, 16-bit base", "QLoRA", "the QLoRA paper reports"])
/// The memory the QLoRA paper gives for each size (GB), as the issue quotes it.
let paperGigabytes: [String: Double] = ["7 B": 6, "13 B": 10, "33 B": 21, "65 B": 41]
var largestGap = 0.0
for shape in FineTuningMemory.Model.all {
    let paper = paperGigabytes[shape.name]
    if let paper { largestGap = max(largestGap, abs(shape.qloraBytes(rank: 64) / 1e9 - paper)) }
    scaleTable.append([shape.name, Format.bytes(shape.fullFineTuningBytes), Format.bytes(shape.loraBytes(rank: 64)),
                       Format.bytes(shape.qloraBytes(rank: 64)), paper.map { "\(Format.fixed($0, 0)) GB" } ?? "—"])
}
book.table(scaleTable)
let sixtyFive = FineTuningMemory.Model.llama65B
book.result("65 B with QLoRA", "\(Format.bytes(sixtyFive.qloraBytes(rank: 64))) by the formula — "
            + (sixtyFive.qloraBytes(rank: 64) < 48e9 ? "under" : "over") + " 48 GB; full fine-tuning "
            + Format.bytes(sixtyFive.fullFineTuningBytes))
book.prose("""
The formula leaves out the activations (QLoRA uses gradient checkpointing — chapter 3's \
activation checkpointing: recompute them in the backward pass instead of keeping them — which \
keeps them small), the CUDA context and allocator fragmentation, and it counts the adapters at 12 bytes \
each; the paper's own measurements are within a few gigabytes of it. What decides the \
result is the base: at 4.127 bits, 65 B weights are 33.6 GB.
""")

// MARK: - 10. Paged optimizers, simulated

book.section("Paged optimizers (a simulation)")
book.prose("""
QLoRA's third idea handles spikes. A long sequence needs more activation memory than the \
usual batch; on a GPU that runs close to full, it would stop the run with out-of-memory. \
bitsandbytes' **paged optimizers** keep Adam's state in NVIDIA's *unified memory*: when the GPU \
runs short, the driver moves state pages to CPU RAM, and bitsandbytes prefetches them back \
before the optimizer update needs them. A CPU has no second memory to page to, so this part \
is a **simulation**: real training steps of chapter 3's model, with their real activation \
peaks measured by the engine, played against a memory budget set so that the longest \
sequences do not fit beside the optimizer state.
""")
let pagingModel = model.copied()
pagingModel.setTrainable(true)
let pagingLengths = quick ? [32, 32, 64, 32, 64, 32]
    : [48, 48, 64, 48, 128, 48, 64, 48, 48, 128, 96, 48, 48, 64, 128, 48]
// Real training steps with the book's one trainer; step s reads sequences of pagingLengths[s].
var pagingSettings = TrainingSettings(learningRate: 1e-4, steps: pagingLengths.count)
pagingSettings.weightDecay = 0
let pagingTrainer = Trainer(model: pagingModel, settings: pagingSettings, seed: options.seed &+ 61) { draw in
    let batch = validationData.trainingBatch(size: 8, context: pagingLengths[draw.step], rng: &draw.rng)
    return pagingModel.loss(batch.inputs, targets: batch.targets, batch: 8)
}
var activationPeaks: [Int] = []
let weightBytes = pagingModel.parameterCount * 4
TensorMemory.resetPeak()
var liveBeforeStep = TensorMemory.liveBytes
do {
    _ = try pagingTrainer.train(steps: pagingLengths.count, progress: { _ in
        // What the step held beyond what was alive before it, minus the gradients (4 bytes each).
        activationPeaks.append(max(0, TensorMemory.peakBytes - liveBeforeStep - weightBytes))
        TensorMemory.resetPeak()
        liveBeforeStep = TensorMemory.liveBytes
    })
} catch {
    book.stop("\(error)")
}
let stateBytes = pagingTrainer.optimizer.stateTensors().values.reduce(0) { $0 + $1.count * 4 }
let largestActivations = activationPeaks.max() ?? 0
// A device just too small for the longest step with everything resident: 60% of the state must move.
let budget = 2 * weightBytes + stateBytes + largestActivations - stateBytes * 6 / 10
let paging = PagedOptimizerSimulation(budgetBytes: budget, pageBytes: 256 * 1024)
let simulated = activationPeaks.map {
    paging.step(weights: weightBytes, gradients: weightBytes, optimizerState: stateBytes,
                                                  activations: $0) }
var pagingFigure = Figure("paged-optimizer", title: "Simulated device memory over training steps (a simulation)",
                          xLabel: "step", yLabel: "megabytes")
pagingFigure.legendPosition = "top left"
let stepAxis = simulated.indices.map { Double($0 + 1) }
pagingFigure.add(Series("without paging", x: stepAxis, y: simulated.map { Double($0.peakWithoutPaging) / 1e6 },
                        style: .linesPoints, dashed: true))
pagingFigure.add(Series("with paged optimizer state", x: stepAxis, y: simulated.map { Double($0.peakBytes) / 1e6 },
                        style: .linesPoints))
pagingFigure.add(Series("device budget", x: [1, Double(simulated.count)],
                        y: [Double(budget) / 1e6, Double(budget) / 1e6],
                        dashed: true))
let pagedSteps = simulated.enumerated().filter { $0.element.pagesOut > 0 }
pagingFigure.add(Series("steps that paged state out", x: pagedSteps.map { Double($0.offset + 1) },
                        y: pagedSteps.map { Double($0.element.peakBytes) / 1e6 }, style: .points))
book.figure(pagingFigure, caption: "Simulated: the steps over the budget move optimizer pages out for the forward "
            + "and backward pass and back for the update, instead of failing.")
let totalMoved = simulated.reduce(0) { $0 + $1.bytesMoved(pageBytes: paging.pageBytes) }
let failures = simulated.filter(\.outOfMemory).count
let overBudget = simulated.filter { $0.peakWithoutPaging > budget }.count
book.result("simulated: steps over the budget without paging", "\(overBudget) of \(simulated.count) "
            + "(sequences of \(pagingLengths.max() ?? 0) tokens); with paging \(failures) fail")
book.result("simulated: pages moved", "\(simulated.reduce(0) { $0 + $1.pagesOut }) out and as many back, "
            + "\(Format.bytes(Double(totalMoved))) over \(simulated.count) steps "
            + "(pages of \(paging.pageBytes / 1024) kB; "
            + "Adam state \(Format.bytes(Double(stateBytes))))")
book.prose("""
In the simulation the long steps page out just enough state and nothing fails; the cost is \
the copying, \(Format.bytes(Double(totalMoved))) here, which on a GPU crosses PCIe (the bus between CPU and \
GPU) at tens of gigabytes a \
second. Paging cannot help when the activations alone exceed the device — only the optimizer \
state moves. (All numbers in this section are a simulation on measured activation bytes.)
""")

// MARK: - 11. At scale

book.section("At scale")
book.prose("""
In the Hugging Face stack, QLoRA is a configuration:

    from transformers import AutoModelForCausalLM, BitsAndBytesConfig, TrainingArguments
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
    bnb = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                             bnb_4bit_use_double_quant=True, bnb_4bit_compute_dtype=torch.bfloat16)
    model = AutoModelForCausalLM.from_pretrained(name, quantization_config=bnb)
    model = prepare_model_for_kbit_training(model)   # norms in fp32, gradient checkpointing, input grads
    model = get_peft_model(model, LoraConfig(r=64, lora_alpha=16, target_modules="all-linear"))
    args = TrainingArguments(..., optim="paged_adamw_32bit")

Two defaults to know: bitsandbytes' `Linear4bit` quantizes to **FP4** unless told \
`quant_type="nf4"`, and `bnb_4bit_compute_dtype` defaults to float32 — set bf16 on a GPU \
that has it. Tailor's 4-bit files open there: `swift run tailor quantize --nf4 \
--double-quant Checkpoints/gpt.safetensors gpt-nf4.safetensors` writes each projection as \
bitsandbytes saves a `Linear4bit` (packed codes as `W`, then `W.absmax`, `W.quant_map`, \
`W.nested_absmax`, `W.nested_quant_map` and the quant state's JSON), and bitsandbytes' own \
quantization of the same floats gives identical bytes. At 7 B the base is 3.5 GB and a \
rank-64 adapter on every projection about 160 million parameters.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 6).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.prose("""
**Experiments: change, predict, run, explain.** These have no check; write your prediction \
down before you run.

**Experiment 6.A — Bigger blocks.** In section 6.4 change every `blockSize: 64` to 256. \
Predict the bits per weight of NF4 with and without double quantization, and whether NF4's \
round-trip error on the model's weights rises or falls. Run `swift run chapter06-qlora` and \
explain the trade QLoRA made by choosing 64.

**Experiment 6.B — QLoRA at a higher rank.** In section 6.7 use r = 32 for LoRA and QLoRA. \
Predict whether the gap between them grows or shrinks; run, and read it against the intervals.
""")
book.finish()
