import Engine
import Transformers

// MARK: - One shape for every supervised task of the book

/// The three disjoint parts of a task's data: what trains, what chooses settings, what is
/// reported — the test split is used once.
public enum TaskSplit: String, Sendable, CaseIterable {
    case training, validation, test
}

/// A supervised fine-tuning task: prompt → answer examples by split, how long chapter runs
/// train on it, and how an answer is scored.
///
/// The score is the greedy answer's exact match (`SupervisedTask.evaluate`) unless a task says
/// otherwise; every method of chapter 5 is trained and measured through this one shape.
///
/// Example:
/// ```swift
/// let task: any FineTuningTask = try ReadingTask(tokenizer: tokenizer, contextLength: 128, quick: false, seed: 42)
/// let score = task.score(model, on: .validation)
/// ```
public protocol FineTuningTask: Sendable {
    /// The task's name in tables and files: "reading".
    var name: String { get }
    /// The examples of `split`.
    func examples(_ split: TaskSplit) -> [TaskExample]
    /// Training steps of a run, and examples per step.
    var steps: Int { get }
    var batchSize: Int { get }
    /// The id batches are padded with (never a target).
    var padding: Int { get }
}

extension FineTuningTask {
    /// Exact match and answer loss of `model` on `split` (see `SupervisedTask.evaluate`).
    public func score(_ model: any LanguageModel, on split: TaskSplit) -> (matches: [Bool], losses: [Double]) {
        SupervisedTask.evaluate(examples(split), model: model, padding: padding)
    }
}
