import ArgumentParser
import ChapterList
import FileSafety
import Foundation
import Publishing

/// `swift run book [--quick] [--html]`: runs every chapter that exists, in order, regenerating
/// Chapters/ and Figures/, then writes Chapters/README.md — the table of contents with each
/// chapter's one-line summary and its number of figures — and the book as a website in
/// Chapters/html/ (git-ignored: it is made from Chapters/*.md, never edited).
///
/// `--html` writes only the website, from the chapters already woven: seconds, no chapter runs.
/// With `--quick` everything happens under Chapters/quick/ (the site in Chapters/quick/html/).
@main
struct Book: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Run every chapter in order, write the book's table of contents and its HTML site."
    )

    @Flag(help: "Only write the HTML site (Chapters/html/) from the chapters already woven; run no chapter.")
    var html = false

    @Flag(help: "Run each chapter with --quick (seconds each; writes under Chapters/quick and Figures/quick).")
    var quick = false

    @Option(help: "Seed passed to every chapter.")
    var seed: UInt64 = 42

    @Flag(name: .customLong("no-figures"), help: "Pass --no-figures to every chapter.")
    var noFigures = false

    func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
            throw ValidationError("run `swift run book` from the Tailor folder (the one with Package.swift)")
        }
        let chaptersDirectory = root.appendingPathComponent("Chapters").appendingPathComponent(quick ? "quick" : "")
        if html { return try writeSite(from: chaptersDirectory, root: root) }
        var contents = [
            "# Tailor — the book", "",
            "Tailoring language models to a task, from scratch, in Swift. Each chapter below was written "
                + "by running it: `swift run chapterNN-name` prints it in your terminal and rewrites its page "
                + "here.", "",
            "| # | chapter | summary | figures | run |", "|---:|---|---|---:|---|",
        ]
        var failures: [String] = []
        for chapter in ChapterList.all {
            let executable = chapter.executable, page = chapter.page
            let sources = root.appendingPathComponent("Sources/" + executable)
            guard FileManager.default.fileExists(atPath: sources.path) else {
                contents.append("| \(chapter.number) | \(chapter.title) | *coming* | — | — |")
                continue
            }
            let shown = "swift run \(executable)" + (quick ? " --quick" : "")
            FileHandle.standardError.write(Data("\n▶ book: \(shown)\n".utf8))
            var arguments = ["swift", "run", executable, "--seed", String(seed)]
            if quick { arguments.append("--quick") }
            if noFigures { arguments.append("--no-figures") }
            let status = try runProcess(arguments, in: root)
            if status != 0 { failures.append("\(executable) exited with status \(status)") }
            let figures = Self.figureCount(page: chaptersDirectory.appendingPathComponent(page))
            contents.append(
                "| \(chapter.number) | [\(chapter.title)](\(page)) | \(chapter.summary) | \(figures) "
                    + "| `swift run \(executable)` |")
        }
        contents += [
            "",
            "Regenerate everything with `swift run book` (minutes) or check it quickly with "
                + "`swift run book --quick`. Read it as a website: `swift run book --html` writes it to html/ "
                + "beside this page (open html/index.html in a browser).",
        ]
        let url = chaptersDirectory.appendingPathComponent("README.md")
        do {
            try AtomicFile.write(contents.joined(separator: "\n") + "\n", to: url)
        } catch {
            throw ValidationError(String(describing: error))
        }
        FileHandle.standardError.write(Data("\n▶ book: wrote \(url.path)\n".utf8))
        // The site is written from whatever the chapters wove; a chapter's failure is still reported first.
        var siteError: (any Error)?
        do { try writeSite(from: chaptersDirectory, root: root) } catch { siteError = error }
        if !failures.isEmpty {
            throw ValidationError("these chapters failed:\n  " + failures.joined(separator: "\n  "))
        }
        if let siteError { throw siteError }
    }

    /// Writes the HTML book from the woven chapters, checks that every link in it resolves, and
    /// says where to open it.
    func writeSite(from chaptersDirectory: URL, root: URL) throws {
        let site = BookSite(chaptersDirectory: chaptersDirectory)
        let report: BookSite.Report
        do {
            report = try site.write()
        } catch let error as PublishingError {
            FileHandle.standardError.write(Data("book: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
        for warning in report.warnings {
            FileHandle.standardError.write(Data("  ⚠ \(warning)\n".utf8))
        }
        let broken = try BookSite.brokenLinks(in: site.siteDirectory)
        guard broken.isEmpty else {
            FileHandle.standardError.write(
                Data(
                    ("book: the HTML book has links that point nowhere:\n  "
                        + broken.joined(separator: "\n  ") + "\n").utf8))
            throw ExitCode.failure
        }
        let shown = site.siteDirectory.path.replacingOccurrences(of: root.path + "/", with: "")
        let index = site.siteDirectory.appendingPathComponent("index.html").path
        FileHandle.standardError.write(
            Data(
                ("\n▶ book: wrote the HTML book to \(shown)/: "
                    + "\(report.pages.count) pages, "
                    + "\(report.figures) figures. Open it in a browser:\n    file://\(index)\n").utf8))
    }

    /// The number of figures on a woven page; 0 when the page was not written.
    static func figureCount(page: URL) -> Int {
        guard let text = try? String(contentsOf: page, encoding: .utf8) else { return 0 }
        return text.components(separatedBy: "![").count - 1
    }

    /// Runs a command with inherited output, returning its exit status.
    func runProcess(_ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
