import ArgumentParser

/// `swift run tailor <subcommand> …`: the book's models and files, outside the book.
/// One subcommand per file.
@main
struct Tailor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tailor",
        abstract: "The book's models outside the book: sample from them, look at their tokens, store them in "
            + "4 bits as bitsandbytes does, take them to Hugging Face transformers.",
        subcommands: [Sample.self, Tokenize.self, QuantizeCommand.self, DequantizeCommand.self, Export.self])
}
