import FileSafety

// MARK: - What a GPT's configuration may say

extension GPTConfig {
    /// The largest value each size may take: far beyond anything this book trains, small enough
    /// that a crafted file cannot make the model ask for terabytes.
    public static let limits = (
        vocabularySize: 16_777_216, contextLength: 1_048_576, width: 65_536,
        layers: 4_096
    )

    /// The first field that no model can have (checked by `init` and by decoding), or nil:
    /// every size positive (layers may be 0) and within `limits`, `width` a multiple of `heads`,
    /// dropout in [0, 1).
    static func problem(
        vocabularySize: Int, contextLength: Int, width: Int, heads: Int, layers: Int,
        dropout: Float
    ) -> (field: String, value: String, reason: String)? {
        let sizes: [(String, Int, ClosedRange<Int>)] = [
            ("vocabularySize", vocabularySize, 1...limits.vocabularySize),
            ("contextLength", contextLength, 1...limits.contextLength),
            ("width", width, 1...limits.width),
            ("heads", heads, 1...max(width, 1)),
            ("layers", layers, 0...limits.layers),
        ]
        for (field, value, range) in sizes where !range.contains(value) {
            return (field, String(value), "must be from \(range.lowerBound) to \(range.upperBound)")
        }
        if width % heads != 0 { return ("heads", String(heads), "does not divide width \(width)") }
        if !(dropout >= 0 && dropout < 1) { return ("dropout", String(dropout), "must lie in [0, 1)") }
        return nil
    }

    /// `parameterCount` computed without overflow, or nil when it does not fit an `Int`
    /// (a config read from a file is checked with this before any tensor is allocated).
    public var checkedParameterCount: Int? {
        let d = width
        guard let square = UntrustedSize.product([d, d]), let perBlock = UntrustedSize.product([12, square]),
            let blocks = UntrustedSize.product([layers, UntrustedSize.sum([perBlock, 13 * d]) ?? -1]),
            let embeddings = UntrustedSize.product([vocabularySize, d]),
            let positions = UntrustedSize.product([contextLength, d])
        else { return nil }
        return UntrustedSize.sum([embeddings, positions, blocks, 2 * d, tiedHead ? 0 : embeddings])
    }
}
