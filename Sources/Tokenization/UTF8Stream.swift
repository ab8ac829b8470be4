// MARK: - Printing tokens as they come, without breaking characters

/// Turns a stream of token bytes into text as it arrives, holding back a character that a
/// token ended in the middle of.
///
/// A byte-level BPE token is a run of bytes, not of characters: "é" is two bytes in UTF-8
/// and may be split across two tokens, an emoji's four across up to four. Decoding each token
/// on its own would print a replacement character "�" for each half. This keeps the bytes
/// of an unfinished character until the bytes that complete it arrive. Bytes that can never
/// become a character (an invalid sequence) are printed as "�", as `String(decoding:)` does.
///
/// Example:
/// ```swift
/// var stream = UTF8Stream()
/// print(stream.append([0x63, 0x61, 0x66, 0xC3]), terminator: "")   // "caf" — 0xC3 waits
/// print(stream.append([0xA9]), terminator: "")                     // "é"
/// print(stream.finish())                                           // "" (nothing held)
/// ```
public struct UTF8Stream: Sendable {
    /// Bytes of a character that has begun but not ended.
    public private(set) var pending: [UInt8] = []

    public init() {}

    /// The text that `bytes` complete, leaving the bytes of an unfinished last character pending.
    public mutating func append(_ bytes: [UInt8]) -> String {
        pending += bytes
        let complete = pending.count - UTF8Stream.unfinishedSuffixLength(pending)
        let text = String(decoding: pending[..<complete], as: UTF8.self)
        pending.removeFirst(complete)
        return text
    }

    /// Whatever is still pending, decoded (an unfinished character becomes "�"); empties the stream.
    public mutating func finish() -> String {
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }

    /// How many bytes at the end of `bytes` are the start of a character still missing bytes:
    /// a lead byte (110xxxxx, 1110xxxx, 11110xxx) followed by fewer continuation bytes
    /// (10xxxxxx) than it announces. 0 when the bytes end on a character boundary, or when the
    /// tail is invalid anyway (then waiting would not help).
    static func unfinishedSuffixLength(_ bytes: [UInt8]) -> Int {
        var continuations = 0
        for byte in bytes.reversed() {
            if byte & 0b1100_0000 == 0b1000_0000 {  // a continuation byte
                continuations += 1
                if continuations > 3 { return 0 }
                continue
            }
            let needed: Int
            switch byte {
            case 0b1100_0000...0b1101_1111: needed = 1
            case 0b1110_0000...0b1110_1111: needed = 2
            case 0b1111_0000...0b1111_0111: needed = 3
            default: return 0  // ASCII or an invalid lead: nothing to wait for
            }
            return continuations < needed ? continuations + 1 : 0
        }
        return 0
    }
}
