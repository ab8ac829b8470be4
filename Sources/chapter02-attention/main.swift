// Chapter 2 · Attention with queries, keys and values
//
// Read this file top to bottom: it is the chapter. `swift run chapter02-attention` prints it,
// trains a small attention model in seconds, and writes Chapters/02-attention.md.

import Corpus
import Engine
import Exercises
import Foundation
import Notebook
import Tokenization
import Transformers
import Bookshelf

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 2, slug: "attention", title: "Attention",
                    summary: "Queries, keys and values: how each token gathers what it needs "
                        + "from the tokens before it.",
                    options: options)
var rng = SplitMix64(seed: options.seed)

/// Rows of a [rows, columns] tensor as Doubles, for printing and plotting.
func rows(_ tensor: Tensor) -> [[Double]] {
    let columns = tensor.shape.last!   // `!`: every caller below passes a 2-D tensor
    let values = tensor.scalars.map(Double.init)
    return stride(from: 0, to: values.count, by: columns).map { Array(values[$0..<($0 + columns)]) }
}

// MARK: - 1. From ids to vectors

book.section("From token ids to vectors")
book.prose("""
Chapter 1 turned text into integers. A network cannot do arithmetic on an id — id 300 is not \
"more" than id 299 — so the first layer looks each id up in an **embedding table**: a matrix \
E with one row of d numbers per token. Row *i* is token *i*'s vector. The table starts random \
and is learned like every other weight.
""")

let tokenizer: BytePairTokenizer
do {
    tokenizer = try Bookshelf.tokenizer(for: book)
} catch {
    book.stop("\(error)")
}

let sentence = "Once Mia found the key."   // "Once" starts every story, so it is one token
let sentenceIDs = tokenizer.encode(sentence, allowingSpecialTokens: false)
let sentenceTokens = sentenceIDs.map { tokenizer.decode([$0]) }
let modelWidth = 8
let embedding = Embedding(count: tokenizer.vocabularySize, dimensions: modelWidth, rng: &rng)
let x = embedding(sentenceIDs)                          // [T, d]

book.cell("\"\(sentence)\" → ids → vectors")
book.output("""
tokens: \(sentenceTokens.map { "⟨\($0)⟩" }.joined(separator: " "))
ids:    \(sentenceIDs)
embedding table E: [\(tokenizer.vocabularySize), \(modelWidth)]   →   x = E[ids]: \(x.shape)

\(Format.matrix(rows(x), rowLabels: sentenceTokens, digits: 2))
""")

// MARK: - 2. Positions

book.section("Order: attention alone cannot see it")
book.prose("""
Attention, as we are about to build it, mixes the vectors of a sequence by weights computed \
from the vectors themselves. Nothing in it knows where a token stands: shuffle the tokens and \
the outputs are shuffled the same way, otherwise unchanged. "Mia found the key" and "the key \
found Mia" would look alike. Let us check that claim on the numbers.
""")

let probeAttention = MultiHeadAttention(dimensions: modelWidth, heads: 1, causal: false, rng: &rng)
let permutation = Array(sentenceIDs.indices.reversed())
let (plainOutput, shuffledOutput) = Tensor.withoutGradient {
    (probeAttention(x.reshaped([1, sentenceIDs.count, modelWidth])),
     probeAttention(embedding(permutation.map { sentenceIDs[$0] }).reshaped([1, sentenceIDs.count, modelWidth])))
}
let plainRows = rows(plainOutput.reshaped([sentenceIDs.count, modelWidth]))
let shuffledRows = rows(shuffledOutput.reshaped([sentenceIDs.count, modelWidth]))
var largestDifference = 0.0
for (position, source) in permutation.enumerated() {
    for column in 0..<modelWidth {
        largestDifference = max(largestDifference, abs(shuffledRows[position][column] - plainRows[source][column]))
    }
}
book.result("attention on the reversed sentence vs the original's outputs reversed",
            "largest difference \(Format.significant(largestDifference, 2)) — the same up to rounding")

book.prose("""
So position must be put into the vectors. The Transformer paper (Vaswani et al. 2017) adds a \
fixed **sinusoidal encoding**: dimension pair (2*i*, 2*i*+1) of position *p* holds

    PE(p, 2i) = sin(p / 10000^(2i/d))      PE(p, 2i+1) = cos(p / 10000^(2i/d))

— fast waves in the first dimensions, slow ones in the last, so every position gets a \
distinct pattern and nearby positions similar ones. GPT-2, and the GPT of chapter 3, instead \
**learn** a second table with one row per position, added to the token's row.
""")
let encodingPositions = 64, encodingWidth = 64
var encodings: [[Double]] = []
for position in 0..<encodingPositions {
    encodings.append((0..<encodingWidth).map { dimension in
        let frequency = pow(10_000, -Double(dimension - dimension % 2) / Double(encodingWidth))
        return dimension % 2 == 0 ? sin(Double(position) * frequency) : cos(Double(position) * frequency)
    })
}
var encodingFigure = Figure("sinusoidal-positions",
                            title: "Sinusoidal position encodings (64 positions × 64 dimensions)",
                            xLabel: "dimension", yLabel: "position")
encodingFigure.heatmap = Heatmap(encodings, colorRange: -1...1, diverging: true)
encodingFigure.extraCommands = ["set xtics 8", "set ytics 8"]
book.figure(encodingFigure,
            caption: "Each row is one position's encoding: fast waves on the left, slow ones on the right.")
let similarityNear = zip(encodings[10], encodings[11]).map(*).reduce(0, +) / Double(encodingWidth / 2)
let similarityFar = zip(encodings[10], encodings[50]).map(*).reduce(0, +) / Double(encodingWidth / 2)
book.result("similarity of encodings (dot product / (d/2))",
            "positions 10 and 11: \(Format.fixed(similarityNear, 2)); 10 and 50: \(Format.fixed(similarityFar, 2))")

// MARK: - 3. One sentence by hand

book.section("Queries, keys and values, by hand")
book.prose("""
Each token asks a question and offers an answer. Three learned matrices turn its vector x into

- a **query** q = x·W_Q: what am I looking for?
- a **key** k = x·W_K: what do I contain?
- a **value** v = x·W_V: what do I hand over if chosen?

Token *t* scores every token *s* by the dot product q_t · k_s, turns the scores into weights \
with a softmax, and takes the weighted sum of the values:

    Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V

Here it is for our sentence, with d = \(modelWidth) and d_k = 4 and random (untrained) weights: \
the numbers mean nothing yet, but every step is the real one.
""")
let headWidth = 4
let queryWeight = Tensor.randomNormal(shape: [modelWidth, headWidth], standardDeviation: 0.5, rng: &rng)
let keyWeight = Tensor.randomNormal(shape: [modelWidth, headWidth], standardDeviation: 0.5, rng: &rng)
let valueWeight = Tensor.randomNormal(shape: [modelWidth, headWidth], standardDeviation: 0.5, rng: &rng)
let (q, k, v) = (x.matmul(queryWeight), x.matmul(keyWeight), x.matmul(valueWeight))   // each [T, d_k]
let scores = q.matmul(k, transposingRight: true)                                         // [T, T]
let scaledScores = scores.scaled(by: 1 / Float(headWidth).squareRoot())
let maskedScores = scaledScores.causallyMasked()                                          // −∞ above the diagonal
let weights = maskedScores.softmax(alongAxis: -1)                                         // rows sum to 1
let attended = weights.matmul(v)                                                          // [T, d_k]

let keyLabels = sentenceTokens.map { "⟨\($0)⟩" }
book.cell("Q = x·W_Q, K = x·W_K, V = x·W_V   (each [T, d_k] = [\(sentenceIDs.count), \(headWidth)])")
book.output("Q\n\(Format.matrix(rows(q), rowLabels: keyLabels))\n\n"
            + "K\n\(Format.matrix(rows(k), rowLabels: keyLabels))\n\n"
            + "V\n\(Format.matrix(rows(v), rowLabels: keyLabels))")
book.cell("Scores Q·Kᵀ, then scaled by 1/√d_k = 1/√\(headWidth)")
book.output("Q·Kᵀ   (row: the query's token, column: the key's token)\n"
            + Format.matrix(rows(scores), rowLabels: keyLabels, columnLabels: keyLabels)
            + "\n\n÷ √\(headWidth)\n"
            + Format.matrix(rows(scaledScores), rowLabels: keyLabels, columnLabels: keyLabels))
book.cell("The causal mask, then softmax along each row")
book.output("masked (a token may only look at itself and earlier tokens)\n"
            + Format.matrix(rows(maskedScores), rowLabels: keyLabels, columnLabels: keyLabels)
                .replacingOccurrences(of: "-inf", with: "  −∞")
            + "\n\nweights = softmax(masked)\n"
            + Format.matrix(rows(weights), rowLabels: keyLabels, columnLabels: keyLabels))
book.cell("The weighted sum of values: each token's output")
book.output(Format.matrix(rows(attended), rowLabels: keyLabels))
let rowSums = rows(weights).map { $0.reduce(0, +) }
book.result("every row of weights sums to", rowSums.map { Format.fixed($0, 4) }.joined(separator: ", "))
book.prose("""
The first token can only attend to itself, so its weight is 1 and its output is its own \
value. The last token mixes all of them. Every row is a probability distribution over the \
tokens before it.
""")

// MARK: - 4. Why √d

book.section("Why divide by √d")
book.prose("""
If the entries of q and k are independent with mean 0 and variance 1, their dot product is a \
sum of d such products: its variance is **d**. With d = 64 the scores spread over ±8 or more, \
and a softmax of such spread-out numbers puts nearly all weight on one token. Its gradient \
then nearly vanishes — the model can hardly learn where to look. Dividing by √d brings the \
variance back to 1 whatever d is. We measure the softmax's **entropy** (in nats: ln 32 ≈ 3.47 \
is uniform over 32 keys, 0 is one-hot) for random queries and keys.
""")
let keysPerQuery = 32
let trials = options.quick ? 100 : 400
let dimensions = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
var entropyTable = Table(["d", "score std (unscaled)", "entropy unscaled", "entropy scaled",
                          "max weight unscaled", "max weight scaled"])
var unscaledEntropies: [Double] = [], scaledEntropies: [Double] = []
for d in dimensions {
    var entropySum = (unscaled: 0.0, scaled: 0.0), maxWeightSum = (unscaled: 0.0, scaled: 0.0), scoreSquares = 0.0
    for _ in 0..<trials {
        let query = Tensor.randomNormal(shape: [1, d], rng: &rng)
        let keys = Tensor.randomNormal(shape: [keysPerQuery, d], rng: &rng)
        let raw = query.matmul(keys, transposingRight: true)                       // [1, 32]
        scoreSquares += raw.scalars.map { Double($0 * $0) }.reduce(0, +) / Double(keysPerQuery)
        let softmaxes = [(false, raw.softmax(alongAxis: -1)),
                         (true, raw.scaled(by: 1 / Float(d).squareRoot()).softmax(alongAxis: -1))]
        for (scaled, probabilities) in softmaxes {
            let p = probabilities.scalars.map(Double.init)   // 32 weights, so `p.max()!` holds
            let entropy = -p.filter { $0 > 0 }.map { $0 * Foundation.log($0) }.reduce(0, +)
            if scaled { entropySum.scaled += entropy; maxWeightSum.scaled += p.max()! }
            else { entropySum.unscaled += entropy; maxWeightSum.unscaled += p.max()! }
        }
    }
    let n = Double(trials)
    unscaledEntropies.append(entropySum.unscaled / n)
    scaledEntropies.append(entropySum.scaled / n)
    entropyTable.append([String(d), Format.fixed((scoreSquares / n).squareRoot(), 1),
                         Format.fixed(entropySum.unscaled / n, 2), Format.fixed(entropySum.scaled / n, 2),
                         Format.fixed(maxWeightSum.unscaled / n, 2), Format.fixed(maxWeightSum.scaled / n, 2)])
}
book.table(entropyTable)
var entropyFigure = Figure("softmax-entropy", title: "Softmax entropy over 32 keys against dimension d",
                           xLabel: "dimension d of queries and keys (log scale)",
                           yLabel: "entropy of the attention weights (nats)")
entropyFigure.logX = true
entropyFigure.legendPosition = "bottom left"
let dimensionAxis = dimensions.map(Double.init)
entropyFigure.add(Series("scores / √d (scaled)", x: dimensionAxis, y: scaledEntropies, style: .linesPoints))
entropyFigure.add(Series("raw scores q·k (unscaled)", x: dimensionAxis, y: unscaledEntropies, style: .linesPoints))
entropyFigure.add(Series("uniform: ln 32", x: [1.0, 1024], y: [Foundation.log(32.0), Foundation.log(32.0)],
                         dashed: true))
book.figure(entropyFigure,
            caption: "Unscaled, the softmax collapses onto one key as d grows; scaled, its entropy stays put.")
book.result("at d = 64 (a typical head)", "unscaled entropy \(Format.fixed(unscaledEntropies[6], 2)) nats, "
            + "scaled \(Format.fixed(scaledEntropies[6], 2)) nats")

// MARK: - 5. The causal mask and several heads

book.section("The causal mask and several heads")
book.prose("""
A language model predicts the next token, so while training on a whole sequence at once, \
position *t* must not see positions after *t* — it would be reading the answer. Setting those \
scores to −∞ before the softmax gives them weight exactly 0: one matrix product computes \
every position's prediction in parallel, each seeing only its past. That is the mask above.

One attention pattern per layer is limiting: a token may need the subject of its sentence \
*and* the previous word. **Multi-head attention** runs h smaller attentions side by side: the \
d-wide query, key and value are split into h heads of width d/h, each head attends on its own, \
and their outputs are concatenated and mixed by an output projection W_O. The shapes, as the \
engine computes them for a batch:

    x                     [B, T, d]
    Q, K, V = x·W_Q, …    [B, T, d]       → reshape, permute → [B, h, T, d/h]
    scores = Q·Kᵀ / √(d/h)                 [B, h, T, T]       (one batched matrix product)
    weights = softmax(masked scores)       [B, h, T, T]
    heads = weights · V                    [B, h, T, d/h]    → permute, reshape → [B, T, d]
    output = heads · W_O                   [B, T, d]

The cost is the same as one full-width head: h heads of width d/h.
""")
let demoAttention = MultiHeadAttention(dimensions: 64, heads: 4, causal: true, rng: &rng)
let demoParameters = demoAttention.namedParameters(prefix: "attention")
var parameterTable = Table(["parameter", "shape", "count"])
for (name, tensor) in demoParameters {
    parameterTable.append([name, "\(tensor.shape)", Format.count(tensor.count)])
}
let demoCount = demoParameters.map(\.tensor.count).reduce(0, +)
parameterTable.append(["total", "", Format.count(demoCount)])
book.cell("A 4-head attention layer with d = 64: its parameters, by name")
book.table(parameterTable)
book.result("parameters",
            "\(Format.count(demoCount)) = 4·d² + 4·d = 4·64² + 4·64 = \(Format.count(4 * 64 * 64 + 4 * 64))")

// MARK: - 6. Training attention on a task that needs it

book.section("Learning to look back: a copy task")
book.prose("""
Now let attention learn something. The task: a sequence of random symbols, a separator, and \
the same symbols again. Predicting the second half is impossible from the current token alone \
— the next symbol is random — but trivial for a model that can **look back** exactly the \
right distance. The loss counts only the second half.

Two models train on the same batches: a one-layer attention model (token and learned position \
embeddings, causal 4-head attention with a residual connection, a linear read-out), and the \
same model with the attention removed, which sees only the current token and its position.
""")

let symbolCount = 16, copyLength = options.quick ? 6 : 8
let separator = symbolCount                                   // an extra id after the symbols
let sequenceLength = 2 * copyLength + 1
let copyWidth = 64, batchSize = 32
let trainingSteps = options.quick ? 120 : 300

/// A batch of copy sequences: inputs [B, T] and targets (−1 where the loss ignores them).
func copyBatch(_ size: Int, rng: inout SplitMix64) -> (inputs: [Int], targets: [Int]) {
    var inputs: [Int] = [], targets: [Int] = []
    for _ in 0..<size {
        let symbols = (0..<copyLength).map { _ in rng.nextInt(below: symbolCount) }
        let sequence = symbols + [separator] + symbols                              // length 2L + 1
        inputs += sequence.dropLast()                                               // predict token t+1 from ≤ t
        targets += sequence.dropFirst().enumerated().map { $0.offset >= copyLength ? $0.element : -1 }
    }
    return (inputs, targets)
}

/// The copy model: embeddings → (optional) causal attention with a residual → read-out.
final class CopyModel: Layer {
    let tokens: Embedding, positions: Embedding, attention: MultiHeadAttention?, norm: LayerNorm, readout: Linear
    init(useAttention: Bool, rng: inout SplitMix64) {
        tokens = Embedding(count: symbolCount + 1, dimensions: copyWidth, rng: &rng)
        positions = Embedding(count: sequenceLength, dimensions: copyWidth, rng: &rng)
        attention = useAttention ? MultiHeadAttention(dimensions: copyWidth, heads: 4, causal: true, rng: &rng) : nil
        norm = LayerNorm(dimensions: copyWidth)
        readout = Linear(inputDimensions: copyWidth, outputDimensions: symbolCount + 1, bias: true, rng: &rng)
    }
    /// Logits [B·T, symbols + 1] for inputs [B·T].
    func callAsFunction(_ inputs: [Int], batch: Int) -> Tensor {
        let steps = inputs.count / batch
        var h = tokens(inputs) + positions(Array((0..<batch).flatMap { _ in 0..<steps }))     // [B·T, d]
        h = h.reshaped([batch, steps, copyWidth])                                             // [B, T, d]
        if let attention { h = h + attention(norm(h)) }                                       // residual
        return readout(h).reshaped([batch * steps, symbolCount + 1])
    }
    func namedParameters(prefix: String) -> [(name: String, tensor: Tensor)] {
        tokens.namedParameters(prefix: parameterName(prefix, "tokens"))
            + positions.namedParameters(prefix: parameterName(prefix, "positions"))
            + (attention?.namedParameters(prefix: parameterName(prefix, "attention")) ?? [])
            + norm.namedParameters(prefix: parameterName(prefix, "norm"))
            + readout.namedParameters(prefix: parameterName(prefix, "readout"))
    }
}

var initRNG = SplitMix64(seed: options.seed &+ 7)
let attentionModel = CopyModel(useAttention: true, rng: &initRNG)
let blindModel = CopyModel(useAttention: false, rng: &initRNG)
/// Both models see the same batches: the trainer draws step s's batch from (seed, s).
func copyTrainer(_ model: CopyModel) -> Trainer {
    Trainer(model: model, settings: .constantAdam(learningRate: 3e-3, steps: trainingSteps), seed: options.seed &+ 11) {
        let batch = copyBatch(batchSize, rng: &$0.rng)
        let logits = model(batch.inputs, batch: batchSize)
        return Tensor.crossEntropy(logits: logits, targets: batch.targets, ignoreIndex: -1)
    }
}

book.cell("Training both models for \(trainingSteps) steps of \(batchSize) sequences")
let attentionLosses = book.train(copyTrainer(attentionModel), steps: trainingSteps, label: "With attention")
    .map { Double($0.loss) }
let blindLosses = book.train(copyTrainer(blindModel), steps: trainingSteps, label: "Without attention")
    .map { Double($0.loss) }

/// Share of second-half symbols predicted exactly, on fresh sequences.
func copyAccuracy(_ model: CopyModel, sequences: Int, rng: inout SplitMix64) -> Double {
    let batch = copyBatch(sequences, rng: &rng)
    let logits = Tensor.withoutGradient { model(batch.inputs, batch: sequences) }
    let width = symbolCount + 1
    let values = logits.scalars
    var correct = 0, total = 0
    for (row, target) in batch.targets.enumerated() where target >= 0 {
        let rowValues = values[(row * width)..<((row + 1) * width)]
        let predicted = rowValues.indices.max { rowValues[$0] < rowValues[$1] }! - row * width   // `!`: width > 0
        correct += predicted == target ? 1 : 0
        total += 1
    }
    return Double(correct) / Double(total)
}
var testRNG = SplitMix64(seed: options.seed &+ 13)
let attentionAccuracy = copyAccuracy(attentionModel, sequences: 500, rng: &testRNG)
let blindAccuracy = copyAccuracy(blindModel, sequences: 500, rng: &testRNG)
var copyTable = Table(["model", "final loss", "accuracy on 500 new sequences", "chance"])
// The final loss is the mean of the last 20 steps, to see past the batch-to-batch noise.
let attentionFinalLoss = attentionLosses.suffix(20).reduce(0, +) / 20
let blindFinalLoss = blindLosses.suffix(20).reduce(0, +) / 20
let chance = Format.percent(1 / Double(symbolCount))
copyTable.append(["with attention", Format.fixed(attentionFinalLoss, 3), Format.percent(attentionAccuracy), chance])
copyTable.append(["without attention", Format.fixed(blindFinalLoss, 3), Format.percent(blindAccuracy), chance])
book.table(copyTable)
book.result("copy accuracy", "\(Format.percent(attentionAccuracy)) with attention, "
            + "\(Format.percent(blindAccuracy)) without (chance: \(chance))")

var lossFigure = Figure("copy-loss", title: "Training loss on the copy task", xLabel: "step",
                        yLabel: "cross-entropy (nats)")
lossFigure.add(Series("with attention", y: attentionLosses))
lossFigure.add(Series("without attention", y: blindLosses))
lossFigure.add(Series("chance: ln 16", x: [0.0, Double(trainingSteps)], y: [Foundation.log(16.0), Foundation.log(16.0)],
                      dashed: true))
book.figure(lossFigure,
            caption: "Without attention the loss stays at chance (ln 16 ≈ 2.77); with it, the model learns to copy.")

book.prose("""
What did it learn? Run one new sequence through the trained model and draw the attention \
weights of the head that copies best: row *t* is where position *t* looks.
""")
let example = copyBatch(1, rng: &testRNG)
// `!`: attentionModel was built with attention, and records its weights in the pass below.
attentionModel.attention!.recordsAttentionWeights = true
_ = Tensor.withoutGradient { attentionModel(example.inputs, batch: 1) }
let learnedWeights = attentionModel.attention!.lastAttentionWeights!           // [1, heads, T, T]
let steps = example.inputs.count
// @MainActor: this helper reads this file's top-level state, which Swift isolates to the main actor.
/// Head h's [T, T] weights.
@MainActor func headWeights(_ head: Int) -> [[Double]] {
    rows(learnedWeights.sliced(alongAxis: 1, range: head..<(head + 1)).reshaped([steps, steps]))
}
/// The mean weight a head puts, in the second half, on the position holding the next symbol:
/// from input position t ≥ L the symbol to predict sits at t − L.
func lookBackWeight(_ weights: [[Double]]) -> Double {
    let values = (copyLength..<steps).map { weights[$0][$0 - copyLength] }
    return values.reduce(0, +) / Double(values.count)
}
let headCount = learnedWeights.shape[1]
let lookBacks = (0..<headCount).map { lookBackWeight(headWeights($0)) }
let copyingHead = lookBacks.indices.max { lookBacks[$0] < lookBacks[$1] }!   // `!`: the layer has 4 heads
let labels = example.inputs.enumerated().map {
    $0.element == separator ? "\($0.offset):|" : "\($0.offset):\($0.element)"
}
var patternFigure = Figure("copy-attention", title: "Learned attention of head \(copyingHead + 1) on one copy sequence",
                           xLabel: "key position: symbol", yLabel: "query position: symbol")
patternFigure.heatmap = Heatmap(headWeights(copyingHead), rowLabels: labels, columnLabels: labels, colorRange: 0...1)
book.figure(patternFigure, caption: "In the second half each position looks back \(copyLength) steps — "
            + "at the symbol it must predict next.")
book.result("mean weight on the position to copy (second half), by head",
            lookBacks.enumerated().map { "head \($0.offset + 1): \(Format.fixed($0.element, 2))" }
                .joined(separator: ", "))

// MARK: - At scale

book.section("At scale")
book.prose("""
This is the attention of every Transformer; production code differs in speed, not idea. \
PyTorch fuses it into one call, `torch.nn.functional.scaled_dot_product_attention(q, k, v, \
is_causal=True)`, which picks FlashAttention or a memory-efficient kernel: it never \
materialises the [B, h, T, T] weights, so memory grows linearly with T instead of \
quadratically. GPT-2 small uses d = 768 and 12 heads of 64; Llama 2 7B uses d = 4,096 and 32 \
heads of 128, rotary position embeddings (RoPE) instead of learned ones, and Llama 3 shares \
each key/value head among several query heads (grouped-query attention) to shrink the KV \
cache. At 4,096 tokens of context the score matrix alone is 16.8 million entries per head \
per layer — which is why those kernels exist.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 2).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.finish()
