import Engine

// MARK: - Reading attention weights and outputs as numbers

extension Tensor {
    /// The rows of a 2-D tensor [rows, columns] as Doubles, for printing and plotting.
    /// - Precondition: the tensor has at least one axis (its last is the row length).
    public var rowArrays: [[Double]] {
        let columns = shape.last!  // `!`: a tensor has at least one axis
        let values = scalars.map(Double.init)
        return stride(from: 0, to: values.count, by: columns).map { Array(values[$0..<($0 + columns)]) }
    }
}

/// What chapter 2 measures in attention: whether outputs are a reordering of each other, how
/// far apart rows are, and how much weight a head puts on a named pattern.
public enum AttentionPatterns {
    /// The largest entry-wise difference between `shuffled[p]` and `plain[permutation[p]]`: 0 (up
    /// to rounding) when the outputs for a permuted input are the plain outputs permuted the same
    /// way, as for attention without a mask.
    ///
    /// - Parameters:
    ///   - plain, shuffled: [T][d] outputs for the input and for the input reordered by `permutation`.
    ///   - permutation: position p of the shuffled input holds token `permutation[p]` of the plain one.
    public static func reorderingGap(plain: [[Double]], shuffled: [[Double]], permutation: [Int]) -> Double {
        var gap = 0.0
        for (position, source) in permutation.enumerated() {
            for column in plain[source].indices {
                gap = max(gap, abs(shuffled[position][column] - plain[source][column]))
            }
        }
        return gap
    }

    /// The largest entry-wise difference between any two rows of `rows` after the first (the
    /// first is left out because it holds a different token from the rest); 0 with under 3 rows.
    public static func spreadAfterFirst(_ rows: [[Double]]) -> Double {
        var spread = 0.0
        for a in rows.indices.dropFirst() {
            for b in rows.indices.dropFirst() where b > a {
                spread = max(spread, largestDifference(rows[a], rows[b]))
            }
        }
        return spread
    }

    /// The largest difference float32 rounding alone can explain between two computations of
    /// the same outputs: the classic bound for a sum of n products, n·ε·(largest magnitude), with
    /// ε = 2⁻²³ and n the number of terms behind each output (Higham, *Accuracy and Stability of
    /// Numerical Algorithms*, §3.1). A difference above it is not rounding.
    public static func roundingBound(terms: Int, rows: [[Double]]) -> Double {
        let magnitude = rows.flatMap { $0 }.map(abs).max() ?? 0
        return Double(max(terms, 1)) * Double(Float.ulpOfOne) * magnitude
    }

    /// "the same up to rounding" or "not a reordering: above what rounding explains", chosen by
    /// `roundingBound`.
    public static func reorderingWords(difference: Double, bound: Double) -> String {
        difference <= bound
            ? "the same up to rounding (float32 rounding allows \(String(format: "%.1g", bound)))"
            : "not a reordering: above the \(String(format: "%.1g", bound)) that rounding allows"
    }

    /// The largest entry-wise absolute difference between two equally long rows; 0 when empty.
    public static func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// Per head, the previous-token score (the mean weight position t puts on t − 1, over every
    /// t ≥ 1 of every sequence) and the induction score (the mean weight a position puts on
    /// `answers[b][t]`, over the positions that have one). Both are shares of weight, 0…1.
    ///
    /// - Parameters:
    ///   - weights: recorded attention weights [B, heads, T, T].
    ///   - answers: [B][T], the key position holding each query's answer, or nil where none is scored.
    public static func headScores(_ weights: Tensor, answers: [[Int?]]) -> [(previous: Double, induction: Double)] {
        let (batch, heads, length) = (weights.shape[0], weights.shape[1], weights.shape[2])
        let values = weights.scalars
        func weight(_ b: Int, _ h: Int, _ t: Int, _ s: Int) -> Double {
            Double(values[((b * heads + h) * length + t) * length + s])
        }
        return (0..<heads).map { h in
            var previous = 0.0, previousCount = 0.0, induction = 0.0, inductionCount = 0.0
            for b in 0..<batch {
                for t in 1..<length {
                    previous += weight(b, h, t, t - 1)
                    previousCount += 1
                    if let answer = answers[b][t] {
                        induction += weight(b, h, t, answer)
                        inductionCount += 1
                    }
                }
            }
            return (previous / max(previousCount, 1), induction / max(inductionCount, 1))
        }
    }
}

extension AttentionPatterns {
    /// The mean weight a head's rows `from...` put on the key `offset` positions back: for the
    /// copy task (offset L, from L) the share of weight on the symbol to predict next.
    ///
    /// - Parameter weights: one head's [T][T] weights; 0 when no row is at or after `from`.
    public static func meanWeight(_ weights: [[Double]], offset: Int, from: Int) -> Double {
        let values = (from..<weights.count).map { weights[$0][$0 - offset] }
        return values.reduce(0, +) / Double(max(values.count, 1))
    }
}
