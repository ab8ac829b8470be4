import FileSafety
import Foundation

/// Everything that fixes a GPT's shape, in one place (nanoGPT's `GPTConfig`).
///
/// Example:
/// ```swift
/// let config = GPTConfig(vocabularySize: 915, contextLength: 128, width: 128, heads: 4, layers: 4)
/// config.parameterCount   // the formula below, checked against the model in tests
/// ```
public struct GPTConfig: Codable, Equatable, Sendable {
    /// Token ids are `0..<vocabularySize`.
    public var vocabularySize: Int
    /// The longest sequence the model reads (its learned position table has this many rows).
    public var contextLength: Int
    /// d_model: the width of every token's vector.
    public var width: Int
    /// Attention heads per block; each is `width / heads` wide.
    public var heads: Int
    /// Transformer blocks.
    public var layers: Int
    /// Dropout on the embeddings and on each residual branch while training (GPT-2 used 0.1;
    /// small models on small data train faster without).
    public var dropout: Float
    /// Share the output head's weight with the token embedding table (GPT-2 does).
    public var tiedHead: Bool

    public init(
        vocabularySize: Int, contextLength: Int, width: Int, heads: Int, layers: Int,
        dropout: Float = 0, tiedHead: Bool = false
    ) {
        if let problem = GPTConfig.problem(
            vocabularySize: vocabularySize, contextLength: contextLength, width: width,
            heads: heads, layers: layers, dropout: dropout)
        {
            preconditionFailure("GPTConfig: \(problem.field) \(problem.value) \(problem.reason)")
        }
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.width = width
        self.heads = heads
        self.layers = layers
        self.dropout = dropout
        self.tiedHead = tiedHead
    }

    /// The parameter count, by formula: embeddings V·d + T·d; per block 4d² + 4d (attention)
    /// + 8d² + 5d (MLP) + 4d (two LayerNorms) = 12d² + 13d; the final LayerNorm 2d; the head
    /// V·d unless tied.
    public var parameterCount: Int {
        let d = width
        return vocabularySize * d + contextLength * d + layers * (12 * d * d + 13 * d) + 2 * d
            + (tiedHead ? 0 : vocabularySize * d)
    }

    /// The config as one line of JSON, stored in checkpoints' metadata.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)  // a plain struct always encodes
    }

    /// Decodes a config through the same checks as `init`: a file's numbers are untrusted.
    /// - Throws: `MetadataError` (file "GPT config"; field `config.heads`, …) for a value out of
    ///   bounds, `DecodingError` for one missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let vocabularySize = try values.decode(Int.self, forKey: .vocabularySize)
        let contextLength = try values.decode(Int.self, forKey: .contextLength)
        let width = try values.decode(Int.self, forKey: .width)
        let heads = try values.decode(Int.self, forKey: .heads)
        let layers = try values.decode(Int.self, forKey: .layers)
        let dropout = try values.decode(Float.self, forKey: .dropout)
        if let problem = GPTConfig.problem(
            vocabularySize: vocabularySize, contextLength: contextLength, width: width,
            heads: heads, layers: layers, dropout: dropout)
        {
            throw MetadataError(
                file: "GPT config", field: "config." + problem.field, value: problem.value,
                reason: problem.reason)
        }
        self.init(
            vocabularySize: vocabularySize, contextLength: contextLength, width: width, heads: heads,
            layers: layers, dropout: dropout, tiedHead: try values.decode(Bool.self, forKey: .tiedHead))
    }

    /// Reads a config from its JSON line.
    public init(json: String) throws {
        self = try JSONDecoder().decode(GPTConfig.self, from: Data(json.utf8))
    }
}
