import FileSafety
import Foundation
import Ink

/// Turns one woven markdown page into the HTML that goes inside its `<main>`.
///
/// Ink does the markdown; modifiers add what a site of the book needs on top of it:
/// - links between pages: `04-svd.md` → `04-svd.html`, `README.md` → `index.html`; any other
///   relative link is re-aimed from the markdown's folder to the site's folder;
/// - figures: an image on a line of its own becomes a `<figure>` whose `<figcaption>` is the
///   woven "*Figure N.M — …*" line after it; its PNG is noted for copying into `figures/`,
///   and its width and height are read from the PNG so the page does not jump as it loads; a
///   figure whose PNG was not drawn is named in a note instead of a broken image;
/// - anchors: every heading gets an `id` made from its text (`4.1 Rotate` → `4-1-rotate`);
/// - tables sit in a box that scrolls sideways on a narrow screen;
/// - the book's own paragraph kinds get a class: a cell's label (`▸`), a key result (`★`).
///
/// Example:
/// ```swift
/// let renderer = PageRenderer(sourceDirectory: chapters, siteDirectory: chapters.appendingPathComponent("html"))
/// let page = renderer.render("# Chapter 1 · Tokens\n\nSee [chapter 2](02-attention.md).")
/// // page.html: "<h1 id=\"chapter-1-tokens\">Chapter 1 · Tokens</h1><p>See <a href=\"02-attention.html\">…"
/// ```
struct PageRenderer {
    /// The folder the markdown page is in: its relative links and images start there.
    let sourceDirectory: URL
    /// The folder the HTML page will be in.
    let siteDirectory: URL
    /// The folder inside the site that figures are copied to.
    static let figuresFolder = "figures"

    /// A rendered page: its HTML, the figures it shows (name in `figures/` → source PNG) and
    /// anything a reader of the site would find broken (a missing figure).
    struct Page {
        var html: String
        var figures: [String: URL]
        var warnings: [String]
        /// The book's source files its listings link to: page name in the site → the file.
        var sources: [String: URL] = [:]
    }

    /// What the modifiers collect while Ink renders (Ink's modifiers are plain closures).
    private final class Collector {
        var figures: [String: URL] = [:]
        var warnings: [String] = []
        var usedIdentifiers: Set<String> = []
        var sources: [String: URL] = [:]
    }

    /// Renders a woven page; see the type's documentation for what changes on the way.
    func render(_ markdown: String) -> Page {
        let collector = Collector()
        var parser = MarkdownParser()
        parser.addModifier(
            Modifier(target: .links) { html, markdown in
                rewritingLink(html: html, markdown: markdown, collector: collector)
            })
        parser.addModifier(
            Modifier(target: .images) { html, markdown in
                rewritingImage(html: html, markdown: markdown, collector: collector)
            })
        parser.addModifier(
            Modifier(target: .headings) { html, markdown in
                Self.anchoringHeading(html: html, markdown: markdown, used: &collector.usedIdentifiers)
            })
        parser.addModifier(
            Modifier(target: .tables) { html, _ in
                "<div class=\"table-scroll\">" + html + "</div>"
            })
        parser.addModifier(
            Modifier(target: .codeBlocks) { html, markdown in
                if let code = Self.swiftCode(inBlock: markdown) {
                    // A listing of the book's source: highlighted by swift-syntax.
                    return "<pre class=\"listing\"><code class=\"language-swift\">" + SwiftHighlighter.html(code)
                        + "</code></pre>"
                }
                let display = "<pre><code class=\"language-\(MarkdownPreparation.displayLanguage)\">"
                guard markdown.hasPrefix("```" + MarkdownPreparation.displayLanguage), html.hasPrefix(display) else {
                    return html
                }
                return "<pre class=\"display\"><code>" + html.dropFirst(display.count)
            })
        parser.addModifier(
            Modifier(target: .paragraphs) { html, markdown in
                Self.classifyingParagraph(html: html, markdown: markdown)
            })
        let prepared = MarkdownPreparation.prepared(markdown)
        let html = Self.joiningCaptions(parser.html(from: prepared))
        return Page(
            html: html, figures: collector.figures, warnings: collector.warnings, sources: collector.sources)
    }

    /// The code inside a fenced ```` ```swift ```` block, or nil for any other block.
    static func swiftCode(inBlock markdown: Substring) -> String? {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let fence = first.prefix(while: { $0 == "`" })
        guard fence.count >= 3, first.dropFirst(fence.count) == "swift" else { return nil }
        var body = lines.dropFirst()
        while let last = body.last, last.trimmingCharacters(in: .whitespaces).isEmpty || last == fence {
            body = body.dropLast()
            if last == fence { break }
        }
        return body.joined(separator: "\n")
    }

    // MARK: - Links

    /// Where a link of the woven page points from the site: pages to pages, anything else
    /// relative re-aimed from the markdown's folder; absolute URLs and fragments unchanged.
    func siteTarget(for target: String) -> String {
        if target.isEmpty || target.hasPrefix("#") || target.hasPrefix("/") || Self.hasScheme(target) {
            return target
        }
        let (path, fragment) = Self.splittingFragment(target)
        if path == "README.md" { return "index.html" + fragment }
        if Self.isChapterPage(path) { return String(path.dropLast(3)) + ".html" + fragment }
        let resolved = sourceDirectory.appendingPathComponent(path).standardizedFileURL
        return RelativePath.from(siteDirectory, to: resolved) + fragment
    }

    private func rewritingLink(html: String, markdown: Substring, collector: Collector) -> String {
        guard let target = Self.attribute("href", in: html) else { return html }
        if let (page, file, fragment) = sourcePage(for: target) {
            collector.sources[page] = file
            return html.replacingOccurrences(of: "href=\"\(target)\"", with: "href=\"\(page)\(fragment)\"")
        }
        return html.replacingOccurrences(of: "href=\"\(target)\"", with: "href=\"\(siteTarget(for: target))\"")
    }

    /// The package root: the folder that holds Chapters/ (and Sources/).
    var packageRoot: URL { figuresRoot.deletingLastPathComponent() }

    /// A link to one of the book's Swift files (a listing's "lines a–b" link) becomes a link to
    /// that file's page in the site, which shows the whole file highlighted with numbered lines.
    /// Only `.swift` files inside the package's Sources/ qualify (symbolic links resolved), so a
    /// page cannot carry any other file of the reader's into the site.
    ///
    /// - Returns: the page's name ("source.Adapters.LoRA.LoRALinear.swift.html"), the file, and
    ///   the fragment for the site (`#L40` for the page's `#L40-L58`); nil for any other link.
    func sourcePage(for target: String) -> (String, URL, String)? {
        guard !target.isEmpty, !target.hasPrefix("/"), !Self.hasScheme(target) else { return nil }
        let (path, fragment) = Self.splittingFragment(target)
        guard path.hasSuffix(".swift") else { return nil }
        let file = sourceDirectory.appendingPathComponent(path).resolvingSymlinksInPath().standardizedFileURL
        let sources = packageRoot.appendingPathComponent("Sources").resolvingSymlinksInPath().standardizedFileURL
        let inside =
            file.pathComponents.count > sources.pathComponents.count
            && Array(file.pathComponents.prefix(sources.pathComponents.count)) == sources.pathComponents
        guard inside, FileManager.default.fileExists(atPath: file.path) else { return nil }
        let relative = file.pathComponents.dropFirst(sources.pathComponents.count)
        let page = "source." + relative.joined(separator: ".") + ".html"
        let firstLine = fragment.hasPrefix("#L") ? "#" + fragment.dropFirst().prefix(while: { $0 != "-" }) : ""
        return (page, file, String(firstLine))
    }

    // MARK: - Figures

    private func rewritingImage(html: String, markdown: Substring, collector: Collector) -> String {
        guard let source = Self.attribute("src", in: html),
            !source.isEmpty, !Self.hasScheme(source), !source.hasPrefix("/")
        else { return html }
        let alt = Self.attribute("alt", in: html) ?? ""
        let file = sourceDirectory.appendingPathComponent(Self.splittingFragment(source).path).standardizedFileURL
        guard isUnderFigures(file) else {
            // Only the book's figures are copied: an image that leaves Figures/ (say
            // `../../private/notes.txt`) must not carry a file of the reader's into the site.
            collector.warnings.append("image \(source) is outside \(figuresRoot.path); not copied")
            return "<span class=\"missing-figure\">Image not shown: it is not one of the book's figures.</span>"
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            // Not drawn (gnuplot missing, or --no-figures): like the chapter, the site says so
            // and goes on, rather than showing a broken image.
            collector.warnings.append("figure \(source) not found (looked for \(file.path))")
            let script = file.deletingPathExtension().appendingPathExtension("gp").lastPathComponent
            return "<span class=\"missing-figure\">Figure not drawn: \(alt). Install gnuplot and re-run the "
                + "chapter, or run <code>gnuplot \(script)</code> in Figures/.</span>"
        }
        let name = file.lastPathComponent
        collector.figures[name] = file
        var size = ""
        if let (width, height) = Self.pngSize(of: file) { size = " width=\"\(width)\" height=\"\(height)\"" }
        return "<img src=\"\(Self.figuresFolder)/\(name)\" alt=\"\(alt)\"\(size)>"
    }

    /// The book's Figures/ folder, beside the Chapters/ folder the page is in (Chapters/quick's
    /// figures are in Figures/quick, inside it): the only place the site copies files from.
    var figuresRoot: URL {
        let chapters =
            sourceDirectory.lastPathComponent == "quick"
            ? sourceDirectory.deletingLastPathComponent()
            : sourceDirectory
        return chapters.deletingLastPathComponent().appendingPathComponent("Figures")
    }

    /// Whether `file`, with every symbolic link resolved, lies inside `figuresRoot`.
    func isUnderFigures(_ file: URL) -> Bool {
        let root = figuresRoot.resolvingSymlinksInPath().standardizedFileURL.pathComponents
        let path = file.resolvingSymlinksInPath().standardizedFileURL.pathComponents
        return path.count > root.count && Array(path.prefix(root.count)) == root
    }

    /// The width and height in a PNG's header (the IHDR chunk, bytes 16–23, big-endian), or nil
    /// when the file is not a PNG.
    static func pngSize(of file: URL) -> (Int, Int)? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 24), header.count == 24,
            header.starts(with: [0x89, 0x50, 0x4E, 0x47])
        else { return nil }
        let bytes = [UInt8](header)
        let number = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    /// The woven "*Figure N.M — …*" line becomes a caption (joined to its image by
    /// ``joiningCaptions(_:)``); cells and results get a class.
    static func classifyingParagraph(html: String, markdown: Substring) -> String {
        let text = markdown.trimmingCharacters(in: .whitespacesAndNewlines)
        let inner = html.hasPrefix("<p>") && html.hasSuffix("</p>") ? String(html.dropFirst(3).dropLast(4)) : nil
        guard let inner else { return html }
        if text.hasPrefix("!["), text.hasSuffix(")"), !text.dropFirst(2).contains("![") {
            return inner  // an image alone is a block of its own; ``joiningCaptions(_:)`` makes it a figure
        }
        if text.hasPrefix("*Figure "), text.hasSuffix("*") {
            return "<p class=\"caption\">" + Self.unwrappingEmphasis(inner) + "</p>"
        }
        if text.hasPrefix("**▸") { return "<p class=\"cell\">" + inner + "</p>" }
        if text.hasPrefix("**Listing ") {
            // "**Listing 5.1 — …" gets the anchor "listing-5-1", so a listing can be linked to.
            let number = text.dropFirst("**Listing ".count).prefix(while: { $0.isNumber || $0 == "." })
            let anchor = number.isEmpty ? "" : " id=\"listing-\(number.replacingOccurrences(of: ".", with: "-"))\""
            return "<p class=\"listing-caption\"\(anchor)>" + inner + "</p>"
        }
        if text.hasPrefix("★") { return "<p class=\"result\">" + inner + "</p>" }
        return html
    }

    /// Makes each image that stands alone as a block, followed by its caption paragraph, one
    /// `<figure>` with a `<figcaption>`; the image links to itself, so a reader on a phone can
    /// open the figure at full size. Ink sets an image on a line of its own as a block, without
    /// a paragraph around it, so such an image directly follows the end of the block before it.
    static func joiningCaptions(_ html: String) -> String {
        var result = ""
        var rest = Substring(html)
        let caption = "<p class=\"caption\">"
        while let image = rest.range(of: "<img ") {
            guard let imageEnd = rest[image.upperBound...].firstIndex(of: ">").map({ rest.index(after: $0) }),
                rest[imageEnd...].hasPrefix(caption),
                let end = rest[imageEnd...].range(of: "</p>"),
                result.isEmpty && rest[..<image.lowerBound].isEmpty || rest[..<image.lowerBound].hasSuffix(">"),
                !rest[..<image.lowerBound].hasSuffix("<p>")
            else {
                result += rest[..<image.upperBound]
                rest = rest[image.upperBound...]
                continue
            }
            let captionText = rest[rest.index(imageEnd, offsetBy: caption.count)..<end.lowerBound]
            result += rest[..<image.lowerBound]
            let image = rest[image.lowerBound..<imageEnd]
            let link =
                attribute("src", in: String(image))
                .map { "<a href=\"\($0)\">" + image + "</a>" } ?? String(image)
            result += "<figure>" + link + "<figcaption>" + captionText + "</figcaption></figure>"
            rest = rest[end.upperBound...]
        }
        return result + rest
    }

    private static func unwrappingEmphasis(_ html: String) -> String {
        guard html.hasPrefix("<em>"), html.hasSuffix("</em>") else { return html }
        return String(html.dropFirst(4).dropLast(5))
    }

    // MARK: - Headings

    /// Adds an `id` made from the heading's text, unique on the page, so sections can be linked.
    static func anchoringHeading(html: String, markdown: Substring, used: inout Set<String>) -> String {
        let text = markdown.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        var identifier = slug(text)
        if identifier.isEmpty { identifier = "section" }
        var candidate = identifier, counter = 2
        while used.contains(candidate) {
            candidate = identifier + "-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        guard html.hasPrefix("<h"), let close = html.firstIndex(of: ">") else { return html }
        return html[..<close] + " id=\"\(candidate)\"" + html[close...]
    }

    /// Lower-case ASCII letters and digits, every other run of characters a single hyphen:
    /// "4.1 Rotate, stretch, rotate" → "4-1-rotate-stretch-rotate".
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }

    // MARK: - Paths

    /// "01-tokenizer.md": a chapter's woven page (two digits, a hyphen, a name).
    static func isChapterPage(_ name: String) -> Bool {
        let characters = Array(name)
        return characters.count > 6 && name.hasSuffix(".md") && !name.contains("/")
            && characters[0].isASCII && characters[0].isNumber && characters[1].isASCII && characters[1].isNumber
            && characters[2] == "-"
    }

    static func hasScheme(_ target: String) -> Bool {
        guard let colon = target.firstIndex(of: ":") else { return false }
        return !target[..<colon].contains("/") && target[..<colon].allSatisfy { $0.isLetter || $0 == "+" || $0 == "-" }
    }

    static func splittingFragment(_ target: String) -> (path: String, fragment: String) {
        guard let hash = target.firstIndex(of: "#") else { return (target, "") }
        return (String(target[..<hash]), String(target[hash...]))
    }

    /// The value of `name="…"` in a fragment of HTML that Ink wrote.
    static func attribute(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: name + "=\""),
            let end = html[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(html[start.upperBound..<end])
    }
}
