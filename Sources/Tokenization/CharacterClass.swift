// MARK: - Character classes of GPT-2's split pattern

/// The four kinds of character GPT-2's pattern tells apart, plus one for bytes that are not
/// UTF-8 at all.
///
/// `\p{L}` is a letter (general category L*), `\p{N}` a number (N*: digits, but also "Ⅻ"
/// and "½"), `\s` whitespace (the Unicode White_Space property), and everything else is
/// "other" — punctuation, symbols, emoji.
enum CharacterClass: UInt8, Sendable {
    case letter
    case number
    case whitespace
    case other
    /// A byte that does not start a valid UTF-8 sequence. It becomes a chunk of its own, so
    /// that any byte string — not only valid text — can be split and round-tripped.
    case invalid
}

/// One decoded character: its class and how many bytes it spans.
struct ClassifiedScalar {
    var characterClass: CharacterClass
    var length: Int
    /// True only for U+0020, the one space the pattern's ` ?` prefix may take.
    var isSpace: Bool
    /// The byte value when the character is ASCII (for the `'s` contractions), else 0.
    var ascii: UInt8
}

// MARK: - Classification

/// Classes of the 128 ASCII bytes, so the common case is one table lookup.
private let asciiClasses: [CharacterClass] = (0..<128).map { byte in
    let scalar = Unicode.Scalar(UInt8(byte))
    return unicodeClass(of: scalar)
}

/// The class of any Unicode scalar, from its properties.
private func unicodeClass(of scalar: Unicode.Scalar) -> CharacterClass {
    let properties = scalar.properties
    if properties.isWhitespace { return .whitespace }
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
        return .letter
    case .decimalNumber, .letterNumber, .otherNumber:
        return .number
    default:
        return .other
    }
}

/// Decodes and classifies the character starting at `position`.
///
/// A hand-written UTF-8 decoder, as strict as Swift's own: overlong forms, surrogates and
/// values above U+10FFFF are invalid. An invalid sequence is reported as one `.invalid` byte,
/// so the caller moves on by exactly one byte.
@inline(__always)
func classifyScalar(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> ClassifiedScalar {
    let lead = bytes[position]
    if lead < 0x80 {
        return ClassifiedScalar(
            characterClass: asciiClasses[Int(lead)], length: 1,
            isSpace: lead == 0x20, ascii: lead)
    }
    let invalid = ClassifiedScalar(characterClass: .invalid, length: 1, isSpace: false, ascii: 0)
    let length: Int
    var value: UInt32
    var minimum: UInt32
    switch lead {
    case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); minimum = 0x80
    case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); minimum = 0x800
    case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); minimum = 0x1_0000
    default: return invalid  // a continuation byte, or a lead byte UTF-8 never uses
    }
    guard position + length <= bytes.count else { return invalid }
    for offset in 1..<length {
        let continuation = bytes[position + offset]
        guard continuation & 0xC0 == 0x80 else { return invalid }
        value = value << 6 | UInt32(continuation & 0x3F)
    }
    guard value >= minimum, value <= 0x10_FFFF, !(0xD800...0xDFFF).contains(value),
        let scalar = Unicode.Scalar(value)
    else { return invalid }
    return ClassifiedScalar(
        characterClass: unicodeClass(of: scalar), length: length,
        isSpace: false, ascii: 0)
}
