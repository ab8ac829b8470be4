import Foundation
import Ink
import Testing

@testable import Publishing

/// A small woven book in a temporary folder: two chapters, README.md and one figure, shaped the
/// way Notebook weaves them (headings, a cell, output, a table, a figure and its caption, a
/// formula indented four spaces, links between pages).
private struct SmallBook {
    let root: URL
    var chapters: URL { root.appendingPathComponent("Chapters") }
    var site: URL { chapters.appendingPathComponent("html") }

    static let chapterOne = """
        # Chapter 1 · Demo

        *A chapter to test the site with.*

        > This page was written by `swift run chapter01-demo` with seed 42.

        ## 1.1 First section

        The key is d_k and the weight W_Q; **bold** and *emphasis* stay. Next: [chapter 2](02-next.md), \
        or the [contents](README.md), or [this section](#1-1-first-section).

            A = U Σ Vᵀ

        **▸ [1.1.1] Tokens**

        ```text
        <|endoftext|> & more
        ```

        ★ **loss:** 1.25

        | k | error | note |
        |---:|---:|---|
        | 1 | 0.5 | a \\| b |
        | 2 | 0.25 | c |

        ![A plot of the loss](../Figures/01-demo-plot.png)

        *Figure 1.1 — The loss falls.*

        ## 1.2 Exercises

        Write it.
        """

    static let chapterTwo =
        "# Chapter 2 · Next\n\n*The second.*\n\n## 2.1 Only section\n\n"
        + "Back to [one](01-demo.md).\n"

    static let readme = """
        # Tailor — the book

        Each chapter below was written by running it.

        | # | chapter | summary | figures | run |
        |---:|---|---|---:|---|
        | 1 | [Demo](01-demo.md) | A chapter to test the site with. | 1 | `swift run chapter01-demo` |
        | 2 | [Next](02-next.md) | The second. | 0 | `swift run chapter02-next` |
        | 3 | Later | *coming* | — | — |

        Regenerate everything with `swift run book`.
        """

    /// The header of a 640×480 PNG (signature and IHDR chunk) and its end: enough for the site.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
        0, 0, 2, 128, 0, 0, 1, 224, 8, 6, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-site-\(UUID().uuidString)")
        let figures = root.appendingPathComponent("Figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        try Self.chapterOne.write(to: chapters.appendingPathComponent("01-demo.md"), atomically: true, encoding: .utf8)
        try Self.chapterTwo.write(to: chapters.appendingPathComponent("02-next.md"), atomically: true, encoding: .utf8)
        try Self.readme.write(to: chapters.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try Data(Self.png).write(to: figures.appendingPathComponent("01-demo-plot.png"))
    }

    func page(_ name: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite("The HTML book")
struct BookSiteTests {
    @Test("writes one page per chapter, the contents, the stylesheet and the figures")
    func writesTheSite() throws {
        let book = try SmallBook()
        defer { book.remove() }
        let report = try BookSite(chaptersDirectory: book.chapters).write()
        #expect(report.pages == ["index.html", "01-demo.html", "02-next.html"])
        #expect(report.figures == 1)
        #expect(report.warnings.isEmpty)
        for file in ["index.html", "01-demo.html", "02-next.html", "style.css", "figures/01-demo-plot.png"] {
            #expect(FileManager.default.fileExists(atPath: book.site.appendingPathComponent(file).path), "\(file)")
        }
        #expect(try BookSite.brokenLinks(in: book.site).isEmpty)
    }

    @Test("headings get anchors; paragraphs, cells and results keep their kind")
    func headingsAndParagraphs() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let html = try book.page("01-demo.html")
        #expect(html.contains("<title>Chapter 1 · Demo — Tailor</title>"))
        #expect(html.contains("<h1 id=\"chapter-1-demo\">Chapter 1 · Demo</h1>"))
        #expect(html.contains("<h2 id=\"1-1-first-section\">1.1 First section</h2>"))
        #expect(html.contains("<h2 id=\"1-2-exercises\">1.2 Exercises</h2>"))
        #expect(html.contains("<p class=\"cell\"><strong>▸ [1.1.1] Tokens</strong></p>"))
        #expect(html.contains("<p class=\"result\">★ <strong>loss:</strong> 1.25</p>"))
        // Subscripts written with underscores are not emphasis; real emphasis still is.
        #expect(html.contains("The key is d_k and the weight W_Q; <strong>bold</strong> and <em>emphasis</em> stay."))
    }

    @Test("a table scrolls in its box, keeps its alignment and its escaped pipe")
    func tables() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let html = try book.page("01-demo.html")
        #expect(html.contains("<div class=\"table-scroll\"><table><thead><tr><th align=\"right\">k</th>"))
        #expect(html.contains("<td align=\"right\">0.25</td>"))
        #expect(html.contains("<td>a | b</td>"))
    }

    @Test("a figure is copied, sized from its PNG, captioned and opens at full size")
    func figures() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let html = try book.page("01-demo.html")
        #expect(
            html.contains(
                "<figure><a href=\"figures/01-demo-plot.png\"><img src=\"figures/01-demo-plot.png\" "
                    + "alt=\"A plot of the loss\" width=\"640\" height=\"480\"></a>"
                    + "<figcaption>Figure 1.1 — The loss falls.</figcaption></figure>"))
        let copied = try Data(contentsOf: book.site.appendingPathComponent("figures/01-demo-plot.png"))
        #expect([UInt8](copied) == SmallBook.png)
    }

    @Test("code is escaped; an indented formula becomes a display block")
    func codeAndFormulas() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let html = try book.page("01-demo.html")
        #expect(html.contains("<pre><code class=\"language-text\">&lt;|endoftext|&gt; &amp; more\n</code></pre>"))
        #expect(html.contains("<pre class=\"display\"><code>A = U Σ Vᵀ\n</code></pre>"))
    }

    @Test("links between pages point at the HTML pages")
    func links() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let one = try book.page("01-demo.html"), two = try book.page("02-next.html")
        #expect(one.contains("<a href=\"02-next.html\">chapter 2</a>"))
        #expect(one.contains("<a href=\"index.html\">contents</a>"))
        #expect(one.contains("<a href=\"#1-1-first-section\">this section</a>"))
        #expect(two.contains("<a href=\"01-demo.html\">one</a>"))
        #expect(!one.contains(".md\""))
    }

    @Test("previous, contents and next lead through the book in order")
    func navigation() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let index = try book.page("index.html"), one = try book.page("01-demo.html")
        let two = try book.page("02-next.html")
        #expect(one.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(one.contains("<link rel=\"stylesheet\" href=\"style.css\">"))
        #expect(one.contains("rel=\"prev\" href=\"index.html\""))
        #expect(one.contains("rel=\"next\" href=\"02-next.html\""))
        #expect(one.contains("<span class=\"title\">Chapter 2 · Next</span>"))
        #expect(one.contains("class=\"contents\" href=\"index.html\""))
        #expect(two.contains("rel=\"prev\" href=\"01-demo.html\""))
        #expect(!two.contains("rel=\"next\""))
        #expect(index.contains("rel=\"next\" href=\"01-demo.html\""))
        #expect(!index.contains("rel=\"prev\""))
    }

    @Test("the contents page lists the README's chapters, written and coming")
    func contents() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let index = try book.page("index.html")
        #expect(index.contains("<p>Each chapter below was written by running it.</p><ol class=\"chapters\">"))
        #expect(
            index.contains(
                "<li><span class=\"number\">1</span><div><p class=\"title\">"
                    + "<a href=\"01-demo.html\">Demo</a></p><p class=\"summary\">A chapter to test the "
                    + "site with.</p><p class=\"meta\">1 figure · <code>swift run chapter01-demo</code>"
                    + "</p></div></li>"))
        #expect(index.contains("<li class=\"coming\"><span class=\"number\">3</span>"))
        #expect(index.contains("<p>Regenerate everything with <code>swift run book</code>.</p>"))
    }

    @Test("a figure that was not drawn is reported and named on the page, not shown broken")
    func missingFigure() throws {
        let book = try SmallBook()
        defer { book.remove() }
        try FileManager.default.removeItem(at: book.root.appendingPathComponent("Figures/01-demo-plot.png"))
        let report = try BookSite(chaptersDirectory: book.chapters).write()
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.hasPrefix("01-demo.md: figure ../Figures/01-demo-plot.png not found") == true)
        #expect(report.figures == 0)
        let html = try book.page("01-demo.html")
        #expect(html.contains("<span class=\"missing-figure\">Figure not drawn: A plot of the loss."))
        #expect(html.contains("<code>gnuplot 01-demo-plot.gp</code>"))
        #expect(!html.contains("<img"))
        #expect(try BookSite.brokenLinks(in: book.site).isEmpty)
    }

    @Test("the link check finds a page that points to a missing page or image")
    func brokenLinks() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        try FileManager.default.removeItem(at: book.site.appendingPathComponent("02-next.html"))
        try FileManager.default.removeItem(at: book.site.appendingPathComponent("figures/01-demo-plot.png"))
        let broken = try BookSite.brokenLinks(in: book.site)
        #expect(broken.contains { $0.hasPrefix("01-demo.html: src=\"figures/01-demo-plot.png\"") })
        #expect(broken.contains { $0.hasPrefix("01-demo.html: href=\"02-next.html\"") })
        #expect(broken.contains { $0.hasPrefix("index.html: href=\"02-next.html\"") })
    }

    @Test("a fragment that names no id is a broken link")
    func brokenFragment() throws {
        let book = try SmallBook()
        defer { book.remove() }
        _ = try BookSite(chaptersDirectory: book.chapters).write()
        let page = book.site.appendingPathComponent("02-next.html")
        let html = try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: "href=\"01-demo.html\">one", with: "href=\"01-demo.html#nowhere\">one")
        try html.write(to: page, atomically: true, encoding: .utf8)
        #expect(
            try BookSite.brokenLinks(in: book.site) == [
                "02-next.html: href=\"01-demo.html#nowhere\" → no id \"nowhere\" in 01-demo.html"
            ])
    }

    @Test("rewriting replaces the old site whole")
    func rewriting() throws {
        let book = try SmallBook()
        defer { book.remove() }
        let site = BookSite(chaptersDirectory: book.chapters)
        _ = try site.write()
        try "stale".write(to: book.site.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)
        _ = try site.write()
        #expect(!FileManager.default.fileExists(atPath: book.site.appendingPathComponent("stale.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: book.chapters.path)
            .filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("no woven chapters: one clear error, nothing written")
    func nothingToPublish() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: PublishingError.nothingToPublish(folder.standardizedFileURL.path)) {
            try BookSite(chaptersDirectory: folder).write()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("the committed book renders with every figure found and every link resolving")
    func theCommittedBook() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let chapters = repository.appendingPathComponent("Chapters")
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("tailor-book-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        // Written outside the repository: figures are copied in, so the site stands on its own.
        let report = try BookSite(chaptersDirectory: chapters, siteDirectory: site).write()
        #expect(report.warnings.isEmpty)
        #expect(report.pages.count >= 2)
        #expect(try BookSite.brokenLinks(in: site).isEmpty)
        for page in report.pages.dropFirst() {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            #expect(!html.contains(".md\""), "\(page) links to markdown")
            #expect(!html.contains("<em>F"), "\(page) turned a subscript into emphasis")
        }
    }
}

@Suite("Preparing woven markdown for Ink")
struct MarkdownPreparationTests {
    @Test("indented blocks become display blocks; fenced blocks are left alone")
    func indentedBlocks() {
        let markdown = "Text:\n\n    A = U Σ Vᵀ\n      aligned\n\nMore.\n\n```text\n    kept\n```"
        #expect(
            MarkdownPreparation.fencingIndentedBlocks(markdown)
                == "Text:\n\n```display\nA = U Σ Vᵀ\n  aligned\n```\n\nMore.\n\n```text\n    kept\n```")
    }

    @Test("intraword underscores are escaped, outside code and link targets")
    func underscores() {
        #expect(
            MarkdownPreparation.escapingIntrawordUnderscores("σ_Jacobi − σ_LAPACK and _emphasis_")
                == "σ\\_Jacobi − σ\\_LAPACK and _emphasis_")
        #expect(MarkdownPreparation.escapingIntrawordUnderscores("`d_k` [x_1](a_b.md)") == "`d_k` [x\\_1](a_b.md)")
        #expect(MarkdownPreparation.escapingIntrawordUnderscores("```\nd_k\n```") == "```\nd_k\n```")
    }

    @Test("an index such as u[r][i] in prose is not read as a reference link")
    func indexBrackets() throws {
        #expect(
            MarkdownPreparation.escapingIntrawordUnderscores("Σ u[r][i] · v[i][c], `a[b][c]`")
                == "Σ u[r]\\[i] · v[i]\\[c], `a[b][c]`")
        let html = MarkdownParser().html(from: MarkdownPreparation.prepared("entry u[r][i] here"))
        #expect(!html.contains("<a "), "\(html)")
    }

    @Test("slugs: lower-case ASCII letters and digits joined by single hyphens")
    func slugs() {
        #expect(PageRenderer.slug("4.1 Rotate, stretch, rotate") == "4-1-rotate-stretch-rotate")
        #expect(PageRenderer.slug("Chapter 4 · SVD: the low-rank lens") == "chapter-4-svd-the-low-rank-lens")
    }
}
