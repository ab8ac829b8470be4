import Corpus
import Tokenization

/// Chapter 5's knowledge task: a table of invented creatures and where they live
/// (`InventedFacts`), asked in the chat format — *Where does the Blozzaind live?* — *the lake*.
/// The names are made up, so no pretraining put the answers in the weights, and the answer is
/// not in the prompt: the fine-tune must store the table.
///
/// Memorisation is scored on the table it trained on: every split is the whole table.
public struct KnowledgeTask: FineTuningTask {
    public let facts: [InventedFact]
    public let table: [TaskExample]
    public let padding: Int
    public let steps: Int, batchSize: Int

    /// `count` facts from `seed`; `quick`: 8 steps of 8, otherwise 300 steps of 16.
    /// - Throws: `ReadingTaskError.noChatMarkers` for a tokenizer without the chat tokens.
    public init(tokenizer: BytePairTokenizer, count: Int, seed: UInt64, quick: Bool) throws {
        let encode = try ReadingTask.chatEncoder(tokenizer: tokenizer)
        facts = InventedFacts.table(count: count, seed: seed)
        table = facts.map { encode("Question: " + $0.question, $0.answer) }
        padding = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn) ?? 0
        steps = quick ? 8 : 300
        batchSize = quick ? 8 : 16
    }

    public var name: String { "knowledge" }
    public func examples(_ split: TaskSplit) -> [TaskExample] { table }
    /// The share of the table whose answer is the commonest place: what learning no fact scores.
    public var majorityShare: Double { InventedFacts.majorityShare(facts) }
}
