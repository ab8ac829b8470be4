import ArgumentParser
import FileSafety
import Foundation

/// `swift run book [--quick]`: runs every chapter that exists, in order, regenerating
/// Chapters/ and Figures/, then writes Chapters/README.md — the table of contents with each
/// chapter's one-line summary and its number of figures.
@main
struct Book: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Run every chapter in order and write the book's table of contents."
    )

    @Flag(help: "Run each chapter with --quick (seconds each; writes under Chapters/quick and Figures/quick).")
    var quick = false

    @Option(help: "Seed passed to every chapter.")
    var seed: UInt64 = 42

    @Flag(name: .customLong("no-figures"), help: "Pass --no-figures to every chapter.")
    var noFigures = false

    /// The seven chapters of the book, in order.
    static let chapters: [(number: Int, slug: String, title: String)] = [
        (1, "tokenizer", "Tokenization: text to bytes to tokens"),
        (2, "attention", "Attention with queries, keys and values"),
        (3, "pretraining", "Pretraining a small GPT"),
        (4, "svd", "SVD: the low-rank lens"),
        (5, "lora", "LoRA and parameter-efficient fine-tuning"),
        (6, "qlora", "NF4 and QLoRA"),
        (7, "rlhf", "RLHF: reward models, PPO and DPO"),
    ]

    func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
            throw ValidationError("run `swift run book` from the Tailor folder (the one with Package.swift)")
        }
        let chaptersDirectory = root.appendingPathComponent("Chapters").appendingPathComponent(quick ? "quick" : "")
        var contents = ["# Tailor — the book", "",
                        "Tailoring language models to a task, from scratch, in Swift. Each chapter below was written by running it: "
                        + "`swift run chapterNN-name` prints it in your terminal and rewrites its page here.", "",
                        "| # | chapter | summary | figures | run |", "|---:|---|---|---:|---|"]
        var failures: [String] = []
        for chapter in Self.chapters {
            let executable = String(format: "chapter%02d-", chapter.number) + chapter.slug
            let page = String(format: "%02d-", chapter.number) + chapter.slug + ".md"
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Sources/" + executable).path) else {
                contents.append("| \(chapter.number) | \(chapter.title) | *coming* | — | — |")
                continue
            }
            FileHandle.standardError.write(Data("\n▶ book: swift run \(executable)\(quick ? " --quick" : "")\n".utf8))
            var arguments = ["swift", "run", executable, "--seed", String(seed)]
            if quick { arguments.append("--quick") }
            if noFigures { arguments.append("--no-figures") }
            let status = try runProcess(arguments, in: root)
            if status != 0 { failures.append("\(executable) exited with status \(status)") }
            let (summary, figures) = Self.describe(page: chaptersDirectory.appendingPathComponent(page))
            contents.append("| \(chapter.number) | [\(chapter.title)](\(page)) | \(summary) | \(figures) | `swift run \(executable)` |")
        }
        contents += ["", "Regenerate everything with `swift run book` (minutes) or check it quickly with `swift run book --quick`."]
        let url = chaptersDirectory.appendingPathComponent("README.md")
        do {
            try AtomicFile.write(contents.joined(separator: "\n") + "\n", to: url)
        } catch {
            throw ValidationError(String(describing: error))
        }
        FileHandle.standardError.write(Data("\n▶ book: wrote \(url.path)\n".utf8))
        if !failures.isEmpty {
            throw ValidationError("these chapters failed:\n  " + failures.joined(separator: "\n  "))
        }
    }

    /// The summary (the italic line under the title) and the number of figures of a woven page.
    static func describe(page: URL) -> (summary: String, figures: Int) {
        guard let text = try? String(contentsOf: page, encoding: .utf8) else { return ("*(not written)*", 0) }
        let summary = text.split(separator: "\n").first { $0.hasPrefix("*") && $0.hasSuffix("*") }
            .map { String($0.dropFirst().dropLast()) } ?? ""
        let figures = text.components(separatedBy: "![").count - 1
        return (summary, figures)
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
