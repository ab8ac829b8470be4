import Foundation
import Testing

@testable import Notebook

// text from outside the book is data in a woven page, never markup.

@Test func aFenceIsLongerThanAnyBacktickRunInside() {
    #expect(MarkdownText.fence(for: "plain") == "```")
    #expect(MarkdownText.fence(for: "a\n```\nb") == "````")
    #expect(MarkdownText.fence(for: "``````") == "```````")
    let sample = String(repeating: "\n```\n<svg onload=alert(1)>\n", count: 3)
    let block = MarkdownText.codeBlock(sample)
    let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
    // Only the first and last lines start with the fence's length of backticks.
    let fence = MarkdownText.fence(for: sample)
    #expect(lines.filter { $0.prefix { $0 == "`" }.count >= fence.count }.count == 2)
}

@Test func inlineTextIsEscapedAndReadsBackUnchanged() {
    let hostile = "notes/<img src=x onerror=alert(1)>.txt ![a](../../x) *b* _c_ `d` [e]: #f | & \\"
    let escaped = MarkdownText.escaped(hostile)
    for raw in ["<", ">", "![", "](", "*b*", "_c_", "`d`"] { #expect(!escaped.contains(raw), "\(raw) in \(escaped)") }
    #expect(MarkdownText.unescaped(escaped) == hostile)
    #expect(MarkdownText.escaped("the story world") == "the story world")  // the book's own names unchanged
    #expect(MarkdownText.escaped("a\nb") == "a b")
}

@Test func outputWithAFenceOfItsOwnStaysOneBlock() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-fence-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let options = try ChapterOptions.parse(["--no-figures"])
    let book = Notebook(chapter: 9, slug: "fence", title: "Fence", summary: "s", options: options, root: root)
    book.output("before\n```\n<svg onload=alert(1)>\nafter")
    var table = Table(["token", "count"])
    table.literalColumns = [0]
    table.append(["<b>|**x**", "1"])
    book.table(table)
    book.finish()
    let page = try String(contentsOf: root.appendingPathComponent("Chapters/09-fence.md"), encoding: .utf8)
    #expect(page.contains("````text\nbefore\n```\n<svg onload=alert(1)>\nafter\n````"))
    #expect(page.contains("| &lt;b&gt;\\|\\*\\*x\\*\\* | 1 |"))
}
