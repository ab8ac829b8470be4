import ArgumentParser

/// Placeholder: `bench matmul` is being written.
struct MatmulBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "matmul", abstract: "(coming)")
    func run() throws { note("bench matmul is not written yet") }
}
