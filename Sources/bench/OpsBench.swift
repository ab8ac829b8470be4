import ArgumentParser

/// Placeholder: `bench ops` is being written.
struct OpsBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ops", abstract: "(coming)")
    func run() throws { note("bench ops is not written yet") }
}
