/// Markdown-lite for the terminal: paragraphs wrapped to the terminal's width, lists with a
/// hanging indent, verbatim blocks (formulas, code) kept as written; **bold**, *emphasis* and
/// `code` styled on a terminal. In a pipe (or with NO_COLOR) the text is plain: the emphasis
/// markers are dropped, since a reader of a log sees asterisks, not emphasis; backticks stay,
/// as the one plain-text cue that a word is code to type. The woven page keeps the Markdown.
enum Prose {
    /// One block of a prose passage.
    enum Block: Equatable {
        case paragraph(String)
        case listItem(marker: String, text: String)
        case verbatim([String])
        case heading(String)
    }

    /// Splits markdown-lite text into blocks. Lines indented by four spaces, or between ```
    /// fences, are verbatim; "- " and "1. " start list items; "#"-lines are headings.
    static func blocks(_ markdown: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = []
        var verbatim: [String] = []
        var inFence = false

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.joined(separator: " ")
            if let (marker, rest) = listMarker(text) {
                blocks.append(.listItem(marker: marker, text: rest))
            } else {
                blocks.append(.paragraph(text))
            }
            paragraph = []
        }
        func flushVerbatim() {
            guard !verbatim.isEmpty else { return }
            blocks.append(.verbatim(verbatim))
            verbatim = []
        }

        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if inFence { flushVerbatim() } else { flushParagraph() }
                inFence.toggle()
                continue
            }
            if inFence { verbatim.append(line); continue }
            if line.hasPrefix("    "), paragraph.isEmpty || !verbatim.isEmpty {
                verbatim.append(String(line.dropFirst(4)))
                continue
            }
            flushVerbatim()
            if trimmed.isEmpty { flushParagraph(); continue }
            if trimmed.hasPrefix("#") {
                flushParagraph()
                blocks.append(.heading(trimmed.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)))
                continue
            }
            // A new list item ends the previous one.
            if listMarker(trimmed) != nil { flushParagraph() }
            paragraph.append(trimmed)
        }
        flushParagraph()
        flushVerbatim()
        return blocks
    }

    private static func listMarker(_ text: String) -> (String, String)? {
        if text.hasPrefix("- ") || text.hasPrefix("* ") { return ("•", String(text.dropFirst(2))) }
        let digits = text.prefix(while: \.isNumber)
        if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") {
            return (digits + ".", String(text.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Renders prose for the terminal: wrapped to `width`, indented by `indent` columns.
    static func render(_ markdown: String, width: Int, indent: Int = 2, styled: Bool) -> String {
        var out: [String] = []
        let margin = String(repeating: " ", count: indent)
        for block in blocks(markdown) {
            switch block {
            case .paragraph(let text):
                out += wrap(text, width: width - indent, styled: styled).map { margin + $0 }
            case .listItem(let marker, let text):
                let hang = String(repeating: " ", count: marker.count + 1)
                for (index, line) in wrap(text, width: width - indent - hang.count, styled: styled).enumerated() {
                    out.append(margin + (index == 0 ? marker + " " : hang) + line)
                }
            case .verbatim(let lines):
                out += lines.map(MarkdownText.unescaped).map {
                    margin + "    " + (styled ? Terminal.ansi($0, [.cyan]) : $0)
                }
            case .heading(let text):
                let plain = inline(text, styled: false).replacingOccurrences(of: "`", with: "")
                out.append(margin + (styled ? Terminal.ansi(plain, [.bold]) : plain))
            }
            out.append("")
        }
        if out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    // MARK: - Inline styles and wrapping

    /// A word's pieces with their styles: a word may mix styles, as in "`id`s".
    private struct Piece { var text: String; var style: InlineStyle }
    private enum InlineStyle { case plain, bold, italic, code }

    /// Wraps a paragraph to `width` columns, its inline Markdown rendered as `inline` does.
    static func wrap(_ text: String, width: Int, styled: Bool) -> [String] {
        let words = words(of: pieces(text, styled: styled))
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in words {
            let wordWidth = word.reduce(0) { $0 + displayWidth($1.text) }
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 { line += " "; lineWidth += 1 }
            line += word.map { render($0, styled: styled) }.joined()
            lineWidth += wordWidth
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// One line of inline Markdown for the terminal — a label, a result, a table cell, a caption:
    /// **bold**, *italic* and `code` styled when `styled`, and otherwise plain, without the
    /// emphasis markers (backticks kept). Spaces are kept as written.
    ///
    ///     inline("the **true** reward of *r*", styled: false) == "the true reward of r"
    static func inline(_ text: String, styled: Bool) -> String {
        pieces(text, styled: styled).map { render($0, styled: styled) }.joined()
    }

    private static func render(_ piece: Piece, styled: Bool) -> String {
        guard styled else { return piece.text }
        switch piece.style {
        case .plain: return piece.text
        case .bold: return Terminal.ansi(piece.text, [.bold])
        case .italic: return Terminal.ansi(piece.text, [.italic])
        case .code: return Terminal.ansi(piece.text, [.cyan])
        }
    }

    /// Parses **bold**, *italic* and `code` into pieces of one style each, spaces kept inside
    /// them. Unstyled (`styled` false), a code piece keeps its backticks. Outside code, the
    /// escapes `MarkdownText.escaped` writes (a backslash before punctuation, `&lt;` …) become
    /// the characters they stand for, so text from outside the book is shown, never styled.
    private static func pieces(_ text: String, styled: Bool) -> [Piece] {
        var pieces: [Piece] = []
        var current = ""
        var style = InlineStyle.plain
        let characters = Array(text)

        func flushPiece() {
            if !current.isEmpty { pieces.append(Piece(text: current, style: style)); current = "" }
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            let previous: Character? = index > 0 ? characters[index - 1] : nil
            if style != .code, character == "\\", let next, next.isASCII, next.isPunctuation || next.isSymbol {
                // A backslash escape (`MarkdownText.escaped`): the character itself, never a marker.
                current.append(next)
                index += 2
                continue
            }
            if style != .code, character == "&",
                let entity = MarkdownText.entities.first(where: {
                    String(characters[index...].prefix(6)).hasPrefix($0.key)
                })
            {
                current += entity.value
                index += entity.key.count
                continue
            }
            if character == "`", style == .bold || style == .italic {
                // Code inside emphasis is not styled apart; plain text keeps its backticks.
                if !styled { current.append(character) }
            } else if character == "`" {
                if !styled && style == .code { current.append("`") }
                flushPiece()
                style = style == .code ? .plain : .code
                if !styled && style == .code { current.append("`") }
            } else if style != .code, character == "*", next == "*" {
                flushPiece()
                style = style == .bold ? .plain : .bold
                index += 1
            } else if style != .code, character == "*",
                style == .italic ? previous != " " : (next != nil && next != " ")
            {
                // A lone * opens emphasis only before a word and closes only after one, so
                // "a * b" in a formula stays a product.
                flushPiece()
                style = style == .italic ? .plain : .italic
            } else {
                current.append(character)
            }
            index += 1
        }
        flushPiece()
        return pieces
    }

    /// The pieces split into words at spaces (a run of spaces is one break), for wrapping.
    private static func words(of pieces: [Piece]) -> [[Piece]] {
        var words: [[Piece]] = []
        var word: [Piece] = []
        for piece in pieces {
            for (index, fragment) in piece.text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if index > 0, !word.isEmpty {
                    words.append(word)
                    word = []
                }
                if !fragment.isEmpty { word.append(Piece(text: String(fragment), style: piece.style)) }
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}
