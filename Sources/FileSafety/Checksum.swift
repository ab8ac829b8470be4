// MARK: - A checksum to catch corruption

/// FNV-1a, 64 bits (Fowler, Noll, Vo): one multiply and one xor per byte. Not cryptographic —
/// it catches truncation, bit rot and hand edits, not an attacker who rewrites the checksum.
///
/// Example: `Checksum.fnv1a64Hex(Array("hello".utf8))` → `"a430d84680aabd0b"`
public enum Checksum {
    /// The FNV offset basis: the hash of no bytes, where a running hash starts.
    public static let fnv1a64Start: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The 64-bit FNV-1a hash of `bytes`.
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        fnv1a64(bytes, continuing: fnv1a64Start)
    }

    /// Continues a running FNV-1a hash with `bytes`, so data held in pieces (a model's tensors)
    /// hashes as if it were one buffer: `fnv1a64(b, continuing: fnv1a64(a)) == fnv1a64(a + b)`.
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes, continuing hash: UInt64) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3  // the FNV prime
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits, zero-padded.
    public static func fnv1a64Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = String(fnv1a64(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
