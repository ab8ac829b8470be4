// MARK: - Words and punctuation marks

/// Cuts sentences into tokens (words and punctuation marks) and back.
///
/// The grammar is written over tokens, not characters: `Mia had a red ball.` is
/// `["Mia", "had", "a", "red", "ball", "."]`. Whitespace only separates, so a model that
/// writes `Mia had a red ball .` is judged on its words, not its spacing.
enum SentenceTokens {
    /// The marks that are tokens of their own.
    static let punctuation: Set<Character> = [",", ".", "!", "?", "\""]
    /// The marks that may end a sentence.
    static let sentenceEnds: Set<Character> = [".", "!", "?"]

    /// Splits `text` into words and punctuation marks.
    ///
    /// With `keepingPlaceholders`, a template slot such as `{name:hero}` stays one token.
    static func split(_ text: String, keepingPlaceholders: Bool = false) -> [String] {
        var tokens: [String] = []
        var word = ""
        var insidePlaceholder = false
        func finishWord() {
            if !word.isEmpty { tokens.append(word); word = "" }
        }
        for character in text {
            if insidePlaceholder {
                word.append(character)
                if character == "}" { insidePlaceholder = false; finishWord() }
            } else if keepingPlaceholders && character == "{" {
                finishWord()
                word.append(character)
                insidePlaceholder = true
            } else if character.isWhitespace {
                finishWord()
            } else if punctuation.contains(character) {
                finishWord()
                tokens.append(String(character))
            } else {
                word.append(character)
            }
        }
        finishWord()
        return tokens
    }

    /// The positions that start a sentence: the first token and the first token inside
    /// each opening quotation mark. Their words are capitalised in text.
    static func initialPositions(of tokens: [String]) -> Set<Int> {
        var positions: Set<Int> = [0]
        var quoteIsOpen = false
        for (index, token) in tokens.enumerated() where token == "\"" {
            quoteIsOpen.toggle()
            if quoteIsOpen { positions.insert(index + 1) }
        }
        return positions
    }

    /// The tokens in canonical case, or nil when a sentence-initial word is not capitalised.
    ///
    /// A sentence-initial word loses its capital unless it is a name or "I" ("She" → "she",
    /// "Mia" stays "Mia"); every other word is left as written, so a stray capital
    /// ("the Park") or a lower-case name ("mia") is simply not in the vocabulary.
    /// Template slots (`{…}`) pass through.
    static func canonicalized(_ tokens: [String]) -> [String]? {
        var canonical = tokens
        for position in initialPositions(of: tokens) where position < tokens.count {
            let token = tokens[position]
            guard let first = token.first, first.isLetter else { continue }
            guard first.isUppercase else { return nil }
            if CharacterKind.of(name: token) == nil && token != "I" {
                canonical[position] = first.lowercased() + token.dropFirst()
            }
        }
        return canonical
    }

    /// Joins canonical tokens into text: capitals at sentence starts, no space before
    /// punctuation or a closing quote, none after an opening quote.
    static func joined(_ tokens: [String]) -> String {
        let initial = initialPositions(of: tokens)
        var text = ""
        var quoteIsOpen = false
        var previousWasOpeningQuote = false
        for (index, token) in tokens.enumerated() {
            var piece = token
            if initial.contains(index), let first = piece.first {
                piece = first.uppercased() + piece.dropFirst()
            }
            let isQuote = token == "\""
            let isClosingQuote = isQuote && quoteIsOpen
            let attaches = (token.count == 1 && punctuation.contains(token.first!) && !isQuote) || isClosingQuote
            if index > 0 && !attaches && !previousWasOpeningQuote { text += " " }
            text += piece
            if isQuote { quoteIsOpen.toggle() }
            previousWasOpeningQuote = isQuote && quoteIsOpen
        }
        return text
    }
}
