import FileSafety
import Foundation

/// The book as a static website: one page per woven chapter, a contents page made from
/// Chapters/README.md, the figures, and the book's stylesheet — all in one folder that works
/// opened from the file system (relative links only, no server) and can be copied anywhere.
///
/// Publishing is a module of its own, not part of Notebook, so that the chapters, which weave
/// markdown, do not link the Markdown library (Ink) that only the site needs.
///
/// The site is generated, never edited: it is made from Chapters/*.md every time, so it cannot
/// drift from the book. It is written whole into a temporary folder, which then replaces the old
/// site, so an interrupted run never leaves half a site.
///
/// Example:
/// ```swift
/// let chapters = URL(fileURLWithPath: "Chapters")
/// let site = BookSite(chaptersDirectory: chapters)          // writes Chapters/html/
/// let report = try site.write()
/// print(report.pages)                                       // ["index.html", "01-tokenizer.html", …]
/// precondition(try BookSite.brokenLinks(in: site.siteDirectory).isEmpty)
/// ```
public struct BookSite: Sendable {
    /// Where the woven markdown is read: Chapters/ (or Chapters/quick/).
    public let chaptersDirectory: URL
    /// Where the site is written: by default `html/` inside ``chaptersDirectory``.
    public let siteDirectory: URL

    /// The name of the site's folder inside the chapters folder.
    public static let folderName = "html"

    public init(chaptersDirectory: URL, siteDirectory: URL? = nil) {
        self.chaptersDirectory = chaptersDirectory.standardizedFileURL
        self.siteDirectory =
            (siteDirectory ?? chaptersDirectory.appendingPathComponent(Self.folderName))
            .standardizedFileURL
    }

    /// What ``write()`` made.
    public struct Report: Sendable {
        /// The pages, in reading order, contents first.
        public var pages: [String]
        /// The number of figures copied into `figures/`.
        public var figures: Int
        /// Problems a reader would see, e.g. a figure whose PNG was not drawn.
        public var warnings: [String]
    }

    /// A woven page to publish: its markdown file and the HTML file it becomes.
    struct Source {
        var markdown: URL
        var page: String
        var title: String
    }

    /// Writes the whole site and returns what it wrote.
    /// - Throws: ``PublishingError`` when there is nothing to publish or a file cannot be read or
    ///   written; the previous site is then left as it was.
    public func write() throws -> Report {
        let fileManager = FileManager.default
        let chapters = try chapterSources()
        guard !chapters.isEmpty else { throw PublishingError.nothingToPublish(chaptersDirectory.path) }
        let readme = chaptersDirectory.appendingPathComponent("README.md")
        let contents = Source(markdown: readme, page: "index.html", title: "Tailor — the book")
        let sources = [contents] + chapters

        let parent = siteDirectory.deletingLastPathComponent()
        AtomicFile.removeStaleTemporaries(in: parent)  // staging folders of an interrupted run
        let staging = parent.appendingPathComponent(".\(siteDirectory.lastPathComponent).tmp-\(getpid())")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(
            at: staging.appendingPathComponent(PageRenderer.figuresFolder),
            withIntermediateDirectories: true)
        do {
            var report = Report(pages: [], figures: 0, warnings: [])
            var figures: [String: URL] = [:]
            var sourceFiles: [String: URL] = [:]
            let renderer = PageRenderer(sourceDirectory: chaptersDirectory, siteDirectory: siteDirectory)
            for (index, source) in sources.enumerated() {
                let markdown: String
                if source.page == "index.html", !fileManager.fileExists(atPath: readme.path) {
                    markdown = Self.fallbackContents(chapters)
                } else {
                    markdown = try Self.read(source.markdown)
                }
                let rendered: PageRenderer.Page
                if index == 0 {
                    let contents = ContentsPage.html(readme: markdown, renderer: renderer)
                    rendered = PageRenderer.Page(html: contents.html, figures: [:], warnings: contents.warnings)
                } else {
                    rendered = renderer.render(markdown)
                }
                let template = PageTemplate(
                    title: source.title,
                    previous: index > 0
                        ? PageTemplate.Link(
                            file: sources[index - 1].page,
                            title: sources[index - 1].title) : nil,
                    next: index + 1 < sources.count
                        ? PageTemplate.Link(
                            file: sources[index + 1].page,
                            title: sources[index + 1].title) : nil,
                    isContents: index == 0,
                    source: chaptersDirectory.lastPathComponent == "quick"
                        ? "Chapters/quick/" + source.markdown.lastPathComponent
                        : "Chapters/" + source.markdown.lastPathComponent)
                try Self.write(template.html(content: rendered.html), to: staging.appendingPathComponent(source.page))
                figures.merge(rendered.figures) { first, _ in first }
                sourceFiles.merge(rendered.sources) { first, _ in first }
                report.pages.append(source.page)
                report.warnings += rendered.warnings.map { source.markdown.lastPathComponent + ": " + $0 }
            }
            for (name, file) in figures.sorted(by: { $0.key < $1.key }) {
                try fileManager.copyItem(
                    at: file,
                    to: staging.appendingPathComponent(PageRenderer.figuresFolder)
                        .appendingPathComponent(name))
            }
            report.figures = figures.count
            // The files the listings come from, each as a page of its own that the listings link to.
            for (page, file) in sourceFiles.sorted(by: { $0.key < $1.key }) {
                let path = RelativePath.from(renderer.packageRoot, to: file)
                let html = SourceFilePage.html(path: path, source: try Self.read(file))
                try Self.write(html, to: staging.appendingPathComponent(page))
                report.pages.append(page)
            }
            try Self.write(Stylesheet.css, to: staging.appendingPathComponent("style.css"))
            try replace(siteDirectory, with: staging)
            return report
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// The woven chapters in reading order: every `NN-name.md` in the chapters folder.
    func chapterSources() throws -> [Source] {
        let names = try FileManager.default.contentsOfDirectory(atPath: chaptersDirectory.path)
        return try names.filter(PageRenderer.isChapterPage).sorted().map { name in
            let markdown = chaptersDirectory.appendingPathComponent(name)
            let firstLine = try Self.read(markdown).split(separator: "\n").first { $0.hasPrefix("# ") }
            let title = firstLine.map { String($0.dropFirst(2)) } ?? String(name.dropLast(3))
            return Source(markdown: markdown, page: String(name.dropLast(3)) + ".html", title: title)
        }
    }

    /// A contents page for a chapters folder without README.md (e.g. a single chapter's quick run).
    static func fallbackContents(_ chapters: [Source]) -> String {
        let intro =
            "The chapters woven so far. (`swift run book` writes the full contents, Chapters/README.md, "
            + "with each chapter's summary.)"
        return
            (["# Tailor — the book", "", intro, ""]
            + chapters.map { "- [\($0.title)](\($0.markdown.lastPathComponent))" }).joined(separator: "\n")
    }

    /// Puts `staging` where `site` is: the old site is moved aside first and removed last.
    private func replace(_ site: URL, with staging: URL) throws {
        let fileManager = FileManager.default
        let old = site.deletingLastPathComponent().appendingPathComponent(".\(site.lastPathComponent).old-\(getpid())")
        try? fileManager.removeItem(at: old)
        let hadSite = fileManager.fileExists(atPath: site.path)
        if hadSite, rename(site.path, old.path) != 0 {
            throw PublishingError.cannotWrite(site.path, String(cString: strerror(errno)))
        }
        guard rename(staging.path, site.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadSite { _ = rename(old.path, site.path) }
            throw PublishingError.cannotWrite(site.path, reason)
        }
        if hadSite { try? fileManager.removeItem(at: old) }
    }

    private static func read(_ file: URL) throws -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw PublishingError.cannotRead(file.path, FileErrorReason.describing(error))
        }
    }

    private static func write(_ text: String, to file: URL) throws {
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            throw PublishingError.cannotWrite(file.path, FileErrorReason.describing(error))
        }
    }
}

/// Why the site could not be written.
public enum PublishingError: Error, CustomStringConvertible, Equatable {
    case nothingToPublish(String)
    case cannotRead(String, String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .nothingToPublish(let folder):
            "no woven chapters (NN-name.md) in \(folder): run `swift run book` (or a chapter) first"
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
