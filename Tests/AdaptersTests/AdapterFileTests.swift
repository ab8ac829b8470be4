import Adapters
import Engine
import Foundation
import TestSupport
import Testing
import Transformers

func temporaryURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("tailor-adapters-\(name)-\(UUID().uuidString).safetensors")
}

@Test func adapterSaveLoadRoundTrip() throws {
    let trained = tinyGPT()
    var rng = SplitMix64(seed: 11)
    LoRA.apply(to: trained, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    randomizeB(trained, seed: 12)
    let expected = Tensor.withoutGradient { trained(sampleIDs, batch: 2) }.scalars
    let url = temporaryURL("roundtrip")
    defer { try? FileManager.default.removeItem(at: url) }
    let adapter = LoRAAdapter(capturing: trained)
    try adapter.write(to: url)
    #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int == adapter.fileSize)

    // A fresh copy of the same base with empty adapters: loading reproduces the outputs.
    let fresh = tinyGPT()
    var otherRNG = SplitMix64(seed: 13)
    LoRA.apply(to: fresh, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &otherRNG)
    try LoRAAdapter.read(from: url).apply(to: fresh)
    expectClose(Tensor.withoutGradient { fresh(sampleIDs, batch: 2) }.scalars, expected, tolerance: 1e-6)
}

@Test func adapterRefusesTheWrongBase() throws {
    let trained = tinyGPT(seed: 1)
    var rng = SplitMix64(seed: 14)
    LoRA.apply(to: trained, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    let adapter = LoRAAdapter(capturing: trained)
    let other = tinyGPT(seed: 2)
    LoRA.apply(to: other, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    #expect {
        try adapter.apply(to: other, file: "task.safetensors")
    } throws: { error in
        guard case AdapterError.wrongBase(let file, _, _) = error else { return false }
        return file == "task.safetensors" && "\(error)".contains("belongs to base model")
    }
    // Other targets on the right base: refused with the layer named.
    let sameBase = tinyGPT(seed: 1)
    LoRA.apply(to: sameBase, targets: [.query], rank: 2, alpha: 4, rng: &rng)
    #expect(throws: AdapterError.self) { try adapter.apply(to: sameBase) }
}

@Test func adapterStillFitsItsBaseAfterMergeAndUnmerge() throws {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 15)
    LoRA.apply(to: model, targets: LoRATarget.allLinear, rank: 2, alpha: 4, rng: &rng)
    randomizeB(model, seed: 16)
    let adapter = LoRAAdapter(capturing: model)
    LoRA.merge(in: model)
    LoRA.unmerge(in: model)
    try adapter.apply(to: model)  // rounding from merging must not count as another base
}

@Test func switchingAdaptersOnOneBase() throws {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 17)
    LoRA.apply(to: model, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    let baseOutput = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    let empty = LoRAAdapter(capturing: model)
    randomizeB(model, seed: 18)
    let first = LoRAAdapter(capturing: model)
    let firstOutput = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    randomizeB(model, seed: 19)
    let secondOutput = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    #expect(firstOutput != secondOutput)
    try first.apply(to: model)
    #expect(Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars == firstOutput)
    try empty.apply(to: model)
    #expect(Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars == baseOutput)
}

/// Issue 9: an adapter captured from a model whose LoRA is merged was refused by that same
/// model (the fingerprint was of W + ΔW on one side and of W on the other).
@Test func anAdapterCapturedWhileMergedFitsItsOwnModel() throws {
    let model = tinyGPT()
    var rng = SplitMix64(seed: 21)
    LoRA.apply(to: model, targets: LoRATarget.allLinear, rank: 2, alpha: 4, rng: &rng)
    randomizeB(model, seed: 22)
    let unmergedFingerprint = LoRAAdapter.fingerprint(ofBase: model)
    let expected = Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars
    LoRA.merge(in: model)
    #expect(LoRAAdapter.sameBase(LoRAAdapter.fingerprint(ofBase: model), unmergedFingerprint))
    let adapter = LoRAAdapter(capturing: model)
    #expect(LoRAAdapter.sameBase(adapter.baseFingerprint, unmergedFingerprint))
    try adapter.apply(to: model)  // the same model, still merged
    expectClose(Tensor.withoutGradient { model(sampleIDs, batch: 2) }.scalars, expected, tolerance: 1e-5)
    // And onto a fresh copy of the base.
    let fresh = tinyGPT()
    LoRA.apply(to: fresh, targets: LoRATarget.allLinear, rank: 2, alpha: 4, rng: &rng)
    try adapter.apply(to: fresh)
    expectClose(Tensor.withoutGradient { fresh(sampleIDs, batch: 2) }.scalars, expected, tolerance: 1e-5)
}

/// Two bases alike in layout and in their first tensors: the refusal still tells them apart,
/// naming the tensor where they part with both values, and leaves the model untouched.
@Test func theWrongBaseMessageShowsBothFingerprintsApart() throws {
    let trained = tinyGPT(seed: 1)
    var rng = SplitMix64(seed: 23)
    LoRA.apply(to: trained, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    let adapter = LoRAAdapter(capturing: trained)
    let other = tinyGPT(seed: 1)
    LoRA.apply(to: other, targets: LoRATarget.queryValue, rank: 2, alpha: 4, rng: &rng)
    LoRA.merge(in: other)
    let last = other.namedParameters().filter { !$0.name.hasSuffix(".loraA") && !$0.name.hasSuffix(".loraB") }
        .max { $0.name < $1.name }!.tensor  // the last tensor in name order: the short forms agree
    for index in 0..<last.count { last.pointer[index] *= 2 }
    let before = other.namedParameters().map(\.tensor.scalars)
    do {
        try adapter.apply(to: other, file: "task.safetensors")
        Issue.record("an adapter was put on another base")
    } catch let error as AdapterError {
        guard case let .wrongBase(_, expected, found) = error else { Issue.record("\(error)"); return }
        #expect(expected != found)
        let message = error.description
        #expect(message.contains("base tensor"), "the message does not say where the bases differ: \(message)")
        let parted = message.components(separatedBy: "has RMS ").last ?? ""
        let values = parted.components(separatedBy: " in the adapter's base, ")
        #expect(
            values.count == 2 && values[0] != values[1].components(separatedBy: " ").first,
            "both RMS values should appear, distinct: \(message)")
    }
    #expect(other.namedParameters().map(\.tensor.scalars) == before)  // refused: nothing changed, still merged
}
