// MARK: - A checksum to catch corruption

/// FNV-1a, 64 bits (Fowler, Noll, Vo): one multiply and one xor per byte. Not cryptographic —
/// it catches truncation, bit rot and hand edits, not an attacker who rewrites the checksum.
///
/// Example: `Checksum.fnv1a64Hex(Array("hello".utf8))` → `"a430d84680aabd0b"`
public enum Checksum {
    /// The 64-bit FNV-1a hash of `bytes`.
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325           // the FNV offset basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3            // the FNV prime
        }
        return hash
    }

    /// The hash as 16 lowercase hex digits, zero-padded.
    public static func fnv1a64Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = String(fnv1a64(bytes), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
