// MARK: - Sizes read from a file

/// Arithmetic on sizes, counts and offsets read from a file, which are untrusted: a crafted
/// file can hold any number, and `a * b` on two of them traps on overflow. These return nil
/// instead, so a reader can throw an error naming the file before it allocates anything.
///
/// Example:
/// ```swift
/// guard let elements = UntrustedSize.product(shape),
///       let bytes = UntrustedSize.product([elements, 4]), bytes <= available
/// else { throw MyFileError.badShape(file, shape) }
/// ```
public enum UntrustedSize {
    /// The product of `factors`, or nil if any factor is negative or the product overflows
    /// `Int`. The product of no factors is 1 (a scalar's shape `[]` holds one element).
    public static func product<Factors: Sequence>(_ factors: Factors) -> Int? where Factors.Element == Int {
        var result = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (product, overflow) = result.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            result = product
        }
        return result
    }

    /// The sum of `terms`, or nil if any term is negative or the sum overflows `Int`.
    public static func sum<Terms: Sequence>(_ terms: Terms) -> Int? where Terms.Element == Int {
        var result = 0
        for term in terms {
            guard term >= 0 else { return nil }
            let (sum, overflow) = result.addingReportingOverflow(term)
            guard !overflow else { return nil }
            result = sum
        }
        return result
    }

    /// `count` if it lies in `0...limit`, else nil: a count read from a file, checked against
    /// how many items the file can possibly still hold before anything is reserved for it.
    public static func count(_ count: Int, atMost limit: Int) -> Int? {
        (0...max(limit, 0)).contains(count) ? count : nil
    }
}
