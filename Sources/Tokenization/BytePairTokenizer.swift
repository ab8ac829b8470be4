// MARK: - The tokenizer: 256 bytes, a list of merges, a few special tokens

/// A byte-level byte-pair-encoding tokenizer, as in GPT-2 and minbpe.
///
/// The vocabulary is built in three layers:
/// - ids 0…255 are the 256 byte values, so any byte string can be encoded;
/// - merge `i` (the pair `merges[i]`, learned i-th) gets id `256 + i`;
/// - the special tokens (`<|endoftext|>`, the chat markers) come after the merges.
///
/// So `vocabularySize = 256 + merges.count + specialTokens.count`. Encoding cuts the text
/// into chunks with the `pretokenizer`, then replays the merges inside each chunk, lowest id
/// first; decoding concatenates each token's bytes. Decoding any encoding gives back the
/// exact bytes, even for bytes that are not UTF-8.
///
/// Example:
/// ```swift
/// let tokenizer = BytePairTokenizer.train(on: "aaabdaaabac", vocabularySize: 259,
///                                         pretokenizer: .none, specialTokens: [])
/// tokenizer.encode("aaabdaaabac")          // [258, 100, 258, 97, 99]
/// tokenizer.decode([258, 100])             // "aaabd"
/// ```
///
/// See also: `train(on:vocabularySize:pretokenizer:specialTokens:progress:)`,
/// `trainNaively(on:vocabularySize:pretokenizer:specialTokens:)`, `save(to:)`, `load(from:)`.
public struct BytePairTokenizer: Sendable {
    // MARK: Special token names

    /// Ends a document; a model learns that what follows is unrelated.
    public static let endOfText = "<|endoftext|>"
    /// Opens the system message of a chat.
    public static let systemMarker = "<|system|>"
    /// Opens a user turn.
    public static let userMarker = "<|user|>"
    /// Opens an assistant turn.
    public static let assistantMarker = "<|assistant|>"
    /// Closes any turn.
    public static let endOfTurn = "<|end|>"
    /// The special tokens every tokenizer gets unless told otherwise, in id order.
    public static let defaultSpecialTokens = [endOfText, systemMarker, userMarker, assistantMarker, endOfTurn]

    // MARK: Stored state

    /// How text is cut into chunks before merging.
    public let pretokenizer: Pretokenizer
    /// The learned merges, in the order learned: `merges[i]` makes id `256 + i`.
    public let merges: [TokenPair]
    /// For each merge, how often its pair occurred when it was chosen (weighted by chunk
    /// frequency, overlaps counted); empty when not known. Falls as training goes on.
    public let mergeCounts: [Int]
    /// The special token strings; `specialTokens[k]` has id `256 + merges.count + k`.
    public let specialTokens: [String]
    /// Why training stopped (or `.loaded` for a tokenizer built from a file or merge list).
    public let trainingStop: TrainingStop

    /// Pair → merge index ("rank"); a lower rank is applied first when encoding.
    let mergeRanks: [UInt64: Int32]
    /// The bytes of every id, specials included.
    let vocabulary: [[UInt8]]
    /// Finds special token strings in text.
    let specialTokenMatcher: SpecialTokenMatcher

    /// The number of ids: 256 bytes, the merges, the special tokens.
    public var vocabularySize: Int { 256 + merges.count + specialTokens.count }

    // MARK: Building

    /// Creates a tokenizer from merges learned elsewhere (a file, another trainer).
    ///
    /// - Parameters:
    ///   - merges: the merges in order; `merges[i]` may only use ids below `256 + i`.
    ///   - mergeCounts: the count each merge was chosen with, or `[]`.
    ///   - specialTokens: special strings, non-empty, distinct, without newlines.
    ///   - pretokenizer: the chunking rule the merges were trained with.
    ///   - trainingStop: why training stopped.
    public init(
        merges: [TokenPair], mergeCounts: [Int] = [], specialTokens: [String] = defaultSpecialTokens,
        pretokenizer: Pretokenizer = .gpt2, trainingStop: TrainingStop = .loaded
    ) {
        precondition(
            mergeCounts.isEmpty || mergeCounts.count == merges.count,
            "\(mergeCounts.count) merge counts for \(merges.count) merges")
        precondition(Set(specialTokens).count == specialTokens.count, "special tokens must be distinct")
        var vocabulary = (0..<256).map { [UInt8($0)] }
        vocabulary.reserveCapacity(256 + merges.count + specialTokens.count)
        var ranks: [UInt64: Int32] = [:]
        ranks.reserveCapacity(merges.count)
        for (index, pair) in merges.enumerated() {
            let newID = 256 + index
            precondition(
                pair.left >= 0 && pair.left < newID && pair.right >= 0 && pair.right < newID,
                "merge \(index) \(pair) uses an id not below its own id \(newID)")
            vocabulary.append(vocabulary[pair.left] + vocabulary[pair.right])
            // A pair learned twice (impossible from a trainer) keeps its first, lower rank.
            if ranks[pair.packedKey] == nil { ranks[pair.packedKey] = Int32(index) }
        }
        for token in specialTokens {
            precondition(
                !token.isEmpty && !token.contains("\n"),
                "special token \(String(reflecting: token)) must be non-empty and on one line")
            vocabulary.append(Array(token.utf8))
        }
        self.pretokenizer = pretokenizer
        self.merges = merges
        self.mergeCounts = mergeCounts
        self.specialTokens = specialTokens
        self.trainingStop = trainingStop
        self.mergeRanks = ranks
        self.vocabulary = vocabulary
        self.specialTokenMatcher = SpecialTokenMatcher(specialTokens, firstID: 256 + merges.count)
    }

    // MARK: Looking tokens up

    /// The bytes token `id` stands for.
    ///
    /// Example: `tokenizer.tokenBytes(32)` is `[32]`, a space.
    public func tokenBytes(_ id: Int) -> [UInt8] {
        precondition(id >= 0 && id < vocabularySize, "token id \(id) outside the vocabulary 0..<\(vocabularySize)")
        return vocabulary[id]
    }

    /// The id of a special token, or nil if this tokenizer does not have it.
    ///
    /// Example: `tokenizer.id(ofSpecialToken: BytePairTokenizer.endOfText)`
    public func id(ofSpecialToken token: String) -> Int? {
        specialTokens.firstIndex(of: token).map { 256 + merges.count + $0 }
    }

    /// Whether `id` is one of the special tokens.
    public func isSpecialToken(_ id: Int) -> Bool {
        id >= 256 + merges.count && id < vocabularySize
    }

    // MARK: Smaller vocabularies for free

    /// The tokenizer this one was when it had `vocabularySize` ids.
    ///
    /// BPE merges are nested — the first `k` merges of a run to 4,096 are exactly a run to
    /// `256 + k` — so one training run gives every smaller vocabulary. The special tokens are
    /// kept and renumbered to follow the remaining merges.
    ///
    /// - Parameter vocabularySize: at least `256 + specialTokens.count`, at most the current size.
    ///
    /// Example: `tokenizer.truncated(toVocabularySize: 512).merges.count` is `512 - 256 - 5`.
    public func truncated(toVocabularySize vocabularySize: Int) -> BytePairTokenizer {
        let keptMerges = vocabularySize - 256 - specialTokens.count
        precondition(
            keptMerges >= 0 && keptMerges <= merges.count,
            "can truncate to \(256 + specialTokens.count)…\(self.vocabularySize) ids, not \(vocabularySize)")
        return BytePairTokenizer(
            merges: Array(merges.prefix(keptMerges)),
            mergeCounts: Array(mergeCounts.prefix(mergeCounts.isEmpty ? 0 : keptMerges)),
            specialTokens: specialTokens, pretokenizer: pretokenizer,
            trainingStop: keptMerges < merges.count ? .reachedVocabularySize : trainingStop)
    }
}

// MARK: - Why training stopped

/// Why a trainer stopped learning merges.
public enum TrainingStop: Sendable, Equatable, CustomStringConvertible {
    /// It learned as many merges as the vocabulary size asked for.
    case reachedVocabularySize
    /// No pair occurred twice any more; more merges would only memorise single strings.
    case noPairOccursTwice
    /// Built from a merge list or a file, not trained here.
    case loaded

    public var description: String {
        switch self {
        case .reachedVocabularySize: return "reached the requested vocabulary size"
        case .noPairOccursTwice: return "stopped early: no pair occurs at least twice"
        case .loaded: return "loaded, not trained here"
        }
    }
}
