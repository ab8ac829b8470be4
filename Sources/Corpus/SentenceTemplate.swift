// MARK: - One sentence of the grammar

/// Which character of a story a slot refers to.
public enum StoryRole: String, Sendable, Hashable, CaseIterable {
    /// The character the story is about.
    case hero
    /// The hero's friend (some stories have none).
    case friend
    /// Whoever finds the lost thing: the hero or the friend.
    case finder
}

/// A sentence pattern: words, punctuation marks and slots, e.g.
/// `Once upon a time, there was a {trait} {kind:hero} named {name:hero}.`
///
/// The same template serves both sides of the world: the generator fills its slots to
/// write a sentence, the checker matches a sentence against it. That is why every
/// generated sentence is grammatical by construction, and the tests check it anyway.
struct SentenceTemplate: Sendable, Hashable {
    /// One token of a template.
    enum Element: Sendable, Hashable {
        /// A word or punctuation mark that must appear as written (canonical case).
        case word(String)
        /// Any member of the class; `role` tells the generator which character to use.
        case slot(WordClass, role: StoryRole?)
    }

    /// The template as written in the source, capitals and all.
    let text: String
    /// The template as tokens, in canonical case.
    let elements: [Element]
    /// The fewest and most tokens a matching sentence can have: a quick filter.
    private let tokenCountRange: ClosedRange<Int>

    /// Parses a template; a malformed one is a programming error and stops the program.
    init(_ text: String) {
        self.text = text
        let raw = SentenceTokens.split(text, keepingPlaceholders: true)
        guard let canonical = SentenceTokens.canonicalized(raw) else {
            preconditionFailure("template must start with a capital: \(text)")
        }
        elements = canonical.map { token in
            guard token.hasPrefix("{") else { return .word(token) }
            let parts = token.dropFirst().dropLast().split(separator: ":").map(String.init)
            guard let wordClass = WordClass(rawValue: parts[0]) else {
                preconditionFailure("unknown word class \(parts[0]) in template: \(text)")
            }
            let role = parts.count > 1 ? StoryRole(rawValue: parts[1]) : nil
            precondition(parts.count == 1 || role != nil, "unknown role in template: \(text)")
            return .slot(wordClass, role: role)
        }
        var fewest = 0
        var most = 0
        for element in elements {
            switch element {
            case .word:
                fewest += 1; most += 1
            case .slot(let wordClass, _):
                let lengths = WordClass.phraseWords[wordClass]!.map(\.count)
                fewest += lengths.min()!; most += lengths.max()!
            }
        }
        tokenCountRange = fewest...most
    }

    /// The template as the printed grammar shows it: slots as `<class:role>`.
    var grammarLine: String {
        String(
            text.map { character in
                switch character {
                case "{": "<"
                case "}": ">"
                default: character
                }
            })
    }

    // MARK: - Matching

    /// Whether canonical `tokens` are exactly this template with its slots filled.
    ///
    /// A depth-first match: a slot whose class has phrases of several lengths
    /// ("park", "old house") tries each and backtracks; sentences are short, so this is cheap.
    func matches(_ tokens: [String]) -> Bool {
        guard tokenCountRange.contains(tokens.count) else { return false }
        return match(tokens, from: 0, element: 0)
    }

    private func match(_ tokens: [String], from position: Int, element: Int) -> Bool {
        if element == elements.count { return position == tokens.count }
        guard position < tokens.count else { return false }
        switch elements[element] {
        case .word(let word):
            return tokens[position] == word && match(tokens, from: position + 1, element: element + 1)
        case .slot(let wordClass, _):
            for phrase in WordClass.phraseWords[wordClass]! {
                let end = position + phrase.count
                guard end <= tokens.count, tokens[position..<end].elementsEqual(phrase) else { continue }
                if match(tokens, from: end, element: element + 1) { return true }
            }
            return false
        }
    }
}

extension WordClass {
    /// Every class's members split into words, computed once.
    static let phraseWords: [WordClass: [[String]]] = {
        var table: [WordClass: [[String]]] = [:]
        for wordClass in WordClass.allCases { table[wordClass] = wordClass.memberWords }
        return table
    }()
}
