/// Thrown by an exercise stub until the reader writes it.
public enum ExerciseError: Error, CustomStringConvertible {
    /// The exercise has not been attempted yet; `hint` says where to start.
    case notAttempted(hint: String)

    public var description: String {
        switch self {
        case .notAttempted(let hint): return "not attempted yet — \(hint)"
        }
    }
}

/// How an exercise stands.
public enum ExerciseOutcome: Equatable, Sendable {
    case notAttempted
    case passed
    /// The first case where the answer differs from what it should be.
    case failed(String)
}

/// One exercise of the book: what to do, where, and how it is checked.
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
    /// Where to write it.
    public let file: String
    /// The hint shown until it passes.
    public let hint: String
    public let checkReader: @Sendable () -> ExerciseOutcome
    public let checkReference: @Sendable () -> ExerciseOutcome
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
        } catch ExerciseError.notAttempted {
            return .notAttempted
        } catch {
            return .failed("\(testCase.description): threw \(error)")
        }
    }
    return .passed
}

/// Every exercise of the book, in order.
public enum ExerciseCatalog {
    public static var all: [Exercise] { chapter01 + chapter02 + chapter03 + chapter04 + chapter05 }

    /// The exercises of one chapter.
    public static func exercises(ofChapter chapter: Int) -> [Exercise] {
        all.filter { $0.chapter == chapter }
    }
}
