import Foundation
import Notebook
import Testing

@testable import Publishing

// a page woven from hostile strings (a reader's corpus, its file name, learned
// tokens) and turned into the HTML book holds no element and no file the book did not make.

/// Every Markdown and HTML metacharacter, fences, comments, links and images.
private func hostile(_ privateFile: String) -> String {
    "```\n<svg onload=alert(1)>\n```` ~~~\n<!-- comment --> <script>alert(1)</script>\n"
        + "![a](\(privateFile)) [link](javascript:alert(1)) <https://example.com> "
        + "**bold** *em* _u_ `code` | cell | # heading\n- item\n1. item\n> quote\n"
        + "&amp; &lt;b&gt; \\* <img src=x onerror=alert(1)> \"quote' [ref]: /x"
}

/// Weaves one page from `text` the ways a chapter places outside text: as output, in prose
/// and a cell label (escaped), in a table's literal column and a result.
private func weave(_ text: String, chapter: Int, slug: String, root: URL) {
    let options = try! ChapterOptions.parse(["--no-figures"])
    let book = Notebook(chapter: chapter, slug: slug, title: "Page", summary: "Summary.", options: options, root: root)
    book.section("Outside text")
    book.prose("The text is your file \(MarkdownText.escaped(text)), tokenized.")
    book.cell("Training on \(MarkdownText.escaped(text))")
    book.output(text)
    var table = Table(["id", "spells"])
    table.literalColumns = [1]
    table.append(["256", "⟨" + text + "⟩"])
    book.table(table)
    book.result("a token", "⟨\(MarkdownText.escaped(text))⟩")
    book.finish()
}

/// How many times each element appears in the page's `<main>`.
private func elements(_ html: String) -> [String: Int] {
    let main = (html.components(separatedBy: "<main").dropFirst().first ?? html)
        .components(separatedBy: "</main>")[0]
    var counts: [String: Int] = [:]
    let regex = try! NSRegularExpression(pattern: "<([a-zA-Z][a-zA-Z0-9-]*)")
    let range = NSRange(main.startIndex..., in: main)
    for match in regex.matches(in: main, range: range) {
        counts[String(main[Range(match.range(at: 1), in: main)!]).lowercased(), default: 0] += 1
    }
    return counts
}

@Test func aPageOfHostileStringsHasOnlyTheElementsOfAPlainOne() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-hostile-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let root = base.appendingPathComponent("book")
    let secret = base.appendingPathComponent("private/notes.txt")
    try FileManager.default.createDirectory(at: secret.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("secret".utf8).write(to: secret)
    try FileManager.default.createDirectory(
        at: root.appendingPathComponent("Figures"),
        withIntermediateDirectories: true)

    weave(hostile("../../private/notes.txt"), chapter: 1, slug: "hostile", root: root)
    weave("plain words", chapter: 2, slug: "plain", root: root)
    let site = root.appendingPathComponent("html")
    let report = try BookSite(chaptersDirectory: root.appendingPathComponent("Chapters"), siteDirectory: site).write()

    let hostilePage = try String(contentsOf: site.appendingPathComponent("01-hostile.html"), encoding: .utf8)
    let plainPage = try String(contentsOf: site.appendingPathComponent("02-plain.html"), encoding: .utf8)
    #expect(elements(hostilePage) == elements(plainPage))
    // Only as text: "&lt;svg", never a tag (the words "onerror=" may stand in text, inert).
    for markup in ["<svg", "<script", "<img", "<!--", "href=\"javascript", "<em>u", "<li>", "<del>", "<h3"] {
        #expect(!hostilePage.contains(markup), "\(markup) in the page")
    }
    #expect(report.figures == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("figures").path).isEmpty)
}

@Test func theSiteCopiesOnlyFilesUnderFigures() throws {
    // Even the book's own Markdown cannot carry a file from outside Figures/ into the site.
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-figures-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let root = base.appendingPathComponent("book")
    let chapters = root.appendingPathComponent("Chapters")
    try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
        at: root.appendingPathComponent("Figures"),
        withIntermediateDirectories: true)
    try Data("secret".utf8).write(to: base.appendingPathComponent("notes.txt"))
    try Data("source".utf8).write(to: root.appendingPathComponent("Package.swift"))
    // A symbolic link inside Figures/ that points out of it is refused too.
    try FileManager.default.createSymbolicLink(
        at: root.appendingPathComponent("Figures/link.png"),
        withDestinationURL: base.appendingPathComponent("notes.txt"))
    let page = "# Chapter 1 · Leak\n\n![a](../../notes.txt)\n\n![b](../Package.swift)\n\n![c](../Figures/link.png)\n"
    try Data(page.utf8).write(to: chapters.appendingPathComponent("01-leak.md"))
    let site = root.appendingPathComponent("html")
    let report = try BookSite(chaptersDirectory: chapters, siteDirectory: site).write()
    #expect(report.figures == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("figures").path).isEmpty)
    #expect(report.warnings.filter { $0.contains("not copied") }.count == 3)
    let html = try String(contentsOf: site.appendingPathComponent("01-leak.html"), encoding: .utf8)
    #expect(!html.contains("<img"))
}
