// Chapter 4 · SVD: the low-rank lens
//
// Read this file top to bottom: it is the chapter. `swift run chapter04-svd` prints it and
// writes Chapters/04-svd.md with its figures. It loads chapter 3's model from Checkpoints/.
//
// The chapter is laid out as the page it weaves, prose block by prose block, so swift-format
// leaves it alone (Sources/ARCHITECTURE.md, "Style"); every module, test and tool is formatted.
// swift-format-ignore-file

import Bookshelf
import Corpus
import Engine
import Exercises
import Experiments
import Foundation
import LinearAlgebra
import Notebook
import Tokenization
import Transformers
import Tasks

BLASRuntime.ensureFastKernels()
let options = ChapterOptions.parseOrExit()
let book = Notebook(chapter: 4, options: options)
let quick = options.quick

/// A 2-D tensor as a matrix, and back.
func matrix(_ tensor: Tensor) -> Matrix { Matrix(tensor) }
func write(_ matrix: Matrix, into tensor: Tensor) { tensor.overwrite(with: matrix) }
func rowsOf(_ m: Matrix) -> [[Double]] { m.rowArrays }

book.onRamp(build: """
the singular value decomposition by one-sided Jacobi rotations, the best low-rank \
approximation from it, and power iteration for the top few directions.
""", measure: """
how accurate the Jacobi SVD is against LAPACK's, how concentrated the spectra of chapter 3's \
trained weights are, what the model loses when its weights are cut to low rank, and whether \
a fine-tuning update is low-rank, which is the question chapter 5 builds on.
""", takes: """
chapter 3's pretrained model (made here, exactly, if it is missing) and chapter 1's tokenizer.
""")

// MARK: - 1. What U, Σ and Vᵀ do

book.section("Rotate, stretch, rotate")
book.prose("""
The **singular value decomposition** writes any m×n matrix as a product of three simple ones:

    A = U Σ Vᵀ

V's columns are orthonormal directions in the input space (each of length 1, each at right \
angles to the others), Σ is diagonal with the **singular \
values** σ₁ ≥ σ₂ ≥ … ≥ 0, and U's columns are orthonormal directions in the output space. \
Read right to left: Vᵀ turns the input onto the axes, Σ stretches each axis by its σ, and U \
turns the result into place. "Turns": an orthogonal matrix is a rotation, or a reflection \
when its determinant is −1 (a mirror image). A vᵢ = σᵢ uᵢ: the matrix sends its i-th right \
singular vector to σᵢ times its i-th left singular vector.

A 2×2 matrix shows it all at once: it turns the unit circle into an ellipse whose half-axes \
are σ₁u₁ and σ₂u₂.
""")
// Not symmetric: for a symmetric positive-definite matrix U = V, and the picture could not
// show two different turns.
let twoByTwo = Matrix([[3, 2], [0, 1]] as [[Float]])
let svd2: SingularValueDecomposition
do { svd2 = try twoByTwo.singularValueDecomposition() } catch { book.stop("\(error)") }
let twoByTwoError = Double(svd2.reconstructionRelativeError(of: twoByTwo)) * Double(twoByTwo.frobeniusNorm)
book.cell("The SVD of A = [[3, 2], [0, 1]]")
book.output("""
U =
\(Format.matrix(rowsOf(svd2.u), digits: 4))
Σ = diag(\(svd2.singularValues.map { Format.fixed(Double($0), 4) }.joined(separator: ", ")))
Vᵀ =
\(Format.matrix(rowsOf(svd2.vTransposed), digits: 4))
‖A − UΣVᵀ‖ = \(Format.significant(twoByTwoError, 2))
det U = \(Format.fixed(svd2.u.determinant2x2, 3)), det Vᵀ = \(Format.fixed(svd2.vTransposed.determinant2x2, 3))
""")
book.prose("Here Vᵀ is \(svd2.vTransposed.turnKind) and U is \(svd2.u.turnKind): flipping the sign of a pair "
           + "uᵢ, vᵢ gives an equally valid SVD, so which one a library returns is a convention.")
let circleFigure = SVDFigures.circleToEllipse(twoByTwo, svd: svd2)
book.figure(circleFigure, caption: "The right singular vectors v₁, v₂ on the circle land on the ellipse's axes, "
            + "stretched by σ₁ and σ₂.")

// MARK: - 2. A small matrix by hand

book.section("A small matrix, decomposed")
var smallRNG = SplitMix64(seed: options.seed)
let small = Matrix(rows: 4, columns: 3, scalars: (0..<12).map { _ in Float((smallRNG.nextNormal() * 4).rounded()) })
let svdSmall: SingularValueDecomposition
do { svdSmall = try small.singularValueDecomposition() } catch { book.stop("\(error)") }
book.cell("A (4×3) = U (4×3) · Σ (3×3) · Vᵀ (3×3), the thin form")
book.output("""
A =
\(Format.matrix(rowsOf(small), digits: 0))

U =
\(Format.matrix(rowsOf(svdSmall.u), digits: 3))

σ = \(svdSmall.singularValues.map { Format.fixed(Double($0), 3) }.joined(separator: ", "))

Vᵀ =
\(Format.matrix(rowsOf(svdSmall.vTransposed), digits: 3))

U Σ Vᵀ =
\(Format.matrix(rowsOf(svdSmall.reconstructed()), digits: 3))
""")
book.result("relative reconstruction error ‖A − UΣVᵀ‖_F / ‖A‖_F",
            Format.significant(Double(svdSmall.reconstructionRelativeError(of: small)), 2))
book.prose("""
The thin form keeps min(m, n) = 3 singular triplets; the **full** form pads U to 4×4 with an \
orthonormal completion whose singular values are zero — it adds nothing to the product.
""")

// MARK: - 3. Eckart–Young

book.section("The best low-rank approximation")
book.prose("""
Keep only the k largest singular values: A_k = Σ_{i≤k} σᵢ uᵢ vᵢᵀ. The **Eckart–Young \
theorem** says no matrix of rank k (one whose columns span only k directions) is closer to A, \
and the error is exactly the singular values left out:

    ‖A − A_k‖_F = √(σ²_{k+1} + … + σ²_n)

‖·‖_F, the **Frobenius norm**, is the square root of the sum of a matrix's squared entries; \
its square, Σσᵢ², is called the matrix's **energy**, and "energy kept" below is the share of \
it A_k holds.

Computing A_k from the decomposition is two lines: scale the first k columns of U by their \
singular values, and multiply by the first k rows of Vᵀ.
""")
book.listing("low-rank-approximation", in: "Sources/LinearAlgebra/SingularValueDecomposition.swift",
             caption: "the best rank-k approximation")
book.prose("""
We check it on a 96×64 matrix built with decaying singular values.
""")
let spectrum = (0..<64).map { Float(10 * pow(0.88, Double($0))) }
let built = Matrix.withSingularValues(spectrum, rows: 96, columns: 64, seed: options.seed)
let svdBuilt: SingularValueDecomposition
do { svdBuilt = try built.singularValueDecomposition() } catch { book.stop("\(error)") }
var eckartTable = Table(["rank k", "‖A − A_k‖_F measured", "√(Σ_{i>k} σᵢ²)", "energy kept"])
var worstGap = 0.0
for k in [1, 2, 4, 8, 16, 32, 48] {
    let measured = Double((built - svdBuilt.lowRankApproximation(rank: k)).frobeniusNorm)
    let predicted = svdBuilt.singularValues[k...].map { Double($0) * Double($0) }.reduce(0, +).squareRoot()
    worstGap = max(worstGap, abs(measured - predicted) / predicted)
    eckartTable.append([String(k), Format.fixed(measured, 5), Format.fixed(predicted, 5),
                        Format.percent(Double(svdBuilt.energyCaptured(topK: k)))])
}
book.table(eckartTable)
book.result("largest relative gap between measured and predicted error",
            Format.significant(worstGap, 2) + " (float32 rounding)")

// MARK: - 4. Jacobi against LAPACK

book.section("Jacobi, written here, against LAPACK")
book.prose("""
Our SVD is **one-sided Jacobi** (Hestenes 1958): rotate pairs of columns of A until every \
pair is orthogonal; the column norms are then the singular values. It is short, accurate \
and teaches well, and costs O(m·n²) per sweep for a handful of sweeps. LAPACK's `sgesdd` \
(divide and conquer, here from OpenBLAS) first reduces A to bidiagonal form with blocked, \
BLAS-3 Householder steps — the production way.

One rotation works on two columns a_p and a_q. It needs three numbers: their squared lengths \
α and β and their dot product γ. Turning both columns by an angle θ in their own plane \
changes γ, and there is an angle that makes it zero; of the angles that do, the code takes \
the smaller turn. Finding it from α, β and γ is exercise 4.4, so here it is only the call \
`rotation(alpha:beta:gamma:)`. The same rotation is applied to the columns of V, which \
starts as the identity and collects every rotation. A **sweep** visits every pair once; \
sweeps repeat until a whole sweep finds nothing left to rotate:
""")
book.listing("jacobi-sweeps", in: "Sources/LinearAlgebra/JacobiSVD.swift", caption: "one-sided Jacobi: the sweeps")
book.listing("jacobi-rotate-columns", in: "Sources/LinearAlgebra/JacobiSVD.swift",
             caption: "rotating a pair of columns")
book.prose("""
Each rotation is orthogonal, so what the sweeps leave is W = A·V, with orthogonal columns. A \
column's length is a singular value and its direction is a left singular vector, which gives \
A·V = U·Σ, that is A = U·Σ·Vᵀ:
""")
book.listing("jacobi-singular-values", in: "Sources/LinearAlgebra/JacobiSVD.swift",
             caption: "singular values from the rotated columns")
book.prose("""
Both methods on the same Gaussian matrices:
""")
var jacobiTable = Table(["n", "Jacobi time", "LAPACK time", "Jacobi ‖A−UΣVᵀ‖/‖A‖",
                         "Jacobi ‖UᵀU−I‖ max", "max |σ_Jacobi − σ_LAPACK| / σ₁"])
let svdSizes = quick ? [16, 32, 64] : [32, 64, 128, 256]
var jacobiTimes: [Double] = [], lapackTimes: [Double] = []
for n in svdSizes {
    let a = Matrix.gaussian(rows: n, columns: n, seed: options.seed &+ UInt64(n))
    // Each time is the fastest of three runs: the least disturbed by whatever else the machine does.
    var jacobiSeconds = Double.infinity, lapackSeconds = Double.infinity
    var jacobi = a.jacobiSingularValueDecomposition()
    var lapackResult: SingularValueDecomposition
    do { lapackResult = try a.lapackSingularValueDecomposition() } catch { book.stop("\(error)") }
    for _ in 0..<3 {
        let (result, seconds) = Stopwatch.time { a.jacobiSingularValueDecomposition() }
        (jacobi, jacobiSeconds) = (result, min(jacobiSeconds, seconds))
        do {
            let (run, lapack) = try Stopwatch.time { try a.lapackSingularValueDecomposition() }
            (lapackResult, lapackSeconds) = (run, min(lapackSeconds, lapack))
        } catch { book.stop("\(error)") }
    }
    jacobiTimes.append(jacobiSeconds)
    lapackTimes.append(lapackSeconds)
    let lapackRun = (result: lapackResult, seconds: lapackSeconds)
    // `!`: an n×n matrix has n ≥ 16 singular values.
    let largestGap = zip(jacobi.singularValues, lapackRun.result.singularValues).map { abs($0 - $1) }.max()!
    let difference = largestGap / jacobi.singularValues[0]
    jacobiTable.append([String(n), Format.duration(jacobiSeconds), Format.duration(lapackRun.seconds),
                        Format.significant(Double(jacobi.reconstructionRelativeError(of: a)), 2),
                        Format.significant(Double(jacobi.leftOrthogonalityError), 2),
                        Format.significant(Double(difference), 2)])
}
book.table(jacobiTable)
book.prose("""
Both are accurate to float32's precision. Timed as the fastest of three runs each, \
\(SpeedWords.compare(sizes: svdSizes, first: ("Jacobi", jacobiTimes), second: ("LAPACK", lapackTimes))). \
The chapter uses Jacobi where the matrices are small and LAPACK for the model's matrices — \
and the tests check that the two agree.
""")

// MARK: - 5. The spectra of a pretrained model

book.section("The spectrum of a trained weight")
let tokenizer: BytePairTokenizer
let model: GPT
do {
    tokenizer = try Bookshelf.tokenizer(for: book)
    model = try Bookshelf.pretrainedModel(for: book, tokenizer: tokenizer)
} catch { book.stop("\(error)") }
let parametersByName = Dictionary(uniqueKeysWithValues: model.namedParameters().map { ($0.name, $0.tensor) })
book.prose("""
A random Gaussian matrix has a spread of singular values fixed by its shape (the \
Marchenko–Pastur law): no direction stands out. Does training write structure into the weights — \
do a few directions grow strong? Here are the singular values of three matrices of chapter 3's \
model (\(Format.count(model.parameterCount)) parameters, width \(model.config.width)), each divided by its largest, \
against a random matrix of the same shape.
""")
// @MainActor: these helpers read this file's top-level state, which Swift isolates to the main actor.
/// The SVD by LAPACK, or a stop naming LAPACK's complaint.
@MainActor func svdOrStop(_ m: Matrix) -> SingularValueDecomposition {
    do { return try m.lapackSingularValueDecomposition() } catch { book.stop("\(error)") }
}
/// The trained weight called `name` as a matrix; a checkpoint without it cannot be studied here.
@MainActor func trainedWeight(_ name: String) -> Matrix {
    guard let tensor = parametersByName[name] else {
        book.stop("\(book.checkpointsDirectory.lastPathComponent)/\(Bookshelf.modelFile) has no \(name); "
                  + "re-run chapter03-pretraining to remake it")
    }
    return matrix(tensor)
}
var spectrumFigure = Figure("spectra", title: "Singular values, normalised by the largest", xLabel: "index i",
                            yLabel: "σᵢ / σ₁ (log scale)")
spectrumFigure.logY = true
spectrumFigure.legendPosition = "bottom left"
var spectrumTable = Table(["matrix", "shape", "effective rank", "energy in top 8",
                           "random: effective rank", "random: top 8"])
let spectrumNames = ["blocks.0.attention.query.weight", "blocks.\(model.config.layers - 1).attention.value.weight",
                     "blocks.0.mlp.up.weight"]
var randomShapesDrawn: Set<String> = []
var trainedTopEight: [Double] = [], randomTopEight: [Double] = []
for name in spectrumNames {
    let weight = trainedWeight(name)
    let trained = svdOrStop(weight)
    let random = svdOrStop(Matrix.gaussian(rows: weight.rows, columns: weight.columns, seed: options.seed &+ 5))
    let normalised = trained.singularValues.map { Double($0 / trained.singularValues[0]) }
    spectrumFigure.add(Series(name.replacingOccurrences(of: ".weight", with: ""), y: normalised))
    spectrumTable.append([name, "\(weight.rows)×\(weight.columns)", Format.fixed(Double(trained.effectiveRank), 1),
                          Format.percent(Double(trained.energyCaptured(topK: 8))),
                          Format.fixed(Double(random.effectiveRank), 1),
                          Format.percent(Double(random.energyCaptured(topK: 8)))])
    trainedTopEight.append(Double(trained.energyCaptured(topK: 8)))
    randomTopEight.append(Double(random.energyCaptured(topK: 8)))
    // Each trained matrix is compared with a random matrix of its own shape (drawn once per shape).
    let shape = "\(weight.rows)×\(weight.columns)"
    if randomShapesDrawn.insert(shape).inserted {
        let randomNormalised = random.singularValues.map { Double($0 / random.singularValues[0]) }
        spectrumFigure.add(Series("random \(shape)", y: randomNormalised, dashed: true))
    }
}
let concentratedCount = zip(trainedTopEight, randomTopEight).filter { $0.0 > $0.1 }.count
book.figure(spectrumFigure, caption: "Solid: trained matrices; dashed: random Gaussian matrices of the same shapes. "
            + "\(concentratedCount) of \(spectrumNames.count) trained matrices hold more energy in their top 8 "
            + "directions than the random matrix of their shape.")
book.table(spectrumTable)
book.prose("""
The **effective rank** (Roy & Vetterli 2007) is e^H of the distribution pᵢ = σᵢ / Σσ: the \
number of equally strong directions that would have the same entropy. The table sets each \
trained matrix beside a random one of its shape: their effective ranks are \
\(spectrumTable.rows.map { $0[2] }.joined(separator: ", ")) against \
\(spectrumTable.rows.map { $0[4] }.joined(separator: ", ")) for the random ones, and their top 8 \
directions hold \(spectrumTable.rows.map { $0[3] }.joined(separator: ", ")) of the energy against \
\(spectrumTable.rows.map { $0[5] }.joined(separator: ", ")).
""")

// MARK: - 6. Compressing a trained layer

book.section("Compressing the model: validation loss against rank")
book.prose("""
If a weight were truly low-rank we could store it as two thin factors. Replace every \
attention and MLP matrix of the model by its best rank-k approximation and measure the \
validation loss — measured exactly as chapter 3 measured it, on chapter 3's held-out text: how \
much rank does the model need?
""")
let pretraining = PretrainingRecipe.book(quick: quick)
let validationTokens = Bookshelf.storyTokens(tokenizer: tokenizer, bytes: pretraining.corpusBytes, seed: options.seed)
let validationData = LanguageModelData(tokens: validationTokens)
/// Chapter 3's validation loss: the same held-out 10% of its text, the same fixed windows.
@MainActor func heldOutLoss() -> Double {
    Double(model.validationLoss(on: validationData, batchSize: pretraining.batchSize))
}
let baseLoss = heldOutLoss()
let blockMatrices = model.namedParameters().filter { $0.name.hasPrefix("blocks.") && $0.tensor.rank == 2 }
let originals = blockMatrices.map { ($0.tensor, matrix($0.tensor)) }
let decompositions = originals.map { svdOrStop($0.1) }
let ranks = quick ? [1, 4, 16, 64] : [1, 2, 4, 8, 16, 32, 64, 96, 128]
var compressionPoints: [(rank: Int, loss: Double, stored: Int)] = []
for rank in ranks {
    var stored = 0
    for ((tensor, original), svd) in zip(originals, decompositions) {
        let k = min(rank, svd.singularValues.count)
        write(svd.lowRankApproximation(rank: k), into: tensor)
        stored += k * (original.rows + original.columns)
    }
    compressionPoints.append((rank, heldOutLoss(), stored))
}
for (tensor, original) in originals { write(original, into: tensor) }   // restore the model
let fullStored = originals.reduce(0) { $0 + $1.1.rows * $1.1.columns }
var compressionTable = Table(["rank k", "validation loss", "block parameters stored as factors", "of full"])
for point in compressionPoints {
    compressionTable.append([String(point.rank), Format.fixed(point.loss, 3), Format.count(point.stored),
                             Format.percent(Double(point.stored) / Double(fullStored))])
}
compressionTable.append(["full", Format.fixed(baseLoss, 3), Format.count(fullStored), "100.0%"])
book.table(compressionTable)
var compressionFigure = Figure("rank-vs-loss", title: "Validation loss with every block matrix cut to rank k",
                               xLabel: "rank k (log scale)", yLabel: "validation loss (nats)")
compressionFigure.logX = true
compressionFigure.add(Series("rank-k model", x: compressionPoints.map { Double($0.rank) },
                             y: compressionPoints.map(\.loss), style: .linesPoints))
// `!`: ranks is a fixed, non-empty list.
compressionFigure.add(Series("full model", x: [Double(ranks.first!), Double(ranks.last!)], y: [baseLoss, baseLoss],
                             dashed: true))
// A uniform guess over the vocabulary: a model above this line has lost all it learned, and more.
let uniformLoss = log(Double(model.config.vocabularySize))
compressionFigure.add(Series("uniform guess, ln V", x: [Double(ranks.first!), Double(ranks.last!)],
                             y: [uniformLoss, uniformLoss], style: .lines, dashed: true))
let compression = CompressionWords(points: compressionPoints.map { ($0.rank, $0.loss) }, fullLoss: baseLoss,
                                   uniformLoss: uniformLoss)
let quarterWidth = model.config.width / 4
book.figure(compressionFigure, caption: compression.caption(quarterOfWidth: quarterWidth, width: model.config.width))
if let quarter = compressionPoints.first(where: { $0.rank >= quarterWidth }) {
    let storedShare = Format.percent(Double(quarter.stored) / Double(fullStored))
    book.result("at rank \(quarter.rank), a quarter of the width",
                "loss \(Format.fixed(quarter.loss, 3)) against \(Format.fixed(baseLoss, 3)) for the full model, "
                + "storing \(storedShare) of the block parameters")
}
let strongDirectionsPhrase = compression.ranksWorseThanUniform.last.map {
    "cut to rank \($0) or less, the model does worse than a uniform guess over its \(model.config.vocabularySize) tokens"
} ?? "no rank tried does worse than a uniform guess, but the loss climbs as the rank falls"
book.prose("""
So a pretrained weight can lose its weakest directions, but not its strong ones: \(strongDirectionsPhrase). \
Compressing the model itself is not what LoRA does. LoRA makes a different bet — about the \
**change** fine-tuning makes.
""")

// MARK: - 7. The bridge: the update is low-rank

book.section("The bridge to LoRA: a fine-tuning update is low-rank")
book.prose("""
Fine-tune the whole model briefly on a task it has never seen: after each story comes one \
new sentence, "The hero was NAME.", naming the story's hero — a line the pretraining text \
never contained, which needs the model to look back for the right name. Then compare each \
weight after, W_tuned, with before, W_pretrained. The **update** ΔW = W_tuned − W_pretrained \
is a matrix of the same shape. How much of its energy (Σσᵢ²) do its top few singular \
directions hold, compared with W itself? The task is scored by **greedy** completion: \
the model always takes its likeliest next token.
""")
let before = model.namedParameters().map { ($0.name, $0.tensor.detached()) }
let heroData = HeroTask.data(tokenizer: tokenizer, stories: quick ? 300 : 1_500, seed: options.seed &+ 4)
let fineTuneSteps = quick ? 30 : 150
var fineTuneSettings = TrainingSettings(learningRate: 3e-4, steps: fineTuneSteps)
fineTuneSettings.warmupSteps = 10
fineTuneSettings.weightDecay = 0
let fineTuner = Trainer.languageModel(model, data: heroData, batchSize: 8, settings: fineTuneSettings,
                                      seed: options.seed &+ 6)
/// How often greedy decoding after "The hero was" names the story's hero, on new stories.
@MainActor func heroAccuracy(_ count: Int) -> Double {
    HeroTask.accuracy(of: model, tokenizer: tokenizer, stories: count, seed: options.seed &+ 77)
}
let heroBefore = heroAccuracy(quick ? 20 : 60)
let taskLossBefore = Double(model.validationLoss(on: heroData, batches: 4, batchSize: 8))
_ = book.train(fineTuner, steps: fineTuneSteps, label: "Fine-tuning on the new sentence")
let taskLossAfter = Double(model.validationLoss(on: heroData, batches: 4, batchSize: 8))
let heroAfter = heroAccuracy(quick ? 20 : 60)
book.result("validation loss on the new text",
            "\(Format.fixed(taskLossBefore, 3)) before, \(Format.fixed(taskLossAfter, 3)) after "
            + "\(fineTuneSteps) steps of full fine-tuning")
book.result("\"The hero was …\" completed with the right name (greedy, new stories whose text fits the context)",
            "\(Format.percent(heroBefore)) before, \(Format.percent(heroAfter)) after")

/// Every block matrix's update: its name, the tensor in the model, W before and ΔW's SVD.
struct BlockUpdate { let name: String; let tensor: Tensor; let before: Matrix; let delta: Matrix
                     let svd: SingularValueDecomposition }
/// The updates ΔW = W_now − W_before of every block matrix of the model.
@MainActor func blockUpdates() -> [BlockUpdate] {
    before.compactMap { name, original -> BlockUpdate? in
        guard name.hasPrefix("blocks."), original.rank == 2, let tensor = parametersByName[name] else { return nil }
        let w = matrix(original), delta = matrix(tensor) - w
        return BlockUpdate(name: name, tensor: tensor, before: w, delta: delta, svd: svdOrStop(delta))
    }
}
let taskUpdates = blockUpdates()
var updateTable = Table(["matrix", "‖ΔW‖/‖W‖", "ΔW: energy in top 1", "top 4", "top 8", "W: energy in top 8",
                         "effective rank ΔW / W"])
let maxK = 64
var updateEnergy = [Double](repeating: 0, count: maxK), weightEnergy = [Double](repeating: 0, count: maxK)
var topEightWeight: [Double] = [], updateRanks: [Double] = []
for update in taskUpdates {
    let svdWeight = svdOrStop(update.before)
    updateEnergy = zip(updateEnergy, update.svd.energyCurve(upTo: maxK)).map(+)
    weightEnergy = zip(weightEnergy, svdWeight.energyCurve(upTo: maxK)).map(+)
    topEightWeight.append(Double(svdWeight.energyCaptured(topK: 8)))
    updateRanks.append(Double(update.svd.effectiveRank))
    if update.name.hasPrefix("blocks.0.") || update.name.hasPrefix("blocks.\(model.config.layers - 1).") {
        updateTable.append([update.name.replacingOccurrences(of: ".weight", with: ""),
                            Format.fixed(Double(update.delta.frobeniusNorm / update.before.frobeniusNorm), 4),
                            Format.percent(Double(update.svd.energyCaptured(topK: 1))),
                            Format.percent(Double(update.svd.energyCaptured(topK: 4))),
                            Format.percent(Double(update.svd.energyCaptured(topK: 8))),
                            Format.percent(Double(svdWeight.energyCaptured(topK: 8))),
                            Format.fixed(Double(update.svd.effectiveRank), 1) + " / "
                                + Format.fixed(Double(svdWeight.effectiveRank), 1)])
    }
}
let matricesCounted = taskUpdates.count
book.cell("ΔW against W, for the first and last block")
book.table(updateTable)
/// The mean share of ΔW's energy in its top 8 directions over `updates`.
func meanTopEight(_ updates: [BlockUpdate]) -> Double {
    Statistics.mean(updates.map { Double($0.svd.energyCaptured(topK: 8)) })
}
let meanUpdateTopEight = meanTopEight(taskUpdates)
let meanWeightTopEight = Statistics.mean(topEightWeight)
book.result("energy in the top 8 directions, mean over \(matricesCounted) block matrices",
            "ΔW \(Format.percent(meanUpdateTopEight)), W \(Format.percent(meanWeightTopEight)); effective rank of "
            + "ΔW \(Format.fixed(updateRanks.min() ?? 0, 0))–\(Format.fixed(updateRanks.max() ?? 0, 0)) "
            + "of \(model.config.width)")

// Control 1: does the update's rank matter for the *task*? Keep only its top k directions.
book.prose("""
Energy is not accuracy. The test that matters: keep only the top k directions of every \
update, W_pretrained + ΔW_k, and ask the model the task again.
""")
var truncationTable = Table(["directions kept per matrix", "task loss", "hero named correctly"])
var truncation: [(k: Int, accuracy: Double)] = []
for k in quick ? [1, 4, 16] : [1, 2, 4, 8, 16, 32] {
    for update in taskUpdates {
        let kept = update.before + update.svd.lowRankApproximation(rank: min(k, update.svd.singularValues.count))
        write(kept, into: update.tensor)
    }
    let accuracy = heroAccuracy(quick ? 20 : 60)
    truncation.append((k, accuracy))
    truncationTable.append([String(k), Format.fixed(Double(model.validationLoss(on: heroData, batches: 4,
                                                                                  batchSize: 8)), 3),
                            Format.percent(accuracy)])
}
for update in taskUpdates { write(update.before + update.delta, into: update.tensor) }   // the full update again
truncationTable.append(["all (the fine-tuned model)", Format.fixed(taskLossAfter, 3), Format.percent(heroAfter)])
truncationTable.append(["none (the pretrained model)", Format.fixed(taskLossBefore, 3), Format.percent(heroBefore)])
book.table(truncationTable)
let gain = heroAfter - heroBefore
let sufficient = truncation.first { gain > 0 && $0.accuracy - heroBefore >= 0.9 * gain }
book.result("fewest directions per matrix that keep 90% of the accuracy gained",
            sufficient.map { "k = \($0.k): \(Format.percent($0.accuracy)) against \(Format.percent(heroAfter))" }
                ?? "none of those tried")

// Control 2: is a low-rank update special to a task, or what any short training does?
book.prose("""
A control: the same \(fineTuneSteps) steps, same settings and learning rate, on plain stories \
with no new sentence — continued pretraining — from the same pretrained weights. If its update \
were just as concentrated, the concentration would say nothing about tasks.
""")
for update in taskUpdates { write(update.before, into: update.tensor) }           // back to pretrained
let plainTokens = Bookshelf.storyTokens(tokenizer: tokenizer, bytes: heroData.trainingTokens.count * 4,
                                        seed: options.seed &+ 8)
let plainData = LanguageModelData(tokens: plainTokens, validationFraction: 0.1)
let plainTuner = Trainer.languageModel(model, data: plainData, batchSize: 8, settings: fineTuneSettings,
                                       seed: options.seed &+ 6)
_ = book.train(plainTuner, steps: fineTuneSteps, label: "Continued pretraining (control)")
let plainUpdates = blockUpdates()
let meanPlainTopEight = meanTopEight(plainUpdates)
var plainEnergy = [Double](repeating: 0, count: maxK)
for update in plainUpdates { plainEnergy = zip(plainEnergy, update.svd.energyCurve(upTo: maxK)).map(+) }
for update in plainUpdates { write(update.before, into: update.tensor) }          // the pretrained model again
book.result("energy in the top 8 directions of ΔW, mean over block matrices",
            "task fine-tuning \(Format.percent(meanUpdateTopEight)), continued pretraining "
            + "\(Format.percent(meanPlainTopEight)), the weight itself \(Format.percent(meanWeightTopEight))")

var energyFigure = Figure("update-energy",
                          title: "Energy held by the top k singular directions "
                              + "(mean over \(matricesCounted) block matrices)",
                          xLabel: "k (log scale)", yLabel: "share of Σσ² in the top k")
energyFigure.logX = true
energyFigure.yRange = 0...1.02
energyFigure.legendPosition = "bottom right"
let kAxis = (1...maxK).map(Double.init)
energyFigure.add(Series("ΔW, fine-tuning on the task", x: kAxis,
                        y: updateEnergy.map { $0 / Double(matricesCounted) }, style: .linesPoints))
energyFigure.add(Series("ΔW, continued pretraining (control)", x: kAxis,
                        y: plainEnergy.map { $0 / Double(max(plainUpdates.count, 1)) }, style: .linesPoints))
energyFigure.add(Series("pretrained weight W", x: kAxis, y: weightEnergy.map { $0 / Double(matricesCounted) },
                        style: .linesPoints))
book.figure(energyFigure, caption: "The top 8 directions hold \(Format.percent(meanUpdateTopEight)) of a task "
            + "update's energy, \(Format.percent(meanPlainTopEight)) of a continued-pretraining update's and "
            + "\(Format.percent(meanWeightTopEight)) of the weight's (means over block matrices).")
let concentration = meanUpdateTopEight - meanWeightTopEight
let againstControl = meanUpdateTopEight - meanPlainTopEight
let updateShape = ConcentrationWords.againstWeight(concentration)
let controlShape = ConcentrationWords.againstControl(againstControl)
let rankPhrase = sufficient.map { "keeping \($0.k) direction\($0.k == 1 ? "" : "s") of each update keeps 90% of the "
    + "accuracy the task gained" } ?? "no truncation tried keeps 90% of the accuracy the task gained"
book.prose("""
What the numbers say: the task update's energy is \(updateShape) (top 8: \(Format.percent(meanUpdateTopEight)) \
against \(Format.percent(meanWeightTopEight))), yet its effective rank is \
\(Format.fixed(updateRanks.min() ?? 0, 0))–\(Format.fixed(updateRanks.max() ?? 0, 0)) of \(model.config.width): \
the energy leans on a few directions while many small ones remain. The task update is \(controlShape) the \
update of continued pretraining with the same budget (\(Format.percent(meanPlainTopEight))), and \
\(rankPhrase). That last measure is the one LoRA bets on (Hu et al. 2021, after Aghajanyan et \
al. 2020 on "intrinsic dimension", the fewest trainable numbers — projected into the model's \
weights along random directions — that reach 90% of full fine-tuning's score): not that ΔW *is* low-rank, but \
that a low-rank ΔW does the \
task nearly as well. So instead of learning ΔW with all its d×d entries, learn it as a product \
B·A of a d×r and an r×d matrix with r small. Chapter 5 does exactly that, and measures how \
small r can be.
""")

// MARK: - 8. Power iteration

book.section("Only the top few: power iteration")
book.prose("""
When only the top k directions matter — as for ΔW — a full SVD is wasted work. **Power \
iteration** multiplies a random vector by AᵀA again and again; the component along v₁ grows \
fastest (by σ₁² each time), so the vector turns towards v₁. Subtract what was found \
(deflation) and repeat for v₂, v₃… Each step is two matrix–vector products, u = A·v and \
Aᵀ·u, each normalised, until v stops moving:
""")
book.listing("power-iteration", in: "Sources/LinearAlgebra/PowerIteration.swift",
             caption: "power iteration for one singular triplet")
let biggest = trainedWeight("blocks.0.mlp.up.weight")
let (triplets, powerSeconds) = Stopwatch.time { biggest.topSingularTriplets(k: 4, seed: options.seed) }
let exact = svdOrStop(biggest)
var powerTable = Table(["i", "σᵢ by power iteration", "σᵢ by LAPACK", "iterations", "converged"])
for (index, triplet) in triplets.enumerated() {
    powerTable.append([String(index + 1), Format.fixed(Double(triplet.singularValue), 5),
                       Format.fixed(Double(exact.singularValues[index]), 5),
                       String(triplet.iterations), triplet.converged ? "yes" : "no"])
}
book.cell("Top 4 singular values of blocks.0.mlp.up.weight (\(biggest.rows)×\(biggest.columns)) "
          + "in \(Format.duration(powerSeconds))")
book.table(powerTable)
book.prose("""
The number of iterations depends on the gap between neighbouring singular values: the ratio \
(σ_{i+1}/σᵢ)² is how much the unwanted direction shrinks per step. Close singular values \
converge slowly — randomized SVD (Halko et al. 2011) iterates a block of vectors at once to \
get around it.
""")

// MARK: - At scale

book.section("At scale")
book.prose("""
In PyTorch, `torch.linalg.svd(W, full_matrices=False)` calls LAPACK's gesdd (or cuSOLVER on \
a GPU), and `torch.svd_lowrank(W, q=8)` is randomized power iteration for the top q. The \
LoRA paper used these tools to ask our question of GPT-3 175B: the updates learned with \
r = 8 and r = 64 share their top direction almost entirely (their normalised subspace \
similarity φ — chapter 5 measures it: 1 when one update's top directions lie in the other's, \
near 0 for unrelated ones — is above 0.5 for i = j = 1), and a rank as small as 1 or 2 already works for \
W_q and W_v. PiSSA (2024) goes one step further and initialises LoRA's factors from the top \
singular directions of W itself. At 7 B parameters a 4,096×4,096 projection's full SVD takes \
seconds on a GPU; the update's top 8 directions take a fraction of that.
""")

// MARK: - Exercises

book.exercises(ExerciseCatalog.exercises(ofChapter: 4).map {
    ExerciseListing(number: $0.number, title: $0.title, task: $0.task, file: $0.file, hint: $0.hint)
})
book.prose("""
**Experiments: change, predict, run, explain.** These have no check; write your prediction \
down before you run.

**Experiment 4.A — A bigger step.** In section 4.7 raise the fine-tuning learning rate from \
3·10⁻⁴ to 3·10⁻³. Predict: does the update's energy in its top 8 directions rise or fall, and \
how many directions are then needed to keep 90% of the accuracy gained? Run \
`swift run chapter04-svd` and explain what a larger step does to ΔW's spectrum.

**Experiment 4.B — A symmetric matrix.** In section 4.1 use A = [[3, 1], [1, 2]]. Predict U \
against V before running, and what figure 4.1 then cannot show.
""")
book.finish()
