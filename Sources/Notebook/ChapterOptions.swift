import ArgumentParser

/// The flags every chapter takes, parsed with swift-argument-parser (see Sources/ARCHITECTURE.md,
/// "The chapter contract").
///
/// A chapter's main.swift reads top to bottom as the chapter, so it parses these with
/// `ChapterOptions.parseOrExit()` as its first line rather than hiding the story inside a
/// `run()` method.
///
/// Example:
/// ```swift
/// let options = ChapterOptions.parseOrExit()
/// let book = Notebook(chapter: 1, slug: "tokenizer", title: "…", summary: "…", options: options)
/// ```
public struct ChapterOptions: ParsableArguments, Sendable {
    @Flag(
        help: ArgumentHelp(
            "Tiny sizes that run in seconds (for tests and CI). "
                + "Writes under Chapters/quick and Figures/quick, leaving the book untouched."))
    public var quick = false

    @Flag(help: "Pause after each section until Enter is pressed.")
    public var step = false

    @Option(help: "Seed for every random thing in the chapter: the same seed prints the same numbers.")
    public var seed: UInt64 = 42

    @Flag(name: .customLong("no-figures"), help: "Skip drawing figures (their scripts and data are still written).")
    public var noFigures = false

    @Flag(name: .customLong("ascii-plots"), help: "Also draw each figure in the terminal with gnuplot's dumb terminal.")
    public var asciiPlots = false

    @Flag(
        help: ArgumentHelp(
            "Re-run the chapter's learning-rate sweep on the validation split and rewrite the "
                + "committed file of chosen rates (chapters without a sweep ignore it)."))
    public var sweep = false

    @Option(
        help: ArgumentHelp(
            "Use your own text instead of the story world (where the chapter trains on text).",
            valueName: "file"))
    public var corpus: String?

    public init() {}
}

extension ChapterOptions {
    /// Parses the command line, or prints the help or the error — with the chapter's own
    /// name in the usage line (`chapter05-lora [--quick] …`) — and exits.
    public static func parseOrExit() -> ChapterOptions {
        do {
            return try ChapterCommand.parse().options
        } catch {
            ChapterCommand.exit(withError: error)
        }
    }
}

/// The chapter as a command, only so the usage line carries the executable's name: argument
/// parser names a bare `ParsableArguments` after its type ("chapter").
private struct ChapterCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        let name = CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? Substring($0)) }
        return CommandConfiguration(
            commandName: name ?? "chapter",
            abstract: "A chapter of Tailor: it explains, computes, trains, draws its figures "
                + "and writes its page of the book.")
    }

    @OptionGroup var options: ChapterOptions
}
