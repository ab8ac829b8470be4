import Engine
import FileSafety
import Safetensors

// MARK: - An adapter file's numbers are untrusted

extension LoRAAdapter {
    /// The largest rank an adapter file may claim (PEFT's ranks are 4–256).
    public static let maximumRank = 65_536
    /// The largest |α| an adapter file may claim.
    public static let maximumAlpha: Float = 1_000_000

    /// The rank and α in an adapter's metadata, checked against bounds and against its tensors
    /// before any layer is made from them: every `loraA` is `[rank, in]`, every `loraB` is
    /// `[out, rank]` with a partner of the same name, and every value is finite.
    ///
    /// - Throws: `MetadataError` naming the file and field (`rank: "0"`, `alpha: "inf"`),
    ///   `AdapterError.layerMismatch` for a tensor that disagrees with the rank,
    ///   `CheckpointError.nonFiniteValue` for a NaN or infinite weight.
    static func checkedRankAndAlpha(_ checkpoint: Checkpoint, file: String) throws -> (rank: Int, alpha: Float) {
        let rank = try MetadataField.integer("rank", in: checkpoint.metadata, range: 1...maximumRank, file: file)
        let alpha = try MetadataField.finite(
            "alpha", in: checkpoint.metadata, range: -maximumAlpha...maximumAlpha,
            file: file)
        guard !checkpoint.tensors.isEmpty else {
            throw AdapterError.notAnAdapter(file: file, reason: "it holds no A and B tensors")
        }
        for (name, tensor) in checkpoint.tensors.sorted(by: { $0.key < $1.key }) {
            let isA = name.hasSuffix(".loraA")
            guard isA || name.hasSuffix(".loraB") else {
                throw AdapterError.notAnAdapter(file: file, reason: "tensor '\(name)' is neither a loraA nor a loraB")
            }
            let layer = String(name.dropLast(".loraA".count))
            guard tensor.shape.count == 2, tensor.shape.allSatisfy({ $0 >= 1 }),
                (isA ? tensor.shape[0] : tensor.shape[1]) == rank
            else {
                throw AdapterError.layerMismatch(
                    file: file, name: layer,
                    reason: "\(isA ? "A" : "B") has shape \(tensor.shape), which does not fit rank \(rank) "
                        + "(A is [rank, in], B is [out, rank])")
            }
            guard checkpoint.tensors[layer + (isA ? ".loraB" : ".loraA")] != nil else {
                throw AdapterError.layerMismatch(file: file, name: layer, reason: "it has \(isA ? "A" : "B") only")
            }
            try Checkpoint.checkFinite(tensor, name: name, file: file)
        }
        return (rank, alpha)
    }
}
