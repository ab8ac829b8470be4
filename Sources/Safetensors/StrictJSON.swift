import Engine

// MARK: - A strict JSON reader for untrusted headers

/// A JSON value as read by `StrictJSON`: objects keep no duplicate keys (a duplicate is an
/// error, not "the last one wins"), and numbers keep their literal text so the caller
/// decides what a number may be (a safetensors offset must be a non-negative integer; `2.0`,
/// `-1` and `1e3` are not).
public enum StrictJSONValue: Equatable, Sendable {
    case object([String: StrictJSONValue])
    case array([StrictJSONValue])
    case string(String)
    /// The number's literal text, already checked against JSON's number grammar.
    case number(String)
    case bool(Bool)
    case null

    /// The value as a non-negative integer that fits `Int`, or nil: only a literal of digits
    /// (no sign, fraction or exponent), accumulated with overflow checks.
    public var nonNegativeInteger: Int? {
        guard case .number(let text) = self, !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }
}

/// Why `StrictJSON.parse` refused its input; `offset` counts bytes from the start.
public enum StrictJSONError: Error, Equatable, CustomStringConvertible {
    case syntax(offset: Int, expected: String)
    case duplicateKey(String)
    case tooDeep(limit: Int)
    case invalidUTF8(offset: Int)

    public var description: String {
        switch self {
        case let .syntax(offset, expected): return "expected \(expected) at byte \(offset)"
        case let .duplicateKey(key): return "key \"\(key)\" appears twice in one object"
        case let .tooDeep(limit): return "nested deeper than \(limit) levels"
        case let .invalidUTF8(offset): return "invalid UTF-8 in a string at byte \(offset)"
        }
    }
}

/// RFC 8259 JSON, read strictly: one value and only whitespace around it, no duplicate keys
/// in any object, strings valid UTF-8 with no raw control characters, nesting bounded (so a
/// crafted `[[[[…` cannot overflow the stack). Foundation's `JSONSerialization` keeps one
/// of two equal keys silently, which is why the checkpoint reader uses this instead.
///
/// Example: `try StrictJSON.parse(Array(#"{"a":[1,2]}"#.utf8))` is
/// `.object(["a": .array([.number("1"), .number("2")])])`.
public struct StrictJSON {
    /// The deepest nesting accepted; a safetensors header needs 3.
    public static let depthLimit = 64

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses `bytes` as exactly one JSON value; throws `StrictJSONError`.
    public static func parse(_ bytes: [UInt8]) throws -> StrictJSONValue {
        var parser = StrictJSON(bytes)
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw StrictJSONError.syntax(offset: parser.index, expected: "end of input")
        }
        return value
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard current == byte else { throw StrictJSONError.syntax(offset: index, expected: what) }
        index += 1
    }

    private mutating func value() throws -> StrictJSONValue {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "{"): return try nested { try $0.object() }
        case UInt8(ascii: "["): return try nested { try $0.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func nested(_ body: (inout StrictJSON) throws -> StrictJSONValue) throws -> StrictJSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= StrictJSON.depthLimit else { throw StrictJSONError.tooDeep(limit: StrictJSON.depthLimit) }
        return try body(&self)
    }

    private mutating func object() throws -> StrictJSONValue {
        index += 1  // {
        var members: [String: StrictJSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw StrictJSONError.syntax(offset: index, expected: "a key") }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            let member = try value()
            guard members.updateValue(member, forKey: key) == nil else { throw StrictJSONError.duplicateKey(key) }
            skipWhitespace()
            if current == UInt8(ascii: "}") { index += 1; return .object(members) }
            try expect(UInt8(ascii: ","), "',' or '}'")
        }
    }

    private mutating func array() throws -> StrictJSONValue {
        index += 1  // [
        var elements: [StrictJSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            elements.append(try value())
            skipWhitespace()
            if current == UInt8(ascii: "]") { index += 1; return .array(elements) }
            try expect(UInt8(ascii: ","), "',' or ']'")
        }
    }

    private mutating func literal(_ word: String) throws {
        for byte in word.utf8 { try expect(byte, word) }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as text.
    private mutating func number() throws -> String {
        let start = index
        func digits(_ parser: inout StrictJSON) throws {
            guard let byte = parser.current, byte >= 0x30, byte <= 0x39 else {
                throw StrictJSONError.syntax(offset: parser.index, expected: "a value")
            }
            while let byte = parser.current, byte >= 0x30, byte <= 0x39 { parser.index += 1 }
        }
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") { index += 1 } else { try digits(&self) }
        if current == UInt8(ascii: ".") { index += 1; try digits(&self) }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            try digits(&self)
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A string with its escapes decoded (`\uD83D\uDE00` pairs included); raw bytes are
    /// checked to be valid UTF-8.
    private mutating func string() throws -> String {
        let start = index
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var run = index  // start of the current run of unescaped bytes
        func flush(_ parser: StrictJSON, to end: Int) throws {
            guard let text = String(validating: parser.bytes[run..<end], as: UTF8.self) else {
                throw StrictJSONError.invalidUTF8(offset: run)
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard let byte = current else { throw StrictJSONError.syntax(offset: start, expected: "a closing quote") }
            switch byte {
            case UInt8(ascii: "\""):
                try flush(self, to: index)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush(self, to: index)
                index += 1
                scalars.append(try escape())
                run = index
            case 0..<0x20:
                throw StrictJSONError.syntax(offset: index, expected: "an escaped control character")
            default:
                index += 1
            }
        }
    }

    private mutating func escape() throws -> Unicode.Scalar {
        guard let byte = current else { throw StrictJSONError.syntax(offset: index, expected: "an escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                try expect(UInt8(ascii: "\\"), "a low surrogate")
                try expect(UInt8(ascii: "u"), "a low surrogate")
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw StrictJSONError.syntax(offset: index, expected: "a low surrogate")
                }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw StrictJSONError.syntax(offset: index, expected: "a scalar, not a lone surrogate")
            }
            return scalar
        default:
            throw StrictJSONError.syntax(offset: index - 1, expected: "a valid escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigit(byte) else {
                throw StrictJSONError.syntax(offset: index, expected: "a hex digit")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: return UInt32(byte - 0x30)
        case 0x41...0x46: return UInt32(byte - 0x41 + 10)
        case 0x61...0x66: return UInt32(byte - 0x61 + 10)
        default: return nil
        }
    }
}
