import Foundation

/// What the woven markdown needs before Ink reads it.
///
/// The chapters set formulas and code apart the classic way, by indenting them four spaces
/// (`    A = U Σ Vᵀ`). Ink 0.6.0 reads fenced code blocks only, so an indented block would come
/// out as a paragraph with its line breaks and alignment lost. Each indented block that starts
/// after a blank line, outside a fence, becomes a fenced block of the made-up language
/// `display`, which the renderer sets as a display block.
///
/// The chapters also write subscripts with underscores (`d_k`, `‖A − A_k‖_F`). GitHub's
/// markdown leaves an underscore inside a word alone; Ink would pair two of them into
/// emphasis, so those underscores are escaped first. Likewise code-like text in prose such as
/// `u[r][i]`: Ink reads `[r][i]` as a reference-style link to "i" (GitHub does not, without a
/// definition), so a `[` right after a `]` is escaped.
///
/// Example:
/// ```swift
/// MarkdownPreparation.prepared("σ_Jacobi − σ_LAPACK") // "σ\\_Jacobi − σ\\_LAPACK"
/// MarkdownPreparation.fencingIndentedBlocks("Text:\n\n    A = U Σ Vᵀ\n\nMore.")
/// // "Text:\n\n```display\nA = U Σ Vᵀ\n```\n\nMore."
/// ```
enum MarkdownPreparation {
    /// The language name given to blocks that were indented in the woven page.
    static let displayLanguage = "display"

    /// The woven page made ready for Ink: indented blocks fenced, intraword underscores escaped.
    static func prepared(_ markdown: String) -> String {
        escapingIntrawordUnderscores(fencingIndentedBlocks(markdown))
    }

    /// Escapes each `_` that has a non-space character on both sides (a subscript, not
    /// emphasis), and each `[` right after a `]` (an index, not a reference link), outside
    /// fenced blocks, code spans and link targets.
    static func escapingIntrawordUnderscores(_ markdown: String) -> String {
        var lines: [String] = []
        var fence = CodeFence()
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let isFence = fence.consume(line)
            guard !fence.isInside, !isFence, line.contains("_") || line.contains("][") else {
                lines.append(String(line))
                continue
            }
            let characters = Array(line)
            var escaped = ""
            var inCode = false, inTarget = false
            for (index, character) in characters.enumerated() {
                switch character {
                case "`" where !inTarget: inCode.toggle()
                case "(" where !inCode && index > 0 && characters[index - 1] == "]": inTarget = true
                case ")" where inTarget: inTarget = false
                case "_"
                where !inCode && !inTarget && index > 0 && index + 1 < characters.count
                    && !characters[index - 1].isWhitespace && !characters[index + 1].isWhitespace
                    && characters[index - 1] != "\\":
                    escaped.append("\\")
                case "[" where !inCode && !inTarget && index > 0 && characters[index - 1] == "]":
                    escaped.append("\\")
                default: break
                }
                escaped.append(character)
            }
            lines.append(escaped)
        }
        return lines.joined(separator: "\n")
    }

    /// Rewrites every indented block (four spaces, after a blank line, outside a fence) as a
    /// fenced block of language ``displayLanguage``. A blank line ends the block.
    static func fencingIndentedBlocks(_ markdown: String) -> String {
        var lines: [Substring] = []
        var fence = CodeFence()
        var inIndented = false, previousBlank = true
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if inIndented {
                if line.hasPrefix("    "), !blank {
                    lines.append(line.dropFirst(4))
                    continue
                }
                lines.append("```")
                inIndented = false
            }
            if fence.consume(line) {
                // a fence opened or closed; its line is kept as it is
            } else if !fence.isInside, previousBlank, line.hasPrefix("    "), !blank {
                lines.append("```" + displayLanguage)
                lines.append(line.dropFirst(4))
                inIndented = true
                previousBlank = false
                continue
            }
            lines.append(line)
            previousBlank = blank
        }
        if inIndented { lines.append("```") }
        return lines.joined(separator: "\n")
    }
}
