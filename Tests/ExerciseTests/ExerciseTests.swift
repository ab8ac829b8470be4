@testable import Exercises
import Testing

/// Every exercise's check, run on the book's own code: the check must pass the reference,
/// or it would fail readers who are right.
@Test("reference solutions pass their checks", arguments: ExerciseCatalog.all.map(\.number))
func referencePasses(number: String) {
    let exercise = ExerciseCatalog.all.first { $0.number == number }!
    #expect(exercise.checkReference() == .passed, "exercise \(number): the check rejects the book's own solution")
}

/// The reader's solutions: an unattempted exercise is reported, not failed, so `swift test`
/// passes on a fresh clone; an attempted one must be right.
@Test("reader's solutions, when attempted", arguments: ExerciseCatalog.all.map(\.number))
func readerSolution(number: String) {
    let exercise = ExerciseCatalog.all.first { $0.number == number }!
    switch exercise.checkReader() {
    case .passed: break
    case .notAttempted:
        print("exercise \(number) (\(exercise.title)): not attempted yet — see \(exercise.file)")
    case .failed(let reason):
        Issue.record("exercise \(number) (\(exercise.title)) fails: \(reason)")
    }
}

/// The checks can fail: a wrong answer is caught, so they are not tests that always pass.
@Test func checksRejectWrongAnswers() {
    let chapter1 = ExerciseCatalog.exercises(ofChapter: 1)
    #expect(chapter1.count >= 3)
    #expect(ExerciseCatalog.checkPairCounts { _ in [:] } != .passed)
    #expect(ExerciseCatalog.checkMerge { ids, _, _ in ids } != .passed)
    #expect(ExerciseCatalog.checkEncode { bytes, _ in bytes.map(Int.init) } != .passed)
    #expect(ExerciseCatalog.checkDecode { ids, _ in ids.map { UInt8(truncatingIfNeeded: $0) } } != .passed)
    #expect(ExerciseCatalog.checkAttention(causal: false) { _, _, values in values } != .passed)
    #expect(ExerciseCatalog.checkAttention(causal: true) { try ExerciseCatalog.engineAttention($0, $1, $2, causal: false) } != .passed)
    #expect(ExerciseCatalog.checkSoftmaxBackward { _, upstream in upstream } != .passed)
    #expect(ExerciseCatalog.checkSinusoid { _, dimensions in [Float](repeating: 0, count: dimensions) } != .passed)
    #expect(ExerciseCatalog.checkLanguageModelLoss { _, _ in 0 } != .passed)
    #expect(ExerciseCatalog.checkTopK { logits, _ in logits } != .passed)
    #expect(ExerciseCatalog.checkMemory { 4 * $0 } != .passed)
    #expect(ExerciseCatalog.checkParameterCount { v, t, d, l in v * d + t * d + l * 12 * d * d } != .passed)
    #expect(ExerciseCatalog.checkPowerIteration { rows, _ in rows[0].map(abs).max()! } != .passed)
    #expect(ExerciseCatalog.checkReconstruction { u, _, vt, _ in u.map { _ in vt[0] } } != .passed)
    #expect(ExerciseCatalog.checkEnergy { sigma, k in Float(k) / Float(sigma.count) } != .passed)
    #expect(ExerciseCatalog.exercises(ofChapter: 5).count >= 3)
    // LoRA forward without the α/r scale, or without the low-rank path at all
    #expect(ExerciseCatalog.checkLoRAForward { x, w, b, a, bUp, _ in
        try ExerciseCatalog.referenceLoRAForward(x, w, b, a, bUp, Float(a.count)) } != .passed)
    #expect(ExerciseCatalog.checkLoRAForward { x, w, b, a, bUp, _ in
        try ExerciseCatalog.referenceLoRAForward(x, w, b, a, bUp.map { $0.map { _ in 0 } }, 1) } != .passed)
    #expect(ExerciseCatalog.checkMerge { w, _, _, _ in w } != .passed)
    #expect(ExerciseCatalog.checkLoRACount { shapes, rank in shapes.reduce(0) { $0 + rank * $1[0] * $1[1] } } != .passed)
    #expect(ExerciseCatalog.checkTrainingMemory { total, _ in 16 * total } != .passed)
}
