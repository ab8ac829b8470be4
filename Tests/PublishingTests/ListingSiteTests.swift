import Foundation
import Testing

@testable import Publishing

/// Listings in the HTML book: highlighted by swift-syntax, each linking to a page of its file.
@Suite("Listings in the HTML book")
struct ListingSiteTests {
    static let source = """
        import Engine

        /// A layer.
        struct Layer {
            // listing: forward
            func forward(_ x: Int) -> Int {
                return x + 1  // one more
            }
            // listing: end
        }
        """

    static let page = """
        # Chapter 1 · Demo

        ## 1.1 Code

        **Listing 1.1 — the forward pass.** [Sources/Demo/Layer.swift, lines 6–8](../Sources/Demo/Layer.swift#L6-L8)

        ```swift
        func forward(_ x: Int) -> Int {
            return x + 1  // one more
        }
        ```

        A [hostile link](../../etc/passwd.swift#L1-L2) and [one outside Sources](../Package.swift#L1-L2).
        """

    /// A package in a temporary folder: Sources/Demo/Layer.swift and one chapter page.
    static func book() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-listing-\(UUID().uuidString)")
        let chapters = root.appendingPathComponent("Chapters")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Sources/Demo"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try source.write(to: root.appendingPathComponent("Sources/Demo/Layer.swift"), atomically: true, encoding: .utf8)
        try "let package = 1\nlet more = 2\n".write(
            to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        try page.write(to: chapters.appendingPathComponent("01-demo.md"), atomically: true, encoding: .utf8)
        return root
    }

    @Test("the highlighter keeps every byte and classifies keywords, numbers and comments")
    func highlighter() {
        let code = "let x = 1 // one\nfunc f() -> Tensor { \"a<b\" }"
        let runs = SwiftHighlighter.runs(code)
        #expect(runs.map(\.text).joined() == code)
        #expect(runs.contains(SwiftHighlighter.Run(text: "let", kind: "keyword")))
        #expect(runs.contains(SwiftHighlighter.Run(text: "1", kind: "number")))
        #expect(runs.contains(SwiftHighlighter.Run(text: "// one", kind: "comment")))
        #expect(runs.contains(SwiftHighlighter.Run(text: "Tensor", kind: "type")))
        // Text is escaped: a string's "<" cannot open a tag.
        #expect(SwiftHighlighter.html(code).contains("&quot;a&lt;b&quot;"))
        #expect(!SwiftHighlighter.html(code).contains("a<b"))
    }

    @Test("a whole file's lines are numbered, and a comment spanning lines stays on each")
    func numberedLines() {
        let lines = SwiftHighlighter.numberedLines("/* a\nb */\nlet x = 1\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "<span class=\"sx-comment\">/* a</span>")
        #expect(lines[1] == "<span class=\"sx-comment\">b */</span>")
    }

    @Test("a listing is highlighted and links to its file's page, at its first line")
    func listingPage() throws {
        let root = try Self.book()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = BookSite(chaptersDirectory: root.appendingPathComponent("Chapters"))
        let report = try site.write()
        #expect(report.pages.contains("source.Demo.Layer.swift.html"))
        let chapter = try String(contentsOf: site.siteDirectory.appendingPathComponent("01-demo.html"), encoding: .utf8)
        #expect(chapter.contains("<pre class=\"listing\"><code class=\"language-swift\">"))
        #expect(chapter.contains("<span class=\"sx-keyword\">func</span>"))
        #expect(chapter.contains("href=\"source.Demo.Layer.swift.html#L6\""))
        #expect(chapter.contains("<p class=\"listing-caption\" id=\"listing-1-1\">"))
        let file = try String(
            contentsOf: site.siteDirectory.appendingPathComponent("source.Demo.Layer.swift.html"), encoding: .utf8)
        #expect(file.contains("id=\"L6\""))
        #expect(file.contains("<span class=\"sx-doc\">/// A layer.</span>"))
        // The one broken link is the page's own dangling one, not the listing's.
        let broken = try BookSite.brokenLinks(in: site.siteDirectory)
        #expect(broken.count == 1 && broken.first?.contains("passwd.swift") == true, "\(broken)")
    }

    @Test("only Swift files inside Sources/ become pages: other links are left as links")
    func onlySources() throws {
        let root = try Self.book()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = BookSite(chaptersDirectory: root.appendingPathComponent("Chapters"))
        let report = try site.write()
        #expect(report.pages.filter { $0.hasPrefix("source.") } == ["source.Demo.Layer.swift.html"])
        let names = try FileManager.default.contentsOfDirectory(atPath: site.siteDirectory.path)
        #expect(!names.contains { $0.contains("passwd") || $0.contains("Package") })
    }
}
