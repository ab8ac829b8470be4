// MARK: - Text from outside the book, placed in Markdown

/// Text that did not come from the book's own source — a reader's corpus, its file name,
/// learned tokens, samples — placed in a woven page as data, never as markup (DESIGN: text
/// placed in a script is data; a page is a script for the browser).
///
/// Inline, every Markdown metacharacter is backslash-escaped and `<`, `>`, `&` become entities,
/// which CommonMark (GitHub) and Ink (the HTML book) both show as the characters themselves.
/// In a block, the fence is longer than any run of backticks inside (CommonMark's rule), so no
/// line of the text can close it.
///
/// Example:
/// ```swift
/// MarkdownText.escaped("notes/<img src=x>.txt")   // "notes/&lt;img src=x&gt;.txt"
/// MarkdownText.codeBlock("a\n```\nb")              // "````text\na\n```\nb\n````"
/// ```
public enum MarkdownText {
    /// The ASCII punctuation that can start or end markup inline: emphasis, code, links and
    /// images, tables, headings, strike-through, autolinks and raw HTML.
    static let metacharacters: Set<Character> = ["\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "~", "{", "}"]

    /// `text` to be shown as it is inside a paragraph, heading, label or table cell. Line
    /// breaks become spaces (a line break could start a block: a heading, a fence, a list).
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n", "\r", "\r\n": result += " "
            default:
                if metacharacters.contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result
    }

    /// The entities `escaped` writes, and the characters they stand for.
    static let entities = ["&amp;": "&", "&lt;": "<", "&gt;": ">"]

    /// Undoes `escaped` for the terminal, where the text is shown, not rendered: backslash
    /// escapes of ASCII punctuation and the three entities.
    public static func unescaped(_ markdown: String) -> String {
        var result = ""
        var rest = Substring(markdown)
        while let first = rest.first {
            if first == "\\", let next = rest.dropFirst().first, next.isASCII, next.isPunctuation || next.isSymbol {
                result.append(next)
                rest = rest.dropFirst(2)
                continue
            }
            if first == "&", let entity = entities.first(where: { rest.hasPrefix($0.key) }) {
                result += entity.value
                rest = rest.dropFirst(entity.key.count)
                continue
            }
            result.append(first)
            rest = rest.dropFirst()
        }
        return result
    }

    /// The backtick fence for a block holding `text`: three, or one more than the longest run
    /// of backticks in it.
    public static func fence(for text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    /// `text` as a fenced code block of `language` that no line of `text` can close.
    public static func codeBlock(_ text: String, language: String = "text") -> String {
        let fence = fence(for: text)
        return fence + language + "\n" + text + "\n" + fence
    }
}
