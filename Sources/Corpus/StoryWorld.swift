// MARK: - The world's public face: its grammar, its words, its checker

/// The story world: the grammar every generated sentence follows, its vocabulary, and
/// the checks that tell whether a sentence (or a story) belongs to it.
///
/// Because the world is closed and written down, a chapter can measure exactly what a
/// model learned: the share of its sampled sentences that `isGrammatical` accepts, and
/// whether its stories keep their names, pronouns and objects (`isCoherent`).
///
/// Example:
/// ```swift
/// StoryWorld.isGrammatical("Mia had a shiny key.")        // true
/// StoryWorld.isGrammatical("Mia had a the park.")         // false
/// StoryWorld.sentences(in: "Tom ran. He fell!")           // ["Tom ran.", "He fell!"]
/// print(StoryWorld.grammar)
/// ```
public enum StoryWorld {
    // MARK: - Vocabulary

    /// Every word the world can use, in canonical case: names capitalised ("Mia"), "I"
    /// capitalised, everything else lower case ("once", "park"). Punctuation is not a word.
    public static let vocabulary: Set<String> = {
        var words: Set<String> = []
        for template in StoryTemplates.distinctTemplates {
            for case .word(let word) in template.elements where word.first!.isLetter {
                words.insert(word)
            }
        }
        for wordClass in WordClass.allCases {
            for phrase in wordClass.memberWords { words.formUnion(phrase) }
        }
        return words
    }()

    /// The number of distinct sentence templates in the grammar.
    public static var templateCount: Int { StoryTemplates.distinctTemplates.count }

    // MARK: - Checking sentences

    /// Whether `sentence` is one sentence of the grammar: some template with its slots filled.
    ///
    /// The sentence is cut into words and punctuation marks (spacing does not matter),
    /// its first word (and the first word inside quotes) must be capitalised, and the
    /// tokens must match one template exactly — so an unknown word, a word of the wrong
    /// class, a missing or extra word, a missing final mark or two sentences glued together
    /// are all rejected. Agreement across sentences (is "she" the girl of the story?)
    /// is `isCoherent`'s business, not this one's.
    ///
    /// - Parameter sentence: one sentence, e.g. an element of `sentences(in:)`.
    /// - Returns: true when a template matches.
    public static func isGrammatical(_ sentence: String) -> Bool {
        let raw = SentenceTokens.split(sentence)
        guard !raw.isEmpty, let tokens = SentenceTokens.canonicalized(raw) else { return false }
        return StoryTemplates.distinctTemplates.contains { $0.matches(tokens) }
    }

    /// The share of `sentences` that are grammatical, in [0, 1] (0 for no sentences).
    public static func grammaticalShare(of sentences: [String]) -> Double {
        guard !sentences.isEmpty else { return 0 }
        return Double(sentences.filter(isGrammatical).count) / Double(sentences.count)
    }

    // MARK: - Splitting text into sentences

    /// Splits text into sentences, trimmed of surrounding whitespace.
    ///
    /// A sentence ends at ".", "!" or "?" — together with a closing quotation mark right
    /// after it, as in `Mia said, "Help!"` — and at any line break, so a fragment before a
    /// blank line is not glued to the next story's first sentence.
    ///
    /// - Parameters:
    ///   - text: generated or sampled text, possibly many stories.
    ///   - keepingUnfinishedTail: whether to return a last piece that has no final mark.
    ///     Keep it (the default) to judge every word; drop it when the text was cut at a
    ///     length limit, so the cut is not blamed on the model.
    /// - Returns: the sentences in order; empty pieces are skipped.
    public static func sentences(in text: String, keepingUnfinishedTail: Bool = true) -> [String] {
        var sentences: [String] = []
        var current = ""
        var quoteIsOpen = false
        var pendingEnd = false  // a final mark was seen; a closing quote may still follow

        func finish() {
            let trimmed = current.trimmingWhitespace()
            if !trimmed.isEmpty { sentences.append(trimmed) }
            current = ""
            quoteIsOpen = false
            pendingEnd = false
        }

        for character in text {
            if pendingEnd {
                if character == "\"" && quoteIsOpen {
                    current.append(character)
                    finish()
                    continue
                }
                finish()
            }
            if character.isNewline {
                finish()
                continue
            }
            current.append(character)
            if character == "\"" { quoteIsOpen.toggle() }
            if SentenceTokens.sentenceEnds.contains(character) { pendingEnd = true }
        }
        if pendingEnd {
            finish()
        } else if keepingUnfinishedTail {
            finish()
        }
        return sentences
    }

    // MARK: - Checking stories

    /// Whether a story keeps its cast and its object straight.
    ///
    /// Example: `isCoherent("… a little boy named Mia. …")` is false — Mia is a girl.
    ///
    /// Checked across all its sentences:
    /// - every introduction "a <kind> named <name>" gives the name its own kind
    ///   ("a boy named Mia" is incoherent);
    /// - every name is introduced before it is used (or in the same sentence);
    /// - "he/him/his" only when a boy has been introduced, "she/her" only for a girl
    ///   ("it/its" may be the object, so it always passes);
    /// - the story has one object noun, and that noun keeps one adjective
    ///   (the red ball stays red).
    ///
    /// - Parameter storyText: one story (a paragraph of sentences).
    /// - Returns: false for an empty text, otherwise whether all the rules hold.
    public static func isCoherent(_ storyText: String) -> Bool {
        let things = Set(WordClass.thing.members)
        let adjectives = Set(WordClass.adjective.members)
        var introduced: [String: CharacterKind] = [:]
        var objectNoun: String?
        var objectAdjective: String?
        let sentences = sentences(in: storyText)
        guard !sentences.isEmpty else { return false }

        for sentence in sentences {
            let raw = SentenceTokens.split(sentence)
            let tokens = SentenceTokens.canonicalized(raw) ?? raw
            // Introductions first, so "a girl named Mia" may name Mia in its own sentence.
            for index in tokens.indices where tokens[index] == "named" && index > 0 && index + 1 < tokens.count {
                guard let kind = CharacterKind(rawValue: tokens[index - 1]) else { continue }
                guard let trueKind = CharacterKind.of(name: tokens[index + 1]), trueKind == kind else { return false }
                introduced[tokens[index + 1]] = kind
            }
            for (index, token) in tokens.enumerated() {
                if CharacterKind.of(name: token) != nil && introduced[token] == nil { return false }
                switch token {
                case "he", "him", "his":
                    if !introduced.values.contains(.boy) { return false }
                case "she", "her":
                    if !introduced.values.contains(.girl) { return false }
                default:
                    break
                }
                if things.contains(token) {
                    if let noun = objectNoun, noun != token { return false }
                    objectNoun = token
                    if index > 0 && adjectives.contains(tokens[index - 1]) {
                        if let adjective = objectAdjective, adjective != tokens[index - 1] { return false }
                        objectAdjective = tokens[index - 1]
                    }
                }
            }
        }
        return true
    }
}

extension String {
    /// The string without leading and trailing whitespace (Foundation-free).
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
            let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}
