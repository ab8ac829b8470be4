import Adapters
import Corpus
import Tasks
import Tokenization

// MARK: - Requests and stories in the chat format

/// The chat format of chapters 5 and 7, as token ids:
///
///     <|user|>Write a short story about Mia and a red ball.<|end|><|assistant|> There was once …<|end|>
///
/// The prompt ends with the assistant marker; a response is the story's text (after one
/// space) and the end-of-turn token, which is also what stops sampling.
///
/// Example:
/// ```swift
/// guard let chat = ChatFormat(tokenizer: tokenizer) else { … }   // nil: no chat markers
/// let prompt = chat.prompt(for: request)
/// let story = chat.text(of: responses[0])
/// ```
public struct ChatFormat: Sendable {
    public let tokenizer: BytePairTokenizer
    public let userID: Int, assistantID: Int, endID: Int

    /// nil when the tokenizer lacks `<|user|>`, `<|assistant|>` or `<|end|>`.
    public init?(tokenizer: BytePairTokenizer) {
        guard let userID = tokenizer.id(ofSpecialToken: BytePairTokenizer.userMarker),
            let assistantID = tokenizer.id(ofSpecialToken: BytePairTokenizer.assistantMarker),
            let endID = tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfTurn)
        else { return nil }
        self.tokenizer = tokenizer
        self.userID = userID
        self.assistantID = assistantID
        self.endID = endID
    }

    /// `<|user|>` request `<|end|><|assistant|>`.
    public func prompt(for request: StoryRequest) -> [Int] {
        [userID] + tokenizer.encode(request.userText, allowingSpecialTokens: false) + [endID, assistantID]
    }

    /// " " + text, then `<|end|>`.
    public func response(_ text: String) -> [Int] {
        tokenizer.encode(" " + text, allowingSpecialTokens: false) + [endID]
    }

    /// The text of a response: everything before its first `<|end|>`, decoded, trimmed.
    public func text(of response: [Int]) -> String {
        let body = response.firstIndex(of: endID).map { Array(response[..<$0]) } ?? response
        return String(tokenizer.decode(body).drop { $0 == " " })
    }
}

// MARK: - Demonstrations for supervised fine-tuning

extension ChatFormat {
    /// One demonstration: the request's chat prompt and the story as the answer, ending with
    /// `<|end|>` — what `Trainer.supervised` trains the starting policy on (answer-only loss).
    public func demonstration(_ request: StoryRequest, story text: String) -> TaskExample {
        TaskExample(prompt: prompt(for: request), answer: response(text))
    }
}
