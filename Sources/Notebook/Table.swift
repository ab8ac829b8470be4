import Foundation

/// A table with aligned columns, printed in the terminal and woven as a markdown table.
///
/// Columns whose cells all look like numbers (digits, signs, ., %, ×, e, ",", units after a
/// space) are right-aligned, so magnitudes line up.
///
/// Example:
/// ```swift
/// var table = Table(["vocabulary", "tokens", "bytes/token"])
/// table.append(["256", "1,024", "1.00"])
/// book.table(table)
/// ```
public struct Table: Sendable {
    /// The column headings.
    public var headers: [String]
    /// The rows, each with one cell per heading.
    public var rows: [[String]] = []
    /// An optional caption, printed under the table.
    public var caption: String?
    /// The columns whose cells hold text from outside the book (learned tokens, a reader's
    /// text): woven as data, every metacharacter escaped (`MarkdownText.escaped`), never as
    /// markup. Other cells are the book's own Markdown (`**bold**`, links, `code`).
    public var literalColumns: Set<Int> = []

    public init(_ headers: [String], rows: [[String]] = [], caption: String? = nil) {
        self.headers = headers
        self.rows = rows
        self.caption = caption
    }

    /// Adds a row; it must have one cell per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "a row of \(row.count) cells in a table of \(headers.count) columns")
        rows.append(row)
    }

    /// Whether column `index` is numeric (and so right-aligned).
    func isNumeric(column index: Int) -> Bool {
        let cells = rows.map { $0[index] }.filter { !$0.isEmpty && $0 != "—" && $0 != "-" }
        guard !cells.isEmpty else { return false }
        return cells.allSatisfy { cell in
            guard let first = cell.first, first.isNumber || "-+−.<≈".contains(first) else { return false }
            let head = cell.split(separator: " ").first.map(String.init) ?? cell
            return head.allSatisfy { $0.isNumber || ".,-+−%×eE<≈x/:".contains($0) }
        }
    }

    /// The table as aligned text lines for the terminal: the book's Markdown in a cell is
    /// rendered as `Prose.inline` renders it (styled only if `styled`; the heading row, bold as a
    /// whole, plain), literal columns are shown as they are.
    func renderText(indent: Int = 2, styled: Bool = Terminal.usesColor) -> String {
        let numeric = headers.indices.map { isNumeric(column: $0) }
        let headers = headers.map { Prose.inline($0, styled: false) }
        let rows = rows.map { row in
            row.indices.map { literalColumns.contains($0) ? row[$0] : Prose.inline(row[$0], styled: styled) }
        }
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(displayWidth).max() ?? 0
        }
        let margin = String(repeating: " ", count: indent)
        func line(_ cells: [String], bold: Bool = false) -> String {
            let text = cells.indices.map { padded(cells[$0], to: widths[$0], alignRight: numeric[$0]) }
                .joined(separator: "  ")
            let trimmed = text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            return margin + (bold ? Terminal.styled(trimmed, .bold) : trimmed)
        }
        var lines = [line(headers, bold: true)]
        lines.append(margin + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        lines += rows.map { line($0) }
        if let caption { lines.append(margin + Terminal.styled(Prose.inline(caption, styled: false), .dim)) }
        return lines.joined(separator: "\n")
    }

    /// The table as GitHub-flavoured markdown.
    func renderMarkdown() -> String {
        let numeric = headers.indices.map { isNumeric(column: $0) }
        func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
        func cell(_ text: String, column: Int) -> String {
            literalColumns.contains(column) ? MarkdownText.escaped(text) : escape(text)
        }
        var lines = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
        lines.append("|" + numeric.map { $0 ? "---:|" : "---|" }.joined())
        lines += rows.map { row in
            "| " + row.indices.map { cell(row[$0], column: $0) }.joined(separator: " | ") + " |"
        }
        if let caption { lines.append(""); lines.append("*" + caption + "*") }
        return lines.joined(separator: "\n")
    }
}
