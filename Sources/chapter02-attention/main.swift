// Chapter 2 · Attention with queries, keys and values
//
// Read this file top to bottom: it is the chapter. `swift run chapter02-attention` prints it,
// trains a small attention model in seconds, and writes Chapters/02-attention.md.
//
// The chapter is laid out as the page it weaves, prose block by prose block, so swift-format
// leaves it alone (Sources/ARCHITECTURE.md, "Style"); every module, test and tool is formatted.
// swift-format-ignore-file

import Corpus
import Engine
import Exercises
import Experiments
import Foundation
import Notebook
import Tokenization
import Transformers
import Bookshelf

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 2, options: options)
var rng = SplitMix64(seed: options.seed)

/// Rows of a [rows, columns] tensor as Doubles, for printing and plotting.
func rows(_ tensor: Tensor) -> [[Double]] { tensor.rowArrays }

book.onRamp(build: """
attention from its parts: token embeddings, positions, queries, keys and values, the causal \
mask and several heads, and the transformer block around them. On the way you meet the \
book's engine, the tensors and gradients that every later chapter trains with.
""", measure: """
why attention scores are divided by √d, what attention alone cannot know about word order, and \
what small attention models learn on two tasks that need it: copying, and an induction head.
""", takes: """
chapter 1's tokenizer, to turn a sentence into ids.
""")

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
let largestDifference = AttentionPatterns.reorderingGap(plain: plainRows, shuffled: shuffledRows,
                                                        permutation: permutation)
// Each output is a weighted sum over the T positions of d-wide products: about T·d terms behind it.
let roundingTerms = sentenceIDs.count * modelWidth
let freeBound = AttentionPatterns.roundingBound(terms: roundingTerms, rows: plainRows)
book.result("attention on the reversed sentence vs the original's outputs reversed",
            "largest difference \(Format.significant(largestDifference, 2)) — "
            + AttentionPatterns.reorderingWords(difference: largestDifference, bound: freeBound))

book.prose("""
That was attention **without a mask**. Every model in this book is *causal*: position *t* may \
look only at positions 0…*t* (section 2.5 explains why). The mask breaks the symmetry, and it \
leaks position: position *t* averages over exactly *t* + 1 vectors, so once the tokens before \
it differ, the same token gives different outputs at different places. (A sequence of nothing \
but identical tokens would not: every position would average copies of one value.) We run the \
same test through a causal layer, then feed "Once" followed by five copies of " key".
""")
// A separate generator, so the hand-worked example below keeps its numbers.
var causalRNG = SplitMix64(seed: options.seed &+ 3)
let causalProbe = MultiHeadAttention(dimensions: modelWidth, heads: 1, causal: true, rng: &causalRNG)
let repeatedKey = tokenizer.encode(" key", allowingSpecialTokens: false)
let repeatedIDs = [sentenceIDs[0]] + Array(repeating: repeatedKey[0], count: 5)
let (causalPlain, causalShuffled, repeatedCausal, repeatedFree) = Tensor.withoutGradient {
    (causalProbe(x.reshaped([1, sentenceIDs.count, modelWidth])),
     causalProbe(embedding(permutation.map { sentenceIDs[$0] }).reshaped([1, sentenceIDs.count, modelWidth])),
     causalProbe(embedding(repeatedIDs).reshaped([1, repeatedIDs.count, modelWidth])),
     probeAttention(embedding(repeatedIDs).reshaped([1, repeatedIDs.count, modelWidth])))
}
let causalPlainRows = rows(causalPlain.reshaped([sentenceIDs.count, modelWidth]))
let causalShuffledRows = rows(causalShuffled.reshaped([sentenceIDs.count, modelWidth]))
let causalDifference = AttentionPatterns.reorderingGap(plain: causalPlainRows, shuffled: causalShuffledRows,
                                                       permutation: permutation)
let repeatedCausalRows = rows(repeatedCausal.reshaped([repeatedIDs.count, modelWidth]))
let repeatedFreeRows = rows(repeatedFree.reshaped([repeatedIDs.count, modelWidth]))
let repeatedLabels = repeatedIDs.enumerated().map { "\($0.offset): ⟨\(tokenizer.decode([$0.element]))⟩" }
book.cell("\"Once key key key key key\" through attention without and with the causal mask (first 4 of 8 columns)")
book.output("without mask\n"
            + Format.matrix(repeatedFreeRows.map { Array($0.prefix(4)) }, rowLabels: repeatedLabels, digits: 3)
            + "\n\ncausal\n"
            + Format.matrix(repeatedCausalRows.map { Array($0.prefix(4)) }, rowLabels: repeatedLabels, digits: 3))
let freeSpread = AttentionPatterns.spreadAfterFirst(repeatedFreeRows)
let causalSpread = AttentionPatterns.spreadAfterFirst(repeatedCausalRows)
book.result("causal attention on the reversed sentence vs the original's outputs reversed",
            "largest difference \(Format.significant(causalDifference, 2)) — "
            + AttentionPatterns.reorderingWords(difference: causalDifference, bound: freeBound))
book.result("largest difference between the outputs at positions 1–5 (all ⟨ key⟩)",
            "\(Format.significant(freeSpread, 2)) without mask, \(Format.significant(causalSpread, 2)) causal")
/// Largest column difference between causal output rows t − 1 and t.
func neighbourGap(_ t: Int) -> Double {
    AttentionPatterns.largestDifference(repeatedCausalRows[t - 1], repeatedCausalRows[t])
}
let freeKeyRows = freeSpread <= AttentionPatterns.roundingBound(terms: repeatedIDs.count * modelWidth, rows: repeatedFreeRows)
    ? "agree to rounding" : "differ by \(Format.significant(freeSpread, 2))"
let fadeWords = neighbourGap(5) < neighbourGap(2) ? "the signal fades along the sequence" : "the signal does not fade"
book.prose("""
Without the mask the five ⟨ key⟩ rows \(freeKeyRows); with it they differ, because each \
position mixes "Once" with a different number of copies of ⟨ key⟩. So some information about \
position reaches a causal model even with no position encoding at all (Haviv et al. 2022 \
train causal language models without one). Neighbouring rows differ by up to \
\(Format.fixed(neighbourGap(2), 3)) between positions 1 and 2 and \(Format.fixed(neighbourGap(5), 3)) \
between 4 and 5: \(fadeWords), and models add position explicitly.
""")

book.prose("""
So position must be put into the vectors. The Transformer paper (Vaswani et al. 2017) adds a \
fixed **sinusoidal encoding**: dimension pair (2*i*, 2*i*+1) of position *p* holds

    PE(p, 2i) = sin(p / 10000^(2i/d))      PE(p, 2i+1) = cos(p / 10000^(2i/d))

— fast waves in the first dimensions, slow ones in the last, so every position gets a \
distinct pattern and nearby positions similar ones. GPT-2, and the GPT of chapter 3, instead \
**learn** a second table with one row per position, added to the token's row.
""")
let encodingPositions = 64, encodingWidth = 64
let encodings = SinusoidalEncoding.table(positions: encodingPositions, width: encodingWidth)
/// Dot product of two encodings over d/2: the cosine of their angle, since each has norm √(d/2).
func encodingSimilarity(_ a: Int, _ b: Int) -> Double { SinusoidalEncoding.similarity(encodings[a], encodings[b]) }
var waveFigure = Figure("sinusoidal-positions", title: "Four dimensions of the sinusoidal encoding",
                        xLabel: "position p", yLabel: "PE(p, dimension)")
waveFigure.yRange = -1.2...1.6
waveFigure.xRange = 0...Double(encodingPositions - 1)
waveFigure.legendPosition = "top center horizontal"
for dimension in [0, 8, 16, 32] {
    let wavelength = SinusoidalEncoding.wavelength(dimension: dimension, width: encodingWidth)
    waveFigure.add(Series("dim \(dimension) (wavelength \(Format.fixed(wavelength, 0)))",
                          x: (0..<encodingPositions).map(Double.init), y: encodings.map { $0[dimension] }))
}
let longestWavelength = SinusoidalEncoding.wavelength(dimension: encodingWidth - 2, width: encodingWidth)
book.figure(waveFigure, caption: "Each dimension pair is a wave of its own wavelength, from 2π ≈ 6 positions in the "
            + "first pair to \(Format.count(Int(longestWavelength))) in the last: together they give every "
            + "position its own pattern.")

let offsets = Array(0..<32), basePositions = [0, 16, 32]
var similarityFigure = Figure("sinusoidal-similarity",
                              title: "Similarity of the encodings of positions p and p + k, for three p",
                              xLabel: "offset k (positions)", yLabel: "PE(p)·PE(p+k) / (d/2)")
similarityFigure.yRange = 0...1.05
similarityFigure.xRange = 0...Double(offsets.count - 1)
for base in basePositions {
    similarityFigure.add(Series("p = \(base)", x: offsets.map(Double.init),
                                y: offsets.map { encodingSimilarity(base, base + $0) },
                                style: base == 16 ? .points : .lines, dashed: base == 32))
}
book.figure(similarityFigure, caption: "The similarity depends only on the offset k, not on where the pair "
            + "stands: the three curves lie on top of each other. It falls with distance, with ripples.")
var offsetOnly = 0.0
for offset in offsets {
    let values = basePositions.map { encodingSimilarity($0, $0 + offset) }
    offsetOnly = max(offsetOnly, (values.max() ?? 0) - (values.min() ?? 0))
}
book.result("similarity of encodings (dot product / (d/2))",
            "positions 10 and 11: \(Format.fixed(encodingSimilarity(10, 11), 2)); "
            + "10 and 50: \(Format.fixed(encodingSimilarity(10, 50), 2))")
book.result("largest difference between p = 0, 16, 32 at the same offset",
            Format.significant(offsetOnly, 2))
book.prose("""
Why offsets alone: each pair of dimensions holds (sin *ωp*, cos *ωp*), and sin *ωp*·sin *ω*(*p*+*k*) \
+ cos *ωp*·cos *ω*(*p*+*k*) = cos *ωk*. So the encoding of *p* + *k* is the encoding of *p* turned \
by a fixed rotation that depends on *k* only — a relation a linear map of queries and keys \
can learn. Rotary embeddings (RoPE, used by Llama) take this idea all the way: they rotate \
queries and keys by their positions, so q·k depends on the offset alone.
""")

// MARK: - 3. One sentence by hand

book.section("Queries, keys and values, by hand")
book.prose("""
Each token asks a question and offers an answer. Three learned matrices turn its vector x into

- a **query** q = x·W_Q: what am I looking for?
- a **key** k = x·W_K: what do I contain?
- a **value** v = x·W_V: what do I hand over if chosen?

Token *t* scores every token *s* by the dot product q_t · k_s, turns the scores into weights \
with a **softmax** — each score s becomes e^s divided by the sum of all the e^s, so the weights \
are positive, add up to 1, and the largest score gets the most — and takes the weighted sum of \
the values:

    Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V

Here it is for our sentence, with d = \(modelWidth) and d_k = 4 and random (untrained) weights: \
the numbers mean nothing yet, but every step is the real one.

Every step is also an op of the book's **engine**, the small tensor library every later \
chapter trains with, so here is what an op is. A `Tensor` is a shape and a flat buffer of \
floats. An op computes its output and, when one of its inputs needs a gradient, remembers two \
things: its inputs, and a closure that turns the gradient of the output into gradients of \
those inputs. That is the idea of Karpathy's micrograd, reverse-mode automatic \
differentiation over a graph built as the code runs, applied to whole tensors instead of \
single numbers:
""")
book.listing("engine-recording", in: "Sources/Engine/Tensor/Autograd.swift", caption: "how an op records itself")
book.prose("""
An element-wise op shows the pattern whole. The forward loop applies f to every element; the \
backward closure receives the output's gradient g and adds g·f′(x) into the input's gradient. \
It *adds*, because a tensor used twice gets a gradient from each use. Multiplying by a \
constant, which scales the scores below, is one line on top of it:
""")
book.listing("engine-mapped", in: "Sources/Engine/Operations/ElementwiseFunctions.swift",
             caption: "an element-wise op and its gradient")
book.prose("""
Calling `backward()` on a loss runs the chain rule over the recorded graph. It first orders \
the tensors so that each comes after everything it was computed from (a **topological \
sort**), then walks that order backwards, so each op's closure runs once its own output's \
gradient is complete. Then it releases the graph, and the next training step starts clean:
""")
book.listing("engine-backward", in: "Sources/Engine/Tensor/Autograd.swift",
             caption: "backward(): the chain rule over the graph")
book.prose("""
The products, the scale, the mask and the softmax below are ops like these. Each one's \
gradient is tested against finite differences: nudge an input by a small ε, see how much the \
output moves, and compare.
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
and a softmax of such spread-out numbers puts nearly all weight on one token. Its gradient — \
how much the output would change if a score moved a little, the signal training follows — \
then nearly vanishes: the model can hardly learn where to look. Dividing by √d brings the \
variance back to 1 whatever d is. We measure the softmax's **entropy**, −Σ p·ln p over its \
weights p: how spread out they are (in nats, the unit of the natural logarithm: ln 32 ≈ 3.47 \
is uniform over 32 keys, 0 is one-hot, all weight on one key) for random queries and keys.
""")
let keysPerQuery = 32
let trials = options.quick ? 100 : 400
let dimensions = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]
var entropyTable = Table(["d", "score std (unscaled)", "entropy unscaled", "entropy scaled",
                          "max weight unscaled", "max weight scaled"])
var unscaledEntropies: [Double] = [], scaledEntropies: [Double] = []
for d in dimensions {
    let spread = SoftmaxSpread.measure(dimension: d, keys: keysPerQuery, trials: trials, rng: &rng)
    unscaledEntropies.append(spread.unscaledEntropy)
    scaledEntropies.append(spread.scaledEntropy)
    entropyTable.append([String(d), Format.fixed(spread.scoreDeviation, 1),
                         Format.fixed(spread.unscaledEntropy, 2), Format.fixed(spread.scaledEntropy, 2),
                         Format.fixed(spread.unscaledMaxWeight, 2), Format.fixed(spread.scaledMaxWeight, 2)])
}
book.table(entropyTable)
let entropyFigure = AttentionFigures.softmaxEntropy(dimensions: dimensions, scaled: scaledEntropies,
                                                    unscaled: unscaledEntropies, keys: keysPerQuery)
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
every position's prediction in parallel, each seeing only its past. That is the mask above, \
and it is one short op: a loop over rows that copies what a row may see and fills the rest:
""")
book.listing("causal-mask", in: "Sources/Engine/Operations/Masking.swift", caption: "the causal mask")
book.prose("""

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

The **arithmetic** is the same as one full-width head: the score product costs T·T·(d/h) \
multiply-adds per head, h·T²·(d/h) = T²·d for all of them, whatever h is. The **memory** is \
not: every head keeps its own [T, T] weight matrix, h·T² numbers per sequence and layer, and \
training keeps them for the backward pass (the second half of a training step, which works \
out the gradients from the loss back to every weight). Here is the count at GPT-2 small's width and \
context (d = 768, T = 1,024), for one sequence and one layer.
""")
let gptWidth = 768, gptContext = 1_024
var headCostTable = Table(["heads h", "head width d/h", "score multiply-adds T²·d", "weights kept h·T²",
                           "weights, float32"])
for heads in [1, 4, 12, 48] {
    let weightsKept = heads * gptContext * gptContext
    headCostTable.append([String(heads), String(gptWidth / heads), Format.count(gptContext * gptContext * gptWidth),
                          Format.count(weightsKept), Format.bytes(4 * weightsKept)])
}
book.cell("Several heads: the same arithmetic, h times the attention weights")
book.table(headCostTable)
book.result("GPT-2 small's 12 heads, one layer, one 1,024-token sequence",
            "\(Format.bytes(4 * 12 * gptContext * gptContext)) of attention weights; "
            + "× 12 layers = \(Format.bytes(4 * 12 * 12 * gptContext * gptContext)) per sequence")
let demoAttention = MultiHeadAttention(dimensions: 64, heads: 4, causal: true, rng: &rng)
let demoParameters = demoAttention.namedParameters(prefix: "attention")
let parameterTable = Table(parameters: demoParameters)
let demoCount = demoParameters.map(\.tensor.count).reduce(0, +)
book.cell("A 4-head attention layer with d = 64: its parameters, by name")
book.table(parameterTable)
book.result("parameters",
            "\(Format.count(demoCount)) = 4·d² + 4·d = 4·64² + 4·64 = \(Format.count(4 * 64 * 64 + 4 * 64))")
book.prose("""
The layer itself is four linear maps around one attention call. The key/value cache, used \
when sampling one token at a time, is left out here; chapter 3 uses it.
""")
book.listing("attention-layer", in: "Sources/Transformers/MultiHeadAttention.swift",
             caption: "multi-head attention: project, attend, project")
book.prose("""
Inside the attention call, the engine does the arithmetic of the shapes above without the \
reshapes and permutes. Head h of Q is simply columns h·(d/h) ..< (h+1)·(d/h) of the [B, T, d] \
tensor, so the matrix library (BLAS, which does the heavy products) can read a head in place \
by skipping d floats from one row to the next:
""")
book.listing("attention-head-columns", in: "Sources/Engine/Operations/ScaledDotProductAttention.swift",
             caption: "where a head's columns start")
book.prose("""
Then, for every sequence and head: one product for the scaled scores, one pass per row for the \
mask and the softmax, and one product for the weighted values. `sgemm` is BLAS's \
matrix product C = α·A·B + β·C; its α applies the 1/√(d/h):
""")
book.listing("attention-per-head", in: "Sources/Engine/Operations/ScaledDotProductAttention.swift",
             caption: "scaled dot-product attention, one head at a time")

// MARK: - 6. Training attention on a task that needs it

book.section("Learning to look back: a copy task")
book.prose("""
Now let attention learn something. The task: a sequence of random symbols, a separator, and \
the same symbols again. Predicting the second half is impossible from the current token alone \
— the next symbol is random — but trivial for a model that can **look back** exactly the \
right distance. Training lowers a **loss**, here the cross-entropy: minus the log of the \
probability the model gave the symbol that came next, averaged (chapter 3 says more). The loss \
counts only the second half.

Two models train on the same batches: a one-layer attention model (token and learned position \
embeddings, causal 4-head attention whose output is added to its input — a residual \
connection, section 2.7 — and a linear read-out), and the \
same model with the attention removed, which sees only the current token and its position.
""")

let copyTask = CopyTask(symbols: 16, length: options.quick ? 6 : 8)
let symbolCount = copyTask.symbols, copyLength = copyTask.length, separator = copyTask.separator
let sequenceLength = copyTask.sequenceLength
let copyWidth = 64, batchSize = 32
let trainingSteps = options.quick ? 120 : 300

var initRNG = SplitMix64(seed: options.seed &+ 7)
let attentionModel = AttentionOnlyModel(vocabulary: symbolCount + 1, context: sequenceLength, width: copyWidth,
                                        layers: 1, rng: &initRNG)
let blindModel = AttentionOnlyModel(vocabulary: symbolCount + 1, context: sequenceLength, width: copyWidth,
                                    layers: 0, rng: &initRNG)
/// Both models see the same batches: the trainer draws step s's batch from (seed, s).
func copyTrainer(_ model: AttentionOnlyModel) -> Trainer {
    model.trainer(steps: trainingSteps, batch: batchSize, seed: options.seed &+ 11) { copyTask.batch($0, rng: &$1) }
}

book.cell("Training both models for \(trainingSteps) steps of \(batchSize) sequences")
let attentionLosses = book.train(copyTrainer(attentionModel), steps: trainingSteps, label: "With attention")
    .map { Double($0.loss) }
let blindLosses = book.train(copyTrainer(blindModel), steps: trainingSteps, label: "Without attention")
    .map { Double($0.loss) }

/// Share of second-half symbols predicted exactly, on fresh sequences.
func copyAccuracy(_ model: AttentionOnlyModel, sequences: Int, rng: inout SplitMix64) -> Double {
    let batch = copyTask.batch(sequences, rng: &rng)
    return model.accuracy(inputs: batch.inputs, targets: batch.targets, batch: sequences)
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

let lossFigure = AttentionFigures.copyLoss(withAttention: attentionLosses, without: blindLosses,
                                           steps: trainingSteps, symbols: symbolCount)
book.figure(lossFigure,
            caption: "Without attention the loss stays at chance (ln 16 ≈ 2.77); with it, the model learns to copy.")

book.prose("""
What did it learn? Run one new sequence through the trained model and draw the attention \
weights of the head that copies best: row *t* is where position *t* looks.
""")
let example = copyTask.batch(1, rng: &testRNG)
// `[0]`: attentionModel was built with one attention layer, which records its weights.
let learnedWeights = attentionModel.recordedWeights(example.inputs, batch: 1)[0]      // [1, heads, T, T]
let steps = example.inputs.count
// @MainActor: this helper reads this file's top-level state, which Swift isolates to the main actor.
/// Head h's [T, T] weights.
@MainActor func headWeights(_ head: Int) -> [[Double]] {
    rows(learnedWeights.sliced(alongAxis: 1, range: head..<(head + 1)).reshaped([steps, steps]))
}
/// The mean weight a head puts, in the second half, on the position holding the next symbol:
/// from input position t ≥ L the symbol to predict sits at t − L.
func lookBackWeight(_ weights: [[Double]]) -> Double {
    AttentionPatterns.meanWeight(weights, offset: copyLength, from: copyLength)
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

let weakestCopyHead = lookBacks.min() ?? 0
book.prose(weakestCopyHead > 0.9 ? """
On this sequence every head puts at least \(Format.fixed(weakestCopyHead, 2)) of its weight on \
the position \(copyLength) steps back: all \(headCount) learned the same **fixed offset**, a \
*positional* pattern. To copy, a head needs to know where to look, not what is there — the task \
asks no more. The next sections build a task that does.
""" : """
The heads differ: the weakest puts \(Format.fixed(weakestCopyHead, 2)) of its weight on the \
position \(copyLength) steps back. Still, what they look for is a place — a fixed offset — not \
a symbol: the task asks for nothing more.
""")

// MARK: - 7. The transformer block

book.section("The transformer block: LayerNorm, the residual stream, the MLP")
book.prose("""
Attention moves information *between* positions. A Transformer wraps it in a **block** with \
two more pieces, and stacks blocks; chapter 3's GPT is embeddings, a stack of these blocks, a \
final LayerNorm and a read-out. In GPT-2's pre-norm form a block is two lines:

    x = x + Attention(LayerNorm(x))
    x = x + MLP(LayerNorm(x))

- **The residual stream** is x itself, [B, T, d], which no block replaces: each branch reads \
it and *adds* its result. So the identity is always one path through the network (gradients \
have a direct path back to the first layer, which is what lets deep stacks train), and a later layer \
can read what any earlier layer wrote — the next experiment needs exactly that.
- **LayerNorm** (Ba et al. 2016) rescales each token's vector on its own: subtract the mean \
of its d features, divide by their standard deviation, then scale and shift by learned γ and β \
(they start at 1 and 0): y = γ·(x − μ)/√(σ² + ε) + β. However large the stream grows, each \
branch reads it at the same scale.
- **The MLP** works on each position alone: d → 4d, a GELU non-linearity (a smooth \
max(0, x): negative inputs are squashed towards 0, positive ones pass), 4d → d. Attention \
gathers; the MLP computes on what was gathered, and holds two-thirds of a block's parameters.
""")
book.figure(ConceptDiagrams.transformerBlock(),
            caption: "A block reads the residual stream twice and adds into it twice; nothing replaces it.")
book.listing("transformer-block", in: "Sources/Transformers/TransformerBlock.swift",
             caption: "the block, as the GPT of chapter 3 runs it")
let normDemo = LayerNorm(dimensions: modelWidth)
let keyRow = x.sliced(alongAxis: 0, range: 4..<5)                                      // ⟨ key⟩'s row, [1, d]
let stretchedRow = keyRow.scaled(by: 10) + Tensor(shape: [1, modelWidth],
                                                  scalars: Array(repeating: 3, count: modelWidth))
let (normedRow, normedStretched) = Tensor.withoutGradient { (normDemo(keyRow), normDemo(stretchedRow)) }
let normRows = [rows(keyRow)[0], rows(stretchedRow)[0], rows(normedRow)[0], rows(normedStretched)[0]]
let normLabels = ["x (⟨ key⟩)", "10·x + 3", "LayerNorm(x)", "LayerNorm(10·x + 3)"]
book.cell("LayerNorm on ⟨ key⟩'s vector and on a stretched, shifted copy")
book.output(Format.matrix(normRows, rowLabels: normLabels, digits: 2) + "\n\n"
            + zip(normLabels, normRows).map { label, row in
                let (mean, deviation) = Statistics.moments(row)
                return "\(label): mean \(Format.fixed(mean, 2)), standard deviation \(Format.fixed(deviation, 2))"
            }.joined(separator: "\n"))
let normGap = zip(normRows[2], normRows[3]).map { abs($0 - $1) }.max() ?? 0
book.result("LayerNorm(10·x + 3) vs LayerNorm(x)", "largest difference \(Format.significant(normGap, 2))")

let blockWidth = 64
let blockConfig = GPTConfig(vocabularySize: 16, contextLength: 32, width: blockWidth, heads: 4, layers: 1)
var blockRNG = SplitMix64(seed: options.seed &+ 5)
let demoBlock = TransformerBlock(config: blockConfig, rng: &blockRNG)
let blockParameters = demoBlock.namedParameters(prefix: "block")
let blockTable = Table(parameters: blockParameters)
let blockCount = blockParameters.map(\.tensor.count).reduce(0, +)
let mlpCount = blockParameters.filter { $0.name.contains(".mlp.") }.map(\.tensor.count).reduce(0, +)
book.cell("One block with d = \(blockWidth): its parameters, by name")
book.table(blockTable)
book.result("block parameters", "\(Format.count(blockCount)) = 12·d² + 13·d = "
            + "\(Format.count(12 * blockWidth * blockWidth + 13 * blockWidth)); the MLP holds "
            + Format.percent(Double(mlpCount) / Double(blockCount)))

// MARK: - 8. Induction

book.section("Looking up by content: an induction head")
book.prose("""
The copy task could be solved by looking at a *place*. Much of what a language model does \
needs looking up by *content*: after "Mia … Mia", predict the word that followed "Mia" last \
time. The task that isolates this: filler, then a segment of distinct tokens, then the same \
segment again. In the second copy each next token is certain — it followed the current token \
the first time — but the segment's length changes from sequence to sequence, so it lies a \
different distance back each time and no fixed offset finds it.
""")
let inductionTask = InductionTask(vocabulary: 32, shortest: options.quick ? 4 : 6, longest: options.quick ? 8 : 12)
var inductionExampleRNG = SplitMix64(seed: options.seed &+ 17)
let inductionExample = inductionTask.sequence(rng: &inductionExampleRNG)
let fillerLength = inductionTask.sequenceLength - 2 * inductionExample.segmentLength
book.cell("One sequence (vocabulary \(inductionTask.vocabulary), segments of \(inductionTask.shortest)–"
          + "\(inductionTask.longest) tokens)")
book.output("""
filler:         \(inductionExample.tokens.prefix(fillerLength).map(String.init).joined(separator: " "))
segment:        \(inductionExample.tokens.dropFirst(fillerLength).prefix(inductionExample.segmentLength)
                    .map(String.init).joined(separator: " "))
segment again:  \(inductionExample.tokens.suffix(inductionExample.segmentLength).map(String.init)
                    .joined(separator: " "))   ← each next token is scored
""")
book.prose("""
One layer of attention has no direct way to do this. At a token x of the second copy the model must find the \
position *after* x's first occurrence — but that position's vector holds its own token and \
position, nothing about x. Two layers can: a head in layer 1 that looks at the **previous \
token** writes "my previous token was x" into each position's residual stream; a head in layer \
2 then matches the current x against exactly that and copies what it finds. This two-step \
circuit is an **induction head** (Elhage et al. 2021; Olsson et al. 2022), found in large language \
models. We train the copy task's model — attention layers on a residual stream, each reading it \
through a LayerNorm, no MLP, the setting in which Elhage et al. found the circuit — with one \
layer and with two, d = 64 and 4 heads, on the same batches, from several seeds.
""")
let inductionSteps = options.quick ? 200 : 1_000, inductionBatchSize = 32
let inductionSeeds: [UInt64] = options.quick ? [options.seed] : (0..<3).map { options.seed &+ 100 &+ UInt64($0) }
var inductionTestRNG = SplitMix64(seed: options.seed &+ 19)
let testSequences = 500
let inductionTest = inductionTask.batch(testSequences, rng: &inductionTestRNG)
book.cell("Training 1- and 2-layer models, \(inductionSteps) steps of \(inductionBatchSize) sequences, "
          + "\(inductionSeeds.count) seed(s)")
let inductionRuns = book.trainInductionRuns(task: inductionTask, layers: [1, 2], seeds: inductionSeeds,
                                            steps: inductionSteps, batch: inductionBatchSize, test: inductionTest,
                                            testSequences: testSequences)
let inductionTable = inductionRuns.table(testSequences: testSequences)
book.table(inductionTable)
let oneBlock = inductionRuns.accuracySummary(layers: 1), twoBlocks = inductionRuns.accuracySummary(layers: 2)
func summaryText(_ s: (mean: Double, low: Double, high: Double)) -> String {
    inductionSeeds.count == 1 ? Format.percent(s.mean)
        : "\(Format.percent(s.mean)) (seeds range \(Format.percent(s.low))–\(Format.percent(s.high)))"
}
let inductionChance = 1 / Double(inductionTask.vocabulary)
// A reference that needs no lookup: guess uniformly among the first copy's tokens that the
// second copy has not repeated yet (at its j-th input, m − j − 1 of them remain).
let shortcutGuess = inductionTask.unrepeatedGuessAccuracy(targets: inductionTest.targets)
book.result("next-token accuracy in the second copy", "1 layer \(summaryText(oneBlock)); "
            + "2 layers \(summaryText(twoBlocks)); chance 1/\(inductionTask.vocabulary): "
            + "\(Format.percent(inductionChance)); a guess among the segment's not yet repeated tokens: "
            + Format.percent(shortcutGuess))
let inductionLossFigure = inductionRuns.lossFigure(steps: inductionSteps, vocabulary: inductionTask.vocabulary)
let collapseText = inductionRuns.collapseSteps(layers: 2)
book.figure(inductionLossFigure, caption: "Training loss of every run, one line per model and seed; the dashed "
            + "line is a uniform guess over the vocabulary. The 2-layer runs first fall below 0.1 at steps "
            + collapseText + ".")

book.prose("""
What did the two layers learn? We record every head's weights on \(min(200, testSequences)) test \
sequences and score two patterns: a **previous-token** score (the mean weight position *t* puts \
on *t* − 1) and an **induction** score (the mean weight a position of the second copy puts on \
the position just after its token's first occurrence — where the answer is).
""")
let probeCount = min(200, testSequences), probeLength = inductionTask.inputLength
let probeInputs = Array(inductionTest.inputs.prefix(probeCount * probeLength))
let probeTargets = Array(inductionTest.targets.prefix(probeCount * probeLength))
let probeAnswers = inductionTask.answerPositions(inputs: probeInputs, targets: probeTargets)
/// Per head of recorded weights [B, h, T, T], the previous-token and induction scores.
func headScores(_ weights: Tensor) -> [(previous: Double, induction: Double)] {
    AttentionPatterns.headScores(weights, answers: probeAnswers)
}
var scoreTable = Table(["model (first seed)", "layer", "head", "previous-token score", "induction score"])
var recorded: [(layers: Int, layer: Int, weights: Tensor)] = []
for layers in [1, 2] {
    guard let run = inductionRuns.first(where: { $0.layers == layers }) else { continue }
    for (layer, weights) in run.model.recordedWeights(probeInputs, batch: probeCount).enumerated() {
        recorded.append((layers, layer, weights))
        for (head, score) in headScores(weights).enumerated() {
            scoreTable.append(["\(layers) layer\(layers == 1 ? "" : "s")", String(layer + 1), String(head + 1),
                               Format.fixed(score.previous, 2), Format.fixed(score.induction, 2)])
        }
    }
}
book.cell("Every head's two scores")
book.table(scoreTable)
let twoLayerScores = recorded.filter { $0.layers == 2 }.map { headScores($0.weights) }
let bestPrevious = twoLayerScores.first?.map(\.previous).max() ?? 0
let bestInduction = twoLayerScores.last?.map(\.induction).max() ?? 0
let oneLayerInduction = recorded.filter { $0.layers == 1 }.flatMap { headScores($0.weights) }
    .map(\.induction).max() ?? 0
book.result("2 layers: best previous-token head in layer 1, best induction head in layer 2",
            "\(Format.fixed(bestPrevious, 2)) and \(Format.fixed(bestInduction, 2)); "
            + "best induction score with 1 layer: \(Format.fixed(oneLayerInduction, 2))")
if let layerTwo = recorded.last(where: { $0.layers == 2 }), let scores = twoLayerScores.last,
   let head = scores.indices.max(by: { scores[$0].induction < scores[$1].induction }) {
    let one = layerTwo.weights.sliced(alongAxis: 0, range: 0..<1)
        .sliced(alongAxis: 1, range: head..<(head + 1)).reshaped([probeLength, probeLength])
    let tokens = Array(probeInputs.prefix(probeLength))
    let tokenLabels = tokens.enumerated().map { "\($0.offset):\($0.element)" }
    var inductionFigure = Figure("induction-head",
                                 title: "Layer 2, head \(head + 1) of the 2-layer model on one test sequence",
                                 xLabel: "key position: token", yLabel: "query position: token")
    inductionFigure.heatmap = Heatmap(rows(one), rowLabels: tokenLabels, columnLabels: tokenLabels, colorRange: 0...1)
    inductionFigure.height = 760
    book.figure(inductionFigure, caption: "Row t is where position t looks. In the second copy each row's weight "
                + "sits one step right of the earlier occurrence of its own token — on the token that followed it "
                + "— a diagonal that lies one less than the segment's length from the main diagonal.")
}
let shortcutComparison = Comparison.level(oneBlock.mean, against: shortcutGuess, close: 0.03)
book.prose(twoBlocks.low > 0.9 && bestInduction > 0.5 && bestPrevious > 0.5 ? """
Two layers solve the task — \(summaryText(twoBlocks)) — and the circuit is the one described: \
a layer-1 head puts \(Format.fixed(bestPrevious, 2)) of its weight on the previous token, and a \
layer-2 head puts \(Format.fixed(bestInduction, 2)) on the position after the current token's \
first occurrence. One layer reaches \(summaryText(oneBlock)) — far above chance \
(\(Format.percent(inductionChance))) and \(shortcutComparison) the \(Format.percent(shortcutGuess)) of \
guessing among the segment's tokens not yet repeated, so it narrows the candidates some other \
way; but its best head puts only \(Format.fixed(oneLayerInduction, 2)) of its weight on the \
answer: it cannot know which token followed which. Composition across layers, through \
the residual stream, is what the second layer adds.
""" : """
Two layers reach \(summaryText(twoBlocks)) and one layer \(summaryText(oneBlock)). The best \
layer-1 previous-token score is \(Format.fixed(bestPrevious, 2)) and the best layer-2 induction \
score \(Format.fixed(bestInduction, 2)), against \(Format.fixed(oneLayerInduction, 2)) for one \
layer. In this run the circuit is not clean; train longer and watch the scores.
""")

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
cache (the keys and values of earlier tokens a model keeps while it generates, so that each new \
token costs one position's work; chapter 3). At 4,096 tokens of context the score matrix alone is 16.8 million \
entries per head \
per layer — which is why those kernels exist.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 2).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.prose("""
**Experiments: change, predict, run, explain.** These have no check; write your prediction \
down before you run.

**Experiment 2.A — A fixed offset.** In section 2.8 set the induction task's `shortest` equal \
to its `longest` (say 9 and 9), so the answer always sits the same distance back. Predict the \
1-layer model's accuracy now, and what its best head will look like. Run \
`swift run chapter02-attention` and explain, using the copy task of section 2.6.

**Experiment 2.B — Forget the √d.** Sources/Engine/ScaledDotProductAttention.swift scales the \
scores by `1 / Float(headSize).squareRoot()`. Predict what happens to the copy task's training \
curve (section 2.6) if the scale is √d_k instead, then run it, explain with section 2.4's \
entropy table — and put the line back.
""")
book.finish()
