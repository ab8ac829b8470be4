import Foundation

/// Number formatting for the book's prose, tables and results, in one house style.
public enum Format {
    /// `x` with `digits` decimals: fixed(3.14159, 2) == "3.14".
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        return String(format: "%.\(digits)f", x)
    }

    public static func fixed(_ x: Float, _ digits: Int) -> String { fixed(Double(x), digits) }

    /// `x` with an explicit sign: signed(0.0123, 3) == "+0.012", signed(-2, 1) == "−2.0".
    public static func signed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return fixed(x, digits) }
        let magnitude = fixed(abs(x), digits)
        return (x < 0 && magnitude != fixed(Double(0), digits) ? "−" : "+") + magnitude
    }

    /// A share as a percentage: percent(0.4567) == "45.7%".
    public static func percent(_ share: Double, _ digits: Int = 1) -> String {
        fixed(share * 100, digits) + "%"
    }

    /// An integer with thousands separators: count(1234567) == "1,234,567".
    public static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A byte count in decimal units: bytes(2_500_000) == "2.5 MB".
    public static func bytes(_ n: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var value = n
        var unit = 0
        while abs(value) >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        if unit == 0 { return "\(Int(value)) B" }
        let digits: Int
        switch abs(value) {
        case ..<10: digits = 2
        case ..<100: digits = 1
        default: digits = 0
        }
        return fixed(value, digits) + " " + units[unit]
    }

    public static func bytes(_ n: Int) -> String { bytes(Double(n)) }

    /// A duration: "0.42 s", "12.3 s", "3 min 05 s".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        // Under a second in milliseconds, so that a short time does not print as "0.00 s".
        if seconds < 0.01 { return fixed(seconds * 1000, 2) + " ms" }
        if seconds < 1 { return fixed(seconds * 1000, 1) + " ms" }
        if seconds < 10 { return fixed(seconds, 2) + " s" }
        if seconds < 60 { return fixed(seconds, 1) + " s" }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min " + String(format: "%02d", whole % 60) + " s"
    }

    /// A rate with a metric prefix: rate(15300) == "15.3k".
    public static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return fixed(perSecond / 1e6, 1) + "M" }
        if perSecond >= 1e4 { return fixed(perSecond / 1e3, 1) + "k" }
        if perSecond >= 100 { return fixed(perSecond, 0) }
        return fixed(perSecond, 1)
    }

    /// A compact significant-figure form for values of any magnitude: "0.000123", "1.23e+06".
    public static func significant(_ x: Double, _ digits: Int = 3) -> String {
        String(format: "%.\(digits)g", x)
    }

    /// A small matrix as aligned text with optional row and column labels, for printing the
    /// numbers of a worked example.
    public static func matrix(
        _ rows: [[Double]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
        digits: Int = 2
    ) -> String {
        let cells = rows.map { $0.map { fixed($0, digits) } }
        let columns = rows.first?.count ?? 0
        let labelWidth = rowLabels?.map(displayWidth).max() ?? 0
        let widths = (0..<columns).map { column in
            max(cells.map { displayWidth($0[column]) }.max() ?? 0, columnLabels.map { displayWidth($0[column]) } ?? 0)
        }
        var lines: [String] = []
        if let columnLabels {
            lines.append(
                padded("", to: labelWidth) + "  "
                    + (0..<columns).map {
                        padded(columnLabels[$0], to: widths[$0], alignRight: true)
                    }.joined(separator: " "))
        }
        for (index, row) in cells.enumerated() {
            let label = rowLabels.map { padded($0[index], to: labelWidth) + "  " } ?? ""
            let cellText = (0..<columns).map { padded(row[$0], to: widths[$0], alignRight: true) }
                .joined(separator: " ")
            lines.append(label + cellText)
        }
        return lines.joined(separator: "\n")
    }
}
