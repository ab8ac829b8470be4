import ArgumentParser

/// Placeholder: `bench bpe` is being written.
struct BPEBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bpe", abstract: "(coming)")
    func run() throws { note("bench bpe is not written yet") }
}
