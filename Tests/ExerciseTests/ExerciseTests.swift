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
    @Test("3.5", .enabled(if: attempted("3.5"), "not attempted yet")) func exercise3_5() { expectPasses("3.5") }
    @Test("4.1", .enabled(if: attempted("4.1"), "not attempted yet")) func exercise4_1() { expectPasses("4.1") }
    @Test("4.2", .enabled(if: attempted("4.2"), "not attempted yet")) func exercise4_2() { expectPasses("4.2") }
    @Test("4.3", .enabled(if: attempted("4.3"), "not attempted yet")) func exercise4_3() { expectPasses("4.3") }
    @Test("4.4", .enabled(if: attempted("4.4"), "not attempted yet")) func exercise4_4() { expectPasses("4.4") }
    @Test("5.1", .enabled(if: attempted("5.1"), "not attempted yet")) func exercise5_1() { expectPasses("5.1") }
    @Test("5.2", .enabled(if: attempted("5.2"), "not attempted yet")) func exercise5_2() { expectPasses("5.2") }
    @Test("5.3", .enabled(if: attempted("5.3"), "not attempted yet")) func exercise5_3() { expectPasses("5.3") }
    @Test("5.4", .enabled(if: attempted("5.4"), "not attempted yet")) func exercise5_4() { expectPasses("5.4") }
    @Test("5.5", .enabled(if: attempted("5.5"), "not attempted yet")) func exercise5_5() { expectPasses("5.5") }
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
            "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4", "5.5", "6.1",
            "6.2", "6.3", "6.4", "7.1", "7.2", "7.3", "7.4",
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
