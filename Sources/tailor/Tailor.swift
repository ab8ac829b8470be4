import ArgumentParser

/// `swift run tailor <subcommand> …`: the book's models and files, outside the book.
/// One subcommand per file (others add `sample`, `tokenize`, `export`).
@main
struct Tailor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tailor",
        abstract: "Work with Tailor's models and checkpoints outside the book.",
        subcommands: [QuantizeCommand.self, DequantizeCommand.self]
    )
}
