import Engine
import Tasks

// MARK: - Prompt + response rows, and which positions are the response

/// B rows of prompt + response token ids, right-padded to one length T, with the bookkeeping
/// every RLHF loss needs: which positions predict a RESPONSE token.
///
/// Position t of a row reads tokens 0…t and predicts token t + 1. The response's k-th token
/// (k = 0, 1, …) sits at P + k, so it is predicted at position P − 1 + k: the "action
/// positions" of a row are P − 1 ..< P − 1 + R (P prompt tokens, R response tokens). Every
/// other position — the prompt, the last token, the padding — is masked: no log-probability,
/// no reward, no value, no loss there.
///
///     tokens:   p0 p1 p2 r0 r1 r2 pad pad        P = 3, R = 3, T = 8
///     targets:  ·  ·  r0 r1 r2 ·  ·   ·          (· = ignoreIndex)
///     mask:     0  0  1  1  1  0  0   0
///
/// Padding comes after the response, and attention is causal, so it never changes what an
/// earlier position computes.
///
/// Example:
/// ```swift
/// let batch = ResponseBatch(prompts: [[5, 6, 7], [5, 8]], responses: [[9, 10, 2], [11]], padding: 0)
/// batch.length               // 6: the longest row
/// batch.lastTokenIndices     // [5, 2]: where a reward model reads each row
/// ```
public struct ResponseBatch: Sendable {
    /// The target that counts for nothing (as `SupervisedTask.ignoreIndex`).
    public static let ignoreIndex = -1

    /// B·T ids, row after row.
    public let tokens: [Int]
    /// B.
    public let size: Int
    /// T: the longest prompt + response.
    public let length: Int
    public let promptLengths: [Int]
    public let responseLengths: [Int]

    /// - Parameters:
    ///   - prompts: B non-empty prompts.
    ///   - responses: B responses (each may be empty: then the row has no action position).
    ///   - padding: any valid id; padded positions are masked wherever it matters.
    public init(prompts: [[Int]], responses: [[Int]], padding: Int) {
        precondition(
            !prompts.isEmpty && prompts.count == responses.count,
            "\(prompts.count) prompts need as many responses (got \(responses.count))")
        precondition(prompts.allSatisfy { !$0.isEmpty }, "every row needs a non-empty prompt")
        size = prompts.count
        promptLengths = prompts.map(\.count)
        responseLengths = responses.map(\.count)
        length = zip(prompts, responses).map { $0.count + $1.count }.max() ?? 0
        var tokens: [Int] = []
        tokens.reserveCapacity(size * length)
        for (prompt, response) in zip(prompts, responses) {
            let row = prompt + response
            tokens += row + Array(repeating: padding, count: length - row.count)
        }
        self.tokens = tokens
    }

    /// Whether position t of row b predicts a response token.
    public func isActionPosition(row: Int, position: Int) -> Bool {
        let first = promptLengths[row] - 1
        return position >= first && position < first + responseLengths[row]
    }

    /// B·T next-token targets: the response token each action position predicts, and
    /// `ignoreIndex` everywhere else.
    public var responseTargets: [Int] {
        var targets = [Int](repeating: ResponseBatch.ignoreIndex, count: size * length)
        for row in 0..<size {
            let first = promptLengths[row] - 1
            for position in first..<(first + responseLengths[row]) {
                targets[row * length + position] = tokens[row * length + position + 1]
            }
        }
        return targets
    }

    /// B·T ones on action positions, zeros elsewhere.
    public var responseMask: [Float] { responseTargets.map { $0 == ResponseBatch.ignoreIndex ? 0 : 1 } }

    /// The flat index (b·T + t) of each row's action positions, in order: where the
    /// response's tokens are predicted, so `actionIndices[b][k]` is token k's.
    public var actionIndices: [[Int]] {
        (0..<size).map { row in
            let first = promptLengths[row] - 1
            return (first..<(first + responseLengths[row])).map { row * length + $0 }
        }
    }

    /// The position of each row's last real token (P + R − 1): where a reward model reads
    /// the whole conversation.
    public var lastTokenIndices: [Int] { (0..<size).map { promptLengths[$0] + responseLengths[$0] - 1 } }
}

// MARK: - Picking rows of a [B, T, C] tensor

extension Tensor {
    /// The vectors at (row b, position `positions[b]`) of a `[B, T, C]` tensor: `[B, C]`,
    /// with the gradient flowing back to exactly those positions.
    ///
    /// Example: `hidden.vectors(atPositions: batch.lastTokenIndices)` — a reward model's input.
    public func vectors(atPositions positions: [Int]) -> Tensor {
        precondition(rank == 3 && positions.count == shape[0], "vectors(atPositions:) needs [B, T, C] and B positions")
        let time = shape[1], width = shape[2]
        let flat = reshaped([shape[0] * time, width])  // [B·T, C]
        let picked = positions.enumerated().map { row, position -> Tensor in
            precondition(position >= 0 && position < time, "position \(position) outside 0..<\(time)")
            let index = row * time + position
            return flat.sliced(alongAxis: 0, range: index..<(index + 1))  // [1, C]
        }
        return Tensor.concatenate(picked, alongAxis: 0)  // [B, C]
    }
}
