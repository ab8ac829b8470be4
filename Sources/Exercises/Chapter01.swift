import Tokenization

// MARK: - Chapter 1 exercises: byte-pair encoding by hand
//
// Each exercise's title and hint are declared once, in Checks01.swift: `swift run exercises 1`
// shows them, and a stub's `notAttempted` error quotes them.
//
// Replace each `throw ExerciseError.notAttempted(...)` with your code, then run
// `swift run exercises 1` (or `swift test --filter ExerciseTests`) to check it.
// The book's own versions live in Sources/Tokenization/ — try not to peek until you're done.

/// Your solutions to chapter 1's exercises.
public enum Chapter01 {
    /// Exercise 1.1.
    ///
    /// Return how often each pair of neighbouring ids occurs in `ids`.
    /// Example: `[1, 2, 3, 1, 2]` → `{(1,2): 2, (2,3): 1, (3,1): 1}`.
    public static func pairCounts(_ ids: [Int]) throws -> [TokenPair: Int] {
        throw ExerciseError.notAttempted("1.1")
    }

    /// Exercise 1.2.
    ///
    /// Replace every occurrence of `pair` in `ids` (scanning left to right, without overlaps)
    /// by `newID`. Example: `[1, 1, 1, 2]` with pair (1, 1) → 9 gives `[9, 1, 2]`.
    public static func merge(_ ids: [Int], pair: TokenPair, newID: Int) throws -> [Int] {
        throw ExerciseError.notAttempted("1.2")
    }

    /// Exercise 1.3.
    ///
    /// `merges[k]` made token `256 + k`. Turn `bytes` into ids: start from the bytes
    /// themselves and apply the merges in the order they were learned.
    public static func encode(_ bytes: [UInt8], merges: [TokenPair]) throws -> [Int] {
        throw ExerciseError.notAttempted("1.3")
    }

    /// Exercise 1.4.
    ///
    /// Turn ids back into bytes: ids below 256 are bytes; id `256 + k` is the bytes of
    /// `merges[k].left` followed by those of `merges[k].right`.
    public static func decode(_ ids: [Int], merges: [TokenPair]) throws -> [UInt8] {
        throw ExerciseError.notAttempted("1.4")
    }

    /// Exercise 1.5 — The training loop.
    ///
    /// Learn up to `merges` merges from `bytes` (no pre-tokenizer: the bytes are one sequence),
    /// the way section 1.3 did by hand. `result[k]` is the pair that became id `256 + k`.
    /// Break ties between equally frequent pairs as this book's tokenizer does, and stop early
    /// when no pair occurs twice (merging a pair seen once compresses nothing).
    /// Example: `"aaabdaaabac"` with 3 merges → `[(97, 97), (97, 98), (256, 257)]`.
    public static func train(_ bytes: [UInt8], merges: Int) throws -> [TokenPair] {
        throw ExerciseError.notAttempted("1.5")
    }

    /// Exercise 1.6 — Special tokens, allowed or not.
    ///
    /// Encode `text` with `merges` (no pre-tokenizer) and the special tokens `specialTokens`:
    /// `specialTokens[k]` has id `256 + merges.count + k`. When `allowingSpecialTokens` is true,
    /// each occurrence of a special token in the text becomes its one id (where two could start
    /// at the same place, the longer one wins); when false, the text is ordinary bytes throughout.
    public static func encode(
        _ text: String, merges: [TokenPair], specialTokens: [String],
        allowingSpecialTokens: Bool
    ) throws -> [Int] {
        throw ExerciseError.notAttempted("1.6")
    }
}
