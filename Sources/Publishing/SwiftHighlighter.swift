import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

/// Swift source as highlighted HTML, classified by swift-syntax (the compiler's own parser and
/// the classifier SourceKit uses), not by a lexer of the book's own.
///
/// Each classified run becomes `<span class="sx-KIND">…</span>` (keyword, type, string, number,
/// comment, attribute, …); text is HTML-escaped. A listing is often a fragment (a function, a
/// few statements); the parser recovers from what is missing around it, and every byte of the
/// input is kept, so the shown code is exactly the listing.
///
/// Example:
/// ```swift
/// SwiftHighlighter.html("let x = 1 // one")
/// // "<span class=\"sx-keyword\">let</span> x = <span class=\"sx-number\">1</span> <span class=\"sx-comment\">// one</span>"
/// ```
enum SwiftHighlighter {
    /// One run of source text and the class it is shown with (nil: plain).
    struct Run: Equatable {
        var text: String
        var kind: String?
    }

    /// The source split into classified runs; concatenated, their texts are `source` exactly.
    static func runs(_ source: String) -> [Run] {
        let tree = Parser.parse(source: source)
        let bytes = Array(source.utf8)
        var runs: [Run] = []
        var position = 0
        func append(_ range: Range<Int>, _ kind: String?) {
            guard !range.isEmpty else { return }
            let text = String(decoding: bytes[range], as: UTF8.self)
            if let last = runs.last, last.kind == kind {
                runs[runs.count - 1].text += text
            } else {
                runs.append(Run(text: text, kind: kind))
            }
        }
        for classified in tree.classifications {
            let start = min(max(classified.range.lowerBound.utf8Offset, position), bytes.count)
            let end = min(classified.range.upperBound.utf8Offset, bytes.count)
            append(position..<start, nil)
            if start < end { append(start..<end, className(classified.kind)) }
            position = max(position, end)
        }
        append(position..<bytes.count, nil)
        return runs
    }

    /// The source as HTML with highlighting spans.
    static func html(_ source: String) -> String {
        runs(source).map { run in
            let text = escaped(run.text)
            return run.kind.map { "<span class=\"sx-\($0)\">" + text + "</span>" } ?? text
        }.joined()
    }

    /// The source as HTML, one `<span class="line" id="L…">` per line (1-based), with spans
    /// closed and reopened at line ends so each line stands alone (for a whole file's page).
    static func numberedLines(_ source: String) -> [String] {
        var lines: [String] = [""]
        for run in runs(source) {
            let pieces = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index > 0 { lines.append("") }
                guard !piece.isEmpty else { continue }
                let text = escaped(String(piece))
                lines[lines.count - 1] += run.kind.map { "<span class=\"sx-\($0)\">" + text + "</span>" } ?? text
            }
        }
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The CSS class for a kind of syntax; nil for plain text (identifiers, punctuation).
    static func className(_ kind: SyntaxClassification) -> String? {
        switch kind {
        case .keyword, .ifConfigDirective: "keyword"
        case .type: "type"
        case .stringLiteral, .regexLiteral: "string"
        case .integerLiteral, .floatLiteral: "number"
        case .lineComment, .blockComment: "comment"
        case .docLineComment, .docBlockComment: "doc"
        case .attribute: "attribute"
        case .operator: "operator"
        case .argumentLabel: "label"
        default: nil
        }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
