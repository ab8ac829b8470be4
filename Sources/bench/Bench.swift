import ArgumentParser

/// `swift run -c release bench <what> [flags]`: performance measurements, one JSON object
/// per line on stdout and nothing else there (progress and notes go to stderr), so that
/// results can be collected with `jq` or compared side by side with the peers in
/// ../shared/peers/. Benchmarks measure; tests never time anything.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Tailor's speed; prints one JSON object per line.",
        subcommands: [BPEBench.self, MatmulBench.self, OpsBench.self, GPTBench.self, NF4Bench.self, LoRABench.self]
    )
}
