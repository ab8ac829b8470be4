import Foundation

/// The site's front page, made from Chapters/README.md.
///
/// README.md lists the chapters in a five-column table (number, chapter, summary, figures, run),
/// which reads well on a wide screen and on GitHub but is cramped on a phone. The site keeps the
/// README's words before and after the table and sets the table's rows as a list of chapters —
/// number, linked title, summary, then the figures and the command — which fits any width.
/// A README without such a table is rendered as it is.
enum ContentsPage {
    /// The HTML of the contents page's `<main>`.
    static func html(readme: String, renderer: PageRenderer) -> (html: String, warnings: [String]) {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("|") }) else {
            let page = renderer.render(readme)
            return (page.html, page.warnings)
        }
        let end = lines[start...].firstIndex { !$0.hasPrefix("|") } ?? lines.endIndex
        let rows = lines[start..<end].map(cells)
        guard rows.count > 2, let header = rows.first else {
            let page = renderer.render(readme)
            return (page.html, page.warnings)
        }
        func column(_ name: String, otherwise fallback: Int) -> Int {
            header.firstIndex { $0.lowercased() == name } ?? fallback
        }
        let number = column("#", otherwise: 0), chapter = column("chapter", otherwise: 1)
        let summary = column("summary", otherwise: 2), figures = column("figures", otherwise: 3)
        let run = column("run", otherwise: 4)

        var items: [String] = []
        for row in rows.dropFirst(2) {
            func cell(_ index: Int) -> String { index < row.count ? row[index] : "" }
            let title = cell(chapter), isWritten = title.contains("](")
            var meta: [String] = []
            if let count = Int(cell(figures)) { meta.append(count == 1 ? "1 figure" : "\(count) figures") }
            if cell(run).hasPrefix("`") { meta.append(inline(cell(run), renderer)) }
            items.append(
                "<li\(isWritten ? "" : " class=\"coming\"")><span class=\"number\">"
                    + PageTemplate.escaped(cell(number)) + "</span><div>"
                    + "<p class=\"title\">" + inline(title, renderer) + "</p>"
                    + "<p class=\"summary\">" + inline(cell(summary), renderer) + "</p>"
                    + (meta.isEmpty ? "" : "<p class=\"meta\">" + meta.joined(separator: " · ") + "</p>")
                    + "</div></li>")
        }
        let before = renderer.render(lines[..<start].joined(separator: "\n"))
        let after = renderer.render(lines[end...].joined(separator: "\n"))
        let list = "<ol class=\"chapters\">" + items.joined() + "</ol>"
        return (before.html + list + after.html, before.warnings + after.warnings)
    }

    /// The cells of a table row: "| 1 | a \| b |" → ["1", "a | b"].
    static func cells(_ row: Substring) -> [String] {
        var cells: [String] = [], current = "", previous: Character = " "
        for character in row.dropFirst() {
            if character == "|", previous != "\\" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else if character == "|" {
                current.removeLast()
                current.append(character)
            } else {
                current.append(character)
            }
            previous = character
        }
        return cells
    }

    /// A cell's inline markdown as HTML, without the paragraph Ink puts around it.
    private static func inline(_ markdown: String, _ renderer: PageRenderer) -> String {
        let html = renderer.render(markdown).html
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>") else { return html }
        return String(html.dropFirst(3).dropLast(4))
    }
}
