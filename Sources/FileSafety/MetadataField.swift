// MARK: - Numbers read from a file's metadata

/// A metadata value that cannot be trusted: not a number, not finite, or outside what the
/// reader can sensibly allocate. Names the file and the field, so the user knows what to fix.
///
/// Example: `model.safetensors: metadata field 'rank' is "0": must be an integer from 1 to 65536`
public struct MetadataError: Error, Equatable, CustomStringConvertible {
    /// The file the value was read from.
    public var file: String
    /// The field, e.g. `rank` or `config.heads`.
    public var field: String
    /// The value as it stands in the file (truncated for the message).
    public var value: String
    /// What the value must be instead.
    public var reason: String

    public init(file: String, field: String, value: String, reason: String) {
        self.file = file
        self.field = field
        self.value = value.count > 40 ? String(value.prefix(40)) + "…" : value
        self.reason = reason
    }

    public var description: String { "\(file): metadata field '\(field)' is \"\(value)\": \(reason)" }
}

/// Reading numbers from a `[String: String]` metadata table (safetensors' `__metadata__`) with
/// bounds, before anything is allocated from them.
///
/// Example:
/// ```swift
/// let rank = try MetadataField.integer("rank", in: metadata, range: 1...65_536, file: path)
/// let alpha = try MetadataField.finite("alpha", in: metadata, range: -1e6...1e6, file: path)
/// ```
public enum MetadataField {
    /// The integer in `field`, which must lie in `range`.
    /// - Throws: `MetadataError` when it is missing, not an integer, or out of range.
    public static func integer(
        _ field: String, in metadata: [String: String], range: ClosedRange<Int>,
        file: String
    ) throws -> Int {
        let text = metadata[field]
        guard let text, let value = Int(text), range.contains(value) else {
            throw MetadataError(
                file: file, field: field, value: text ?? "missing",
                reason: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The finite number in `field`, which must lie in `range` (NaN and ±infinity never do).
    /// - Throws: `MetadataError` when it is missing, not a number, not finite, or out of range.
    public static func finite(
        _ field: String, in metadata: [String: String], range: ClosedRange<Float>,
        file: String
    ) throws -> Float {
        let text = metadata[field]
        guard let text, let value = Float(text), value.isFinite, range.contains(value) else {
            throw MetadataError(
                file: file, field: field, value: text ?? "missing",
                reason: "must be a finite number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
