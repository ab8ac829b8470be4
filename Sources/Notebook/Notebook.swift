import ChapterList
import FileSafety
import Foundation

/// The literate runtime every chapter runs in: it prints the chapter to the terminal as it
/// computes — prose, labelled cells, outputs, tables, key results, progress bars, figures —
/// and, at the end, weaves the same material into Chapters/NN-slug.md.
///
/// A full run writes the book (Chapters/, Figures/). A `--quick` run writes under
/// Chapters/quick/ and Figures/quick/ (git-ignored), so smoke tests never overwrite the book.
///
/// Example:
/// ```swift
/// let options = ChapterOptions.parseOrExit()
/// let book = Notebook(chapter: 1, options: options)   // named by ChapterList
/// book.section("Text is bytes")
/// book.prose("A computer stores text as **bytes**…")
/// book.cell("The bytes of a sentence")
/// book.output(bytes.map(String.init).joined(separator: " "))
/// book.finish()
/// ```
public final class Notebook {
    /// The chapter's number, slug, title and one-line summary (shown in Chapters/README.md).
    public let chapter: Int
    public let slug: String
    public let title: String
    public let summary: String
    /// The flags the chapter was run with.
    public let options: ChapterOptions

    /// Where figures go: Figures/ on a full run, Figures/quick/ with --quick.
    public let figuresDirectory: URL
    /// Where the woven chapter goes: Chapters/ (or Chapters/quick/).
    public let chaptersDirectory: URL

    /// Where models and tokenizers pass from chapter to chapter: Checkpoints/ (git-ignored),
    /// or Checkpoints/quick/ with --quick, so a smoke run never replaces a fully trained model.
    public let checkpointsDirectory: URL

    /// The woven markdown, block by block.
    var markdown: [String] = []
    private var sectionNumber = 0
    private var cellNumber = 0
    private var figuresWritten = 0
    /// Listings woven so far: they are numbered "Listing N.1", "N.2", … in the chapter.
    var listingsWritten = 0
    private var warnedAboutGnuplot = false
    private let stopwatch = Stopwatch()

    /// "01-tokenizer": the prefix of the chapter's files.
    public var fileStem: String { String(format: "%02d-", chapter) + slug }

    /// Opens chapter `number` of the book, named as `ChapterList` names it.
    ///
    /// Stops with a message if the book has no such chapter: a chapter's own number is a
    /// programming error, not an input.
    public convenience init(
        chapter number: Int, options: ChapterOptions,
        root: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        guard let entry = ChapterList.chapter(number) else {
            preconditionFailure("chapter \(number) is not in ChapterList.all (Sources/ChapterList/ChapterList.swift)")
        }
        self.init(
            chapter: entry.number, slug: entry.slug, title: entry.title, summary: entry.summary,
            options: options, root: root)
    }

    /// Opens the chapter: prints its title and how it is being run.
    public init(
        chapter: Int, slug: String, title: String, summary: String, options: ChapterOptions,
        root: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.chapter = chapter
        self.slug = slug
        self.title = title
        self.summary = summary
        self.options = options
        let quickFolder = options.quick ? "quick" : nil
        figuresDirectory =
            quickFolder.map { root.appendingPathComponent("Figures").appendingPathComponent($0) }
            ?? root.appendingPathComponent("Figures")
        chaptersDirectory =
            quickFolder.map { root.appendingPathComponent("Chapters").appendingPathComponent($0) }
            ?? root.appendingPathComponent("Chapters")
        checkpointsDirectory =
            quickFolder.map { root.appendingPathComponent("Checkpoints").appendingPathComponent($0) }
            ?? root.appendingPathComponent("Checkpoints")

        // Temporaries a chapter killed by Ctrl-C left behind are removed as the next run starts.
        for directory in [figuresDirectory, chaptersDirectory, checkpointsDirectory] {
            AtomicFile.removeStaleTemporaries(in: directory)
        }

        let heading = "Chapter \(chapter) · \(title)"
        Terminal.write("\n" + Terminal.styled(heading, .bold, .magenta) + "\n")
        Terminal.write(Terminal.styled(String(repeating: "═", count: displayWidth(heading)), .magenta) + "\n")
        Terminal.write(Terminal.styled("  " + Self.shown(summary), .italic) + "\n")
        if options.quick {
            let note = "  --quick: tiny sizes; writing to Chapters/quick and Figures/quick."
            Terminal.write(Terminal.styled(note, .dim) + "\n")
        }
        markdown.append("# Chapter \(chapter) · \(title)\n\n*\(summary)*")
        markdown.append(
            "> This page was written by `swift run \(executableName)`\(options.quick ? " --quick" : "") "
                + "with seed \(options.seed). "
                + "Run it yourself to see every number computed on your machine.")
    }

    /// The executable's name, e.g. "chapter01-tokenizer".
    public var executableName: String { String(format: "chapter%02d-", chapter) + slug }

    // MARK: - Structure

    /// The chapter's on-ramp, before its first section: what the reader will build, what they
    /// will measure, and what the chapter takes from earlier ones. Each is a sentence or two in
    /// the prose's markdown-lite.
    public func onRamp(build: String, measure: String, takes: String) {
        prose(
            "**In this chapter**\n\n- **You build** \(build)\n- **You measure** \(measure)\n"
                + "- **From earlier chapters:** \(takes)")
    }

    /// Starts a numbered section. With `--step`, first waits for Enter.
    public func section(_ title: String) {
        if options.step, sectionNumber > 0 { pause() }
        sectionNumber += 1
        let heading = "\(chapter).\(sectionNumber) \(title)"
        let shownHeading = Self.shown(heading)
        Terminal.write("\n" + Terminal.styled(shownHeading, .bold, .yellow) + "\n")
        Terminal.write(Terminal.styled(String(repeating: "─", count: displayWidth(shownHeading)), .yellow) + "\n")
        markdown.append("## \(heading)")
    }

    /// A line of the page's Markdown as the terminal shows it, inside a style of its own (a
    /// heading, a result, a remark): escapes undone and the emphasis markers dropped, since
    /// nested styles would end the outer one (`Prose.inline`; backticks kept).
    ///
    ///     shown("★ **tokens:** ⟨\\*⟩ &lt;|end|&gt;") == "★ tokens: ⟨*⟩ <|end|>"
    static func shown(_ markdown: String) -> String {
        Prose.inline(markdown, styled: false)
    }

    /// Prose in markdown-lite, wrapped to the terminal.
    public func prose(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        Terminal.write("\n" + Prose.render(trimmed, width: Terminal.width, styled: Terminal.usesColor) + "\n")
        markdown.append(trimmed)
    }

    /// Starts a labelled cell: the code that does what the prose said. Its label names the
    /// place in main.swift a reader can look for, and its output follows.
    public func cell(_ label: String) {
        cellNumber += 1
        let heading = "▸ [\(chapter).\(sectionNumber).\(cellNumber)] \(label)"
        Terminal.write("\n" + Terminal.styled(Self.shown(heading), .bold, .cyan) + "\n")
        markdown.append("**\(heading)**")
    }

    /// Preformatted output lines (numbers, small matrices, samples).
    public func output(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        Terminal.write(lines.map { "    " + $0 }.joined(separator: "\n") + "\n")
        markdown.append(MarkdownText.codeBlock(text))  // a fence no line of the output can close
    }

    /// A table with aligned columns.
    public func table(_ table: Table) {
        Terminal.write("\n" + table.renderText() + "\n")
        markdown.append(table.renderMarkdown())
    }

    /// A key result, highlighted: "name: value".
    public func result(_ name: String, _ value: String) {
        Terminal.write(
            "  " + Terminal.styled("★ " + Self.shown(name) + ":", .bold, .green) + " "
                + Terminal.styled(Self.shown(value), .bold)
                + "\n")
        markdown.append("★ **\(name):** \(value)")
    }

    /// A quiet remark (e.g. a timing), printed dim and woven in italics.
    public func remark(_ text: String) {
        Terminal.write(Terminal.styled("  " + Self.shown(text), .dim) + "\n")
        markdown.append("*\(text)*")
    }

    /// A line about this run only (e.g. that a missing checkpoint is being made), for the reader
    /// at the terminal. Not woven: the page is the same whichever chapter ran first.
    public func status(_ text: String) {
        Terminal.write(Terminal.styled("  " + text, .dim) + "\n")
    }

    /// A progress bar for anything longer than about two seconds. Not woven: the chapter
    /// reports the outcome itself.
    public func progress(_ label: String, total: Int, unit: String) -> ProgressBar {
        ProgressBar(label: label, total: total, unit: unit)
    }

    // MARK: - Figures

    /// Writes the figure's script and data to Figures/, draws the PNG with gnuplot, shows it
    /// in the terminal with `--ascii-plots`, and weaves it with its caption.
    /// Missing gnuplot is not an error: the chapter says once how to install it and goes on.
    public func figure(_ figure: Figure, caption: String) {
        // The name becomes a file name: letters, digits and dashes only, never a path.
        precondition(
            !figure.name.isEmpty
                && figure.name.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                        || $0 == "_"
                },
            "figure name '\(figure.name)' must be letters, digits, '-' and '_' only: it names Figures/NN-slug-NAME.png")
        let stem = fileStem + "-" + figure.name
        let png = stem + ".png", gp = stem + ".gp", dat = stem + ".dat"
        let script = Gnuplot.script(for: figure, dataFile: dat, pngFile: png)
        do {
            try AtomicFile.write(Gnuplot.dataText(for: figure), to: figuresDirectory.appendingPathComponent(dat))
            try AtomicFile.write(script, to: figuresDirectory.appendingPathComponent(gp))
        } catch {
            Terminal.warn("  ⚠ \(error)")
            return
        }
        figuresWritten += 1
        var drawn = false
        if !options.noFigures {
            drawn = draw(script: script, png: png)
            if drawn, options.asciiPlots,
                let drawing = try? Gnuplot.run(
                    script: Gnuplot.asciiScript(from: script, columns: min(Terminal.width, 100)), in: figuresDirectory)
            {
                Terminal.write(drawing)
            }
        }
        let shown = figuresDirectory.lastPathComponent == "quick" ? "Figures/quick/" + png : "Figures/" + png
        Terminal.write(
            "  " + Terminal.styled("Figure \(chapter).\(figuresWritten)", .bold) + " — "
                + Prose.inline(caption, styled: Terminal.usesColor) + "\n")
        let location =
            drawn
            ? shown : shown.replacingOccurrences(of: ".png", with: ".gp") + " (script and data; not drawn)"
        Terminal.write(Terminal.styled("  " + location, .dim) + "\n")
        let link = RelativePath.from(chaptersDirectory, to: figuresDirectory.appendingPathComponent(png))
        markdown.append("![\(figure.title)](\(link))\n\n*Figure \(chapter).\(figuresWritten) — \(caption)*")
    }

    /// Draws the PNG: gnuplot writes a temporary file, renamed when complete.
    private func draw(script: String, png: String) -> Bool {
        guard Gnuplot.executable != nil else {
            if !warnedAboutGnuplot {
                warnedAboutGnuplot = true
                Terminal.write(
                    Terminal.styled(
                        "  ⚠ gnuplot not found: figures are written as scripts and data only. "
                            + "Install it with `apt-get install -y gnuplot-nox`, then re-run, "
                            + "or run `gnuplot FILE.gp` in Figures/.", .yellow) + "\n")
            }
            return false
        }
        let target = figuresDirectory.appendingPathComponent(png)
        do {
            // gnuplot writes the PNG under a temporary name; it is renamed only when complete.
            try AtomicFile.write(to: target) { temporary in
                let piped = script.replacingOccurrences(
                    of: Gnuplot.outputCommand(png),
                    with: Gnuplot.outputCommand(temporary.lastPathComponent))
                _ = try Gnuplot.run(script: piped, in: figuresDirectory)
            }
            return true
        } catch {
            Terminal.warn("  ⚠ figure \(png) not drawn: \(error)")
            return false
        }
    }

    // MARK: - Ending

    /// The chapter's exercises: what to do, where, and how to check it.
    public func exercises(_ exercises: [ExerciseListing]) {
        section("Exercises")
        let intro =
            "Each exercise is a function to write in `\(exercises.first?.file ?? "Sources/Exercises")`. "
            + "Until you start, it throws `notAttempted`; check your work with `swift run exercises \(chapter)` "
            + "or `swift test --filter ExerciseTests`."
        prose(intro)
        for exercise in exercises {
            prose("**Exercise \(exercise.number) — \(exercise.title).** \(exercise.task)\n\n*Hint:* \(exercise.hint)")
        }
    }

    /// Closes the chapter: prints the run time and, unless `weave` is false, writes
    /// Chapters/NN-slug.md. The time is printed but not woven, so the page is the same
    /// from run to run.
    public func finish() {
        if options.step { pause() }
        let page = markdown.joined(separator: "\n\n") + "\n"
        let url = chaptersDirectory.appendingPathComponent(fileStem + ".md")
        do {
            try AtomicFile.write(page, to: url)
            let shownPath = url.path.replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: "")
            let wrote = "  Wrote \(shownPath) and \(figuresWritten) figure(s) in \(Format.duration(stopwatch.seconds))."
            Terminal.write("\n" + Terminal.styled(wrote, .dim) + "\n")
        } catch {
            Terminal.warn("  ⚠ \(error)")
        }
    }

    /// Stops the chapter with one clear line on stderr (what went wrong and what to try),
    /// exit status 1. Use for bad input, missing files and diverging training.
    public func stop(_ message: String) -> Never {
        Terminal.warn("\(executableName): \(message)")
        exit(1)
    }

    private func pause() {
        guard isatty(STDIN_FILENO) != 0 else { return }
        Terminal.write(Terminal.styled("  — press Enter to continue —", .dim))
        _ = readLine()
    }
}

/// An exercise as a chapter lists it.
public struct ExerciseListing: Sendable {
    public var number: String
    public var title: String
    public var task: String
    public var file: String
    public var hint: String

    public init(number: String, title: String, task: String, file: String, hint: String) {
        self.number = number
        self.title = title
        self.task = task
        self.file = file
        self.hint = hint
    }
}
