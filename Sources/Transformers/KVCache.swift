import Engine

/// The keys and values every block has computed so far for `rows` sequences, so that
/// generating one more token costs one token's forward pass instead of a pass over the
/// whole sequence.
///
/// Without a cache, generating n tokens runs the model on 1, 2, …, n tokens: O(n²) token
/// passes. With it, each new token computes only its own query, key and value and attends
/// to the stored keys and values: n passes of one token each. Rows fill independently, so
/// prompts of different lengths can be generated together, one batched pass per token.
///
/// Example:
/// ```swift
/// let cache = KeyValueCache(config: model.config, rows: 2)
/// _ = model(promptA, batch: 1, cache: cache, rows: [0])      // prefill row 0
/// _ = model(promptB, batch: 1, cache: cache, rows: [1])      // prefill row 1
/// let logits = model([nextA, nextB], batch: 2, cache: cache) // one token for both rows
/// ```
public final class KeyValueCache {
    /// How many sequences it holds.
    public let rows: Int
    /// How many positions each row can hold: the model's context length.
    public let capacity: Int
    /// How many positions each row holds now.
    public private(set) var lengths: [Int]
    /// One store per block.
    let stores: [KeyValueStore]

    /// An empty cache for `rows` sequences of `config`'s model.
    public init(config: GPTConfig, rows: Int = 1) {
        precondition(rows >= 1, "a cache needs at least one row")
        self.rows = rows
        capacity = config.contextLength
        lengths = Array(repeating: 0, count: rows)
        stores = (0..<config.layers).map { _ in
            KeyValueStore(rows: rows, heads: config.heads, capacity: config.contextLength, channels: config.width)
        }
    }

    /// Positions still free in `row`.
    public func remaining(inRow row: Int) -> Int { capacity - lengths[row] }

    /// Forgets everything (e.g. before new prompts).
    public func reset() { lengths = Array(repeating: 0, count: rows) }

    /// Records that `count` positions were appended to each of `rows`.
    func advance(rows: [Int], by count: Int) {
        for row in rows { lengths[row] += count }
    }
}

/// What one layer's attention needs of the cache for one forward pass: its store, which
/// rows the batch's sequences continue, and how many positions each row held before.
public struct LayerCache {
    public let store: KeyValueStore
    public let rows: [Int]
    public let lengths: [Int]
}
