// MARK: - What a reader can check in a story written for a request

/// The checkable features of a completion — the story an assistant wrote for a request —
/// each a number computed from the text alone with the world's own checkers.
///
/// These are what a hidden human's taste weighs (`HumanTaste`). They are deliberately
/// plain, so a chapter can say exactly why one story beat another.
///
/// Example:
/// ```swift
/// let request = StoryRequest(heroName: "Mia", object: StoryObject(adjective: "red", noun: "ball"))
/// let features = StoryFeatures(of: "There was once a shy girl named Mia. Mia had a red ball. "
///                                  + "In the end, Mia was happy.", for: request)
/// features.grammaticalShare   // 1
/// features.ending             // 1 (happy)
/// ```
public struct StoryFeatures: Sendable, Hashable {
    /// The sentences of the completion (`StoryWorld.sentences(in:)`).
    public let sentences: [String]
    /// The share of sentences the grammar accepts, in [0, 1]; 0 for an empty completion.
    public let grammaticalShare: Double
    /// 1 when the story keeps its cast and object straight (`StoryWorld.isCoherent`: every
    /// name introduced before use, pronouns that have someone to refer to, one object), else 0.
    public let coherent: Double
    /// 1 when the requested character's name appears, else 0.
    public let heroPresent: Double
    /// 1 when the requested object appears with its adjective ("red ball"), 0.5 when only
    /// its noun does, else 0.
    public let objectPresent: Double
    /// +1 when the last sentence ends the story happily ("In the end, Mia was glad."),
    /// −1 when sadly, 0 when the story does not end with an ending sentence.
    public let ending: Double
    /// The share of sentences that repeat an earlier sentence word for word, in [0, 1).
    public let repetition: Double

    /// The number of sentences.
    public var sentenceCount: Int { sentences.count }

    /// Computes the features of `text` as an answer to `request`.
    public init(of text: String, for request: StoryRequest) {
        let sentences = StoryWorld.sentences(in: text)
        self.sentences = sentences
        grammaticalShare = StoryWorld.grammaticalShare(of: sentences)
        coherent = StoryWorld.isCoherent(text) ? 1 : 0
        let tokens = sentences.flatMap {
            SentenceTokens.canonicalized(SentenceTokens.split($0))
                ?? SentenceTokens.split($0)
        }
        heroPresent = tokens.contains(request.heroName) ? 1 : 0
        let phrase = [request.object.adjective, request.object.noun]
        let hasPhrase = tokens.indices.dropLast().contains { Array(tokens[$0...($0 + 1)]) == phrase }
        objectPresent = hasPhrase ? 1 : (tokens.contains(request.object.noun) ? 0.5 : 0)
        ending = StoryFeatures.ending(of: sentences.last)
        var seen: Set<String> = []
        let repeated = sentences.filter { !seen.insert($0).inserted }.count
        repetition = sentences.isEmpty ? 0 : Double(repeated) / Double(sentences.count)
    }

    /// +1, −1 or 0 for a final sentence "In the end, <name> was [very] <good | bad>."
    /// (grammatical, with a feeling of the `good` or `bad` class), anything else 0.
    static func ending(of sentence: String?) -> Double {
        guard let sentence, StoryWorld.isGrammatical(sentence) else { return 0 }
        let tokens = SentenceTokens.split(sentence)
        guard tokens.starts(with: ["In", "the", "end"]), tokens.count >= 2 else { return 0 }
        let feeling = tokens[tokens.count - 2]
        if WordClass.good.members.contains(feeling) { return 1 }
        if WordClass.bad.members.contains(feeling) { return -1 }
        return 0
    }
}
