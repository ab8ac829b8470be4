import Testing

@testable import Exercises

/// Every exercise's check, run on the book's own code: the check must pass the reference,
/// or it would fail readers who are right.
@Test("reference solutions pass their checks", arguments: ExerciseCatalog.all.map(\.number))
func referencePasses(number: String) {
    let exercise = ExerciseCatalog.all.first { $0.number == number }!
    #expect(exercise.checkReference() == .passed, "exercise \(number): the check rejects the book's own solution")
}

// MARK: - The reader's solutions

/// Each reader check, run once per test process (an unattempted stub throws at once).
let readerOutcomes: [String: ExerciseOutcome] = Dictionary(
    uniqueKeysWithValues: ExerciseCatalog.all.map { ($0.number, $0.checkReader()) })

/// Whether the reader has attempted exercise `number`: the trait that skips the test if not.
func attempted(_ number: String) -> Bool {
    readerOutcomes[number]?.isAttempted ?? false
}

/// An attempted exercise must pass its check.
func expectPasses(_ number: String) {
    let title = ExerciseCatalog.exercise(number)?.title ?? "?"
    if case .failed(let reason)? = readerOutcomes[number] {
        Issue.record("exercise \(number) (\(title)) fails: \(reason)")
    }
}

/// The reader's solutions, one test each so that an unattempted exercise is reported as
/// *skipped* (Swift Testing's `.enabled(if:)`; a parameterized test can only skip all its cases,
/// and a cancelled or known-issue case still counts as passed), and an attempted one is checked.
/// `swift test` passes on a fresh clone and says how many exercises wait.
@Suite("Reader's solutions (skipped until attempted)")
struct ReaderSolutions {
    @Test("1.1", .enabled(if: attempted("1.1"), "not attempted yet")) func exercise1_1() { expectPasses("1.1") }
    @Test("1.2", .enabled(if: attempted("1.2"), "not attempted yet")) func exercise1_2() { expectPasses("1.2") }
    @Test("1.3", .enabled(if: attempted("1.3"), "not attempted yet")) func exercise1_3() { expectPasses("1.3") }
    @Test("1.4", .enabled(if: attempted("1.4"), "not attempted yet")) func exercise1_4() { expectPasses("1.4") }
    @Test("1.5", .enabled(if: attempted("1.5"), "not attempted yet")) func exercise1_5() { expectPasses("1.5") }
    @Test("1.6", .enabled(if: attempted("1.6"), "not attempted yet")) func exercise1_6() { expectPasses("1.6") }
    @Test("2.1", .enabled(if: attempted("2.1"), "not attempted yet")) func exercise2_1() { expectPasses("2.1") }
    @Test("2.2", .enabled(if: attempted("2.2"), "not attempted yet")) func exercise2_2() { expectPasses("2.2") }
    @Test("2.3", .enabled(if: attempted("2.3"), "not attempted yet")) func exercise2_3() { expectPasses("2.3") }
    @Test("2.4", .enabled(if: attempted("2.4"), "not attempted yet")) func exercise2_4() { expectPasses("2.4") }
    @Test("2.5", .enabled(if: attempted("2.5"), "not attempted yet")) func exercise2_5() { expectPasses("2.5") }
    @Test("3.1", .enabled(if: attempted("3.1"), "not attempted yet")) func exercise3_1() { expectPasses("3.1") }
    @Test("3.2", .enabled(if: attempted("3.2"), "not attempted yet")) func exercise3_2() { expectPasses("3.2") }
    @Test("3.3", .enabled(if: attempted("3.3"), "not attempted yet")) func exercise3_3() { expectPasses("3.3") }
    @Test("3.4", .enabled(if: attempted("3.4"), "not attempted yet")) func exercise3_4() { expectPasses("3.4") }
    @Test("4.1", .enabled(if: attempted("4.1"), "not attempted yet")) func exercise4_1() { expectPasses("4.1") }
    @Test("4.2", .enabled(if: attempted("4.2"), "not attempted yet")) func exercise4_2() { expectPasses("4.2") }
    @Test("4.3", .enabled(if: attempted("4.3"), "not attempted yet")) func exercise4_3() { expectPasses("4.3") }
    @Test("5.1", .enabled(if: attempted("5.1"), "not attempted yet")) func exercise5_1() { expectPasses("5.1") }
    @Test("5.2", .enabled(if: attempted("5.2"), "not attempted yet")) func exercise5_2() { expectPasses("5.2") }
    @Test("5.3", .enabled(if: attempted("5.3"), "not attempted yet")) func exercise5_3() { expectPasses("5.3") }
    @Test("5.4", .enabled(if: attempted("5.4"), "not attempted yet")) func exercise5_4() { expectPasses("5.4") }
    @Test("6.1", .enabled(if: attempted("6.1"), "not attempted yet")) func exercise6_1() { expectPasses("6.1") }
    @Test("6.2", .enabled(if: attempted("6.2"), "not attempted yet")) func exercise6_2() { expectPasses("6.2") }
    @Test("6.3", .enabled(if: attempted("6.3"), "not attempted yet")) func exercise6_3() { expectPasses("6.3") }
    @Test("6.4", .enabled(if: attempted("6.4"), "not attempted yet")) func exercise6_4() { expectPasses("6.4") }
    @Test("7.1", .enabled(if: attempted("7.1"), "not attempted yet")) func exercise7_1() { expectPasses("7.1") }
    @Test("7.2", .enabled(if: attempted("7.2"), "not attempted yet")) func exercise7_2() { expectPasses("7.2") }
    @Test("7.3", .enabled(if: attempted("7.3"), "not attempted yet")) func exercise7_3() { expectPasses("7.3") }
    @Test("7.4", .enabled(if: attempted("7.4"), "not attempted yet")) func exercise7_4() { expectPasses("7.4") }

    /// Every exercise of the catalog has its test above (a new exercise needs a line here).
    @Test func everyExerciseHasATest() {
        let tested: Set<String> = [
            "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2",
            "3.3", "3.4", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4",
            "7.1", "7.2", "7.3", "7.4",
        ]
        #expect(Set(ExerciseCatalog.all.map(\.number)) == tested)
    }
}

/// A stub names a real exercise, and its error quotes that exercise's title and hint from the
/// catalog (declared once there).
@Test func stubsNameTheirExerciseAndQuoteTheCatalog() throws {
    for exercise in ExerciseCatalog.all {
        guard case .notAttempted(let number) = exercise.checkReader() else { continue }
        let named = try #require(ExerciseCatalog.exercise(number), "exercise \(exercise.number)'s stub names \(number)")
        let message = ExerciseError.notAttempted(number).description
        #expect(message.contains(named.title) && message.contains(named.hint))
    }
    #expect(
        check(
            [(description: "x", input: 1)],
            { (_: Int) throws -> Int in
                throw ExerciseError.notAttempted("1.1")
            }
        ) { _, _ in nil } == .notAttempted("1.1"))
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
    #expect(
        ExerciseCatalog.checkAttention(causal: true) {
            try ExerciseCatalog.engineAttention($0, $1, $2, causal: false)
        } != .passed)
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
    #expect(
        ExerciseCatalog.checkLoRAForward { x, w, b, a, bUp, _ in
            try ExerciseCatalog.referenceLoRAForward(x, w, b, a, bUp, Float(a.count))
        } != .passed)
    #expect(
        ExerciseCatalog.checkLoRAForward { x, w, b, a, bUp, _ in
            try ExerciseCatalog.referenceLoRAForward(x, w, b, a, bUp.map { $0.map { _ in 0 } }, 1)
        } != .passed)
    #expect(ExerciseCatalog.checkMerge { w, _, _, _ in w } != .passed)
    #expect(
        ExerciseCatalog.checkLoRACount { shapes, rank in
            shapes.reduce(0) { $0 + rank * $1[0] * $1[1] }
        } != .passed)
    #expect(ExerciseCatalog.checkTrainingMemory { total, _ in 16 * total } != .passed)
    #expect(ExerciseCatalog.exercises(ofChapter: 7).count >= 3)
    // The loss without its gradient, advantages without the λ-carry, the unclipped ratio, DPO without β.
    #expect(
        ExerciseCatalog.checkBradleyTerry { chosen, rejected in
            (try ExerciseCatalog.referenceBradleyTerry(chosen, rejected).loss, chosen.map { _ in 0 })
        } != .passed)
    #expect(
        ExerciseCatalog.checkAdvantages { rewards, values, _, _ in
            zip(rewards, values).map { $0 - $1 }
        } != .passed)
    #expect(ExerciseCatalog.checkClippedLoss { ratio, advantage, _ in -advantage * ratio } != .passed)
    #expect(
        ExerciseCatalog.checkDPO { pw, pl, rw, rl, _ in
            try ExerciseCatalog.referenceDPO(pw, pl, rw, rl, 1)
        } != .passed)
}
