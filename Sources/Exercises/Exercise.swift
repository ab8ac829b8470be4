/// Thrown by an exercise stub until the reader writes it.
///
/// The stub names only its exercise (`throw ExerciseError.notAttempted("1.2")`); the title and
/// hint are declared once, in the catalog, and the error quotes them from there.
public enum ExerciseError: Error, CustomStringConvertible {
    /// Exercise `number` (e.g. "1.2") has not been attempted yet.
    case notAttempted(String)

    public var description: String {
        switch self {
        case .notAttempted(let number):
            guard let exercise = ExerciseCatalog.exercise(number) else {
                return "exercise \(number): not attempted yet"
            }
            return "exercise \(number) (\(exercise.title)): not attempted yet — hint: \(exercise.hint)"
        }
    }
}

/// How an exercise stands.
public enum ExerciseOutcome: Equatable, Sendable {
    /// A stub threw `ExerciseError.notAttempted(number)` — usually this exercise's own, or one
    /// it calls (1.3's encode calls 1.2's merge).
    case notAttempted(String)
    case passed
    /// The first case where the answer differs from what it should be.
    case failed(String)

    /// Whether the reader has written this exercise (its check ran, passing or not).
    public var isAttempted: Bool {
        if case .notAttempted = self { return false }
        return true
    }
}

/// One exercise of the book: what to do, where, and how it is checked. The catalog entry is
/// the one place its title, task and hint are written: the stub's error, `swift run
/// exercises`, the tests and the chapter's woven exercise list all read them from here.
///
/// `checkReader` runs the reader's function (in Sources/Exercises/ChapterNN.swift) on the
/// check's cases; `checkReference` runs the same cases on the engine's own code, so the check
/// itself is tested even before anyone attempts the exercise.
public struct Exercise: Sendable {
    public let chapter: Int
    /// "1.2"
    public let number: String
    public let title: String
    /// What to write, in a sentence or two.
    public let task: String
    /// The hint shown until it passes.
    public let hint: String
    public let checkReader: @Sendable () -> ExerciseOutcome
    public let checkReference: @Sendable () -> ExerciseOutcome

    /// Where to write it: the chapter's stub file.
    public var file: String {
        "Sources/Exercises/Chapter" + (chapter < 10 ? "0" : "") + "\(chapter).swift"
    }
}

/// Runs one check over its cases: `notAttempted` if the implementation throws
/// `ExerciseError.notAttempted`, the first mismatch as `failed`, else `passed`.
///
/// - Parameters:
///   - cases: the inputs, each with a description for the failure message.
///   - implementation: the function under test.
///   - isCorrect: whether an answer is right for an input; returns the reason when not.
func check<Input, Output>(
    _ cases: [(description: String, input: Input)],
    _ implementation: (Input) throws -> Output,
    isCorrect: (Input, Output) -> String?
) -> ExerciseOutcome {
    for testCase in cases {
        do {
            let output = try implementation(testCase.input)
            if let reason = isCorrect(testCase.input, output) {
                return .failed("\(testCase.description): \(reason)")
            }
        } catch ExerciseError.notAttempted(let number) {
            return .notAttempted(number)
        } catch {
            return .failed("\(testCase.description): threw \(error)")
        }
    }
    return .passed
}

/// Every exercise of the book, in order.
public enum ExerciseCatalog {
    public static var all: [Exercise] {
        chapter01 + chapter02 + chapter03 + chapter04 + chapter05 + chapter06
            + chapter07
    }

    /// The exercises of one chapter.
    public static func exercises(ofChapter chapter: Int) -> [Exercise] {
        all.filter { $0.chapter == chapter }
    }

    /// The exercise numbered `number` ("1.2"), if there is one.
    public static func exercise(_ number: String) -> Exercise? {
        all.first { $0.number == number }
    }
}
