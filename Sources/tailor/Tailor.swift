import ArgumentParser

/// `swift run tailor <subcommand>`: the book's models outside the book.
@main
struct Tailor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tailor",
        abstract: "The book's models outside the book: sample from them, look at their tokens, take them to "
            + "Hugging Face transformers.",
        subcommands: [Sample.self, Tokenize.self, Export.self])
}
