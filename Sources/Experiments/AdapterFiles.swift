import Adapters
import Engine
import Foundation
import Notebook
import Tasks
import Transformers

// MARK: - LoRA adapters as files: their size, and one base serving several

/// What chapter 5 shows of adapter files: how small they are beside the model, and that one
/// base model can load, switch and refuse them.
public enum AdapterFiles {
    /// Bytes of `model` as a checkpoint file (written to a temporary file, then removed).
    public static func checkpointBytes(_ model: GPT) throws -> Int {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tailor-size-\(ProcessInfo.processInfo.processIdentifier).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(to: url)
        return (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 1
    }

    /// The model file against each adapter of the first seed's model of each labelled run.
    public static func sizeTable(
        modelBytes: Int, modelParameters: Int,
        adapters: [(label: String, measured: MeasuredMethod)]
    ) -> Table {
        var table = Table(["file", "trainable numbers (share of the model)", "file size", "share of the model file"])
        table.append([
            "a fully fine-tuned model", "\(Format.count(modelParameters)) (100 %)", Format.bytes(modelBytes),
            "100 %",
        ])
        for (label, measured) in adapters {
            guard let model = measured.outcomes.first?.model else { continue }
            let adapter = LoRAAdapter(capturing: model)
            let trainable =
                Format.count(measured.budget.trainable) + " ("
                + MethodTables.share(measured.budget.trainable, of: modelParameters) + ")"
            table.append([
                "LoRA adapter, \(label)", trainable, Format.bytes(adapter.fileSize),
                Format.percent(Double(adapter.fileSize) / Double(modelBytes), 2),
            ])
        }
        return table
    }

    /// Loads the adapter at `url` onto a fresh copy of `base` carrying `method`'s empty layers,
    /// switches to an empty adapter (B = 0) and back, scoring `task`'s test split each time;
    /// then tries it on a randomly initialised model, which must refuse it.
    /// - Returns: one line per step, for the page.
    @MainActor
    public static func switching(
        _ url: URL, method: LoRAMethod, base: GPT, task: any FineTuningTask,
        trainedAccuracy: Double
    ) throws -> [String] {
        let server = base.copied()
        var rng = SplitMix64(seed: 99)
        _ = method.prepare(server, rng: &rng)
        let blank = LoRAAdapter(capturing: server)  // B = 0: the base model's behaviour
        func accuracy() -> String { Format.percent(share(task.score(server, on: .test).matches)) }
        let loaded = try LoRAAdapter.read(from: url)
        var lines: [String] = []
        try loaded.apply(to: server, file: url.lastPathComponent)
        lines.append(
            "loaded \(url.lastPathComponent) onto a fresh base: accuracy \(accuracy()) "
                + "(the run it came from: \(Format.percent(trainedAccuracy)))")
        try blank.apply(to: server)
        lines.append("switched to an empty adapter (B = 0):                accuracy \(accuracy())")
        try loaded.apply(to: server)
        lines.append("and back to the trained one:                          accuracy \(accuracy())")
        var wrongRNG = SplitMix64(seed: 7)
        let wrongBase = GPT(config: base.config, rng: &wrongRNG)
        _ = method.prepare(wrongBase, rng: &wrongRNG)
        do {
            try loaded.apply(to: wrongBase, file: url.lastPathComponent)
            lines.append("loading onto a randomly initialised model: accepted (unexpected!)")
        } catch {
            lines.append("loading onto a randomly initialised model: refused —\n  \(error)")
        }
        return lines
    }
}
