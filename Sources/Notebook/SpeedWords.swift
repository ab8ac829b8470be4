// MARK: - Which of two methods is faster, size by size, in words chosen from the times

/// Words for two methods timed at the same sizes: which is faster where, and whether the margin
/// grows. Chosen from the times themselves, never assumed ("LAPACK is faster by a margin that
/// grows with n" is said only when the times show it).
///
/// Example:
/// ```swift
/// SpeedWords.compare(sizes: [32, 64], first: ("Jacobi", [0.001, 0.02]), second: ("LAPACK", [0.004, 0.003]))
/// // "Jacobi is faster at n = 32 and LAPACK from n = 64 on"
/// ```
public enum SpeedWords {
    /// - Parameters: `sizes` ascending; `first` and `second` the names and times (any one unit) at each size.
    public static func compare(
        sizes: [Int], first: (name: String, seconds: [Double]), second: (name: String, seconds: [Double])
    ) -> String {
        precondition(
            sizes.count == first.seconds.count && sizes.count == second.seconds.count && !sizes.isEmpty,
            "one time per size for each method")
        // ratio > 1: the first is slower.
        let ratios = zip(first.seconds, second.seconds).map { $0 / max($1, .leastNonzeroMagnitude) }
        let grows = zip(ratios, ratios.dropFirst()).allSatisfy { $1 > $0 }
        let shrinks = zip(ratios, ratios.dropFirst()).allSatisfy { $1 < $0 }
        if ratios.allSatisfy({ $0 > 1 }) {
            return "\(second.name) is faster at every size"
                + (sizes.count > 1 && grows ? ", by a margin that grows with n" : "")
        }
        if ratios.allSatisfy({ $0 < 1 }) {
            return "\(first.name) is faster at every size"
                + (sizes.count > 1 && shrinks ? ", by a margin that grows with n" : "")
        }
        // One switch from the first being faster to the second (or back), or none in order.
        let firstFaster = ratios.map { $0 < 1 }
        let switches = zip(firstFaster, firstFaster.dropFirst()).filter { $0 != $1 }.count
        guard switches == 1,
            let change = firstFaster.indices.dropFirst().first(where: { firstFaster[$0] != firstFaster[0] })
        else { return "neither is faster at every size: the times cross more than once" }
        let (early, late) = firstFaster[0] ? (first.name, second.name) : (second.name, first.name)
        let upTo = change == 1 ? "at n = \(sizes[0])" : "up to n = \(sizes[change - 1])"
        return "\(early) is faster \(upTo) and \(late) from n = \(sizes[change]) on"
    }
}
