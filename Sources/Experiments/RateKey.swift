import Adapters
import Notebook
import Transformers

/// Where a learning-rate table keeps one method's rate on one task: `"reading: lora-r8-qkvo"`.
/// Typed so that chapters 5 and 6 cannot drift apart on a spelling: both build it from the
/// task's name and the method's `MethodID`.
public struct RateKey: Hashable, Sendable, CustomStringConvertible {
    public let task: String
    public let method: MethodID
    public init(task: String, method: MethodID) {
        self.task = task
        self.method = method
    }
    public var description: String { "\(task): \(method.rawValue)" }
}

extension LearningRateTable {
    /// The choice stored under `key`, if any.
    public subscript(key: RateKey) -> Choice? {
        get { methods[key.description] }
        set { methods[key.description] = newValue }
    }

    /// The chosen rate under `key`; stops the chapter with what to run when it is missing.
    @MainActor
    public func rate(for key: RateKey, notebook: Notebook) -> Float {
        guard let choice = self[key] else {
            notebook.stop("the learning-rate table has no rate for \"\(key)\"; run `swift run chapter05-lora --sweep`")
        }
        return choice.chosen
    }
}
