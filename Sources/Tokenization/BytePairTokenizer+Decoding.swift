// MARK: - Decoding: ids → bytes → text

extension BytePairTokenizer {
    /// The bytes of `ids`, concatenated: exactly the bytes that were encoded.
    ///
    /// Example: `tokenizer.decodeBytes(tokenizer.encode(bytes: [0xFF, 0xFE]))` is `[0xFF, 0xFE]`.
    public func decodeBytes(_ ids: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 4)
        for id in ids { bytes.append(contentsOf: tokenBytes(id)) }
        return bytes
    }

    /// The text of `ids`.
    ///
    /// Trap: a single token can end in the middle of a UTF-8 character (a model samples one
    /// token at a time). Such bytes are shown as U+FFFD "�" here — decode the whole sequence,
    /// not token by token, or use `decodeBytes` and decode when the character is complete.
    ///
    /// Example: `tokenizer.decode(tokenizer.encode("héllo"))` is `"héllo"`.
    public func decode(_ ids: [Int]) -> String {
        String(decoding: decodeBytes(ids), as: UTF8.self)
    }

    /// Each token as a readable piece: its text when it is valid UTF-8, else its bytes in hex
    /// (`<0xE2>`), so partial characters stay visible.
    ///
    /// Example: `tokenizer.pieces(tokenizer.encode("Once upon"))` might be `["Once", " upon"]`.
    public func pieces(_ ids: [Int]) -> [String] {
        ids.map { id in
            let bytes = tokenBytes(id)
            let text = String(decoding: bytes, as: UTF8.self)
            if text.utf8.elementsEqual(bytes) { return text }  // valid UTF-8: nothing was replaced
            return bytes.map { "<0x" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) + ">" }.joined()
        }
    }

    /// The tokens of `ids` as a Swift-style list of quoted pieces, escapes shown, so that
    /// spaces and newlines inside tokens are visible.
    ///
    /// Example:
    /// ```swift
    /// tokenizer.describe(tokenizer.encode("Once upon\n"))   // ["Once", " upon", "\n"]
    /// ```
    public func describe(_ ids: [Int]) -> String {
        "[" + pieces(ids).map { String(reflecting: $0) }.joined(separator: ", ") + "]"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
