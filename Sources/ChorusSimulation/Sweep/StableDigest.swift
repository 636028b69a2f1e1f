/// A stable 128-bit digest of a text, as 32 hex digits: two independent 64-bit FNV-1a hashes
/// (different offset bases) finalised with SplitMix64's mixer.
///
/// Used to name sweep points by their resolved configuration: it must be the same on every
/// machine and every run (unlike `String.hashValue`). It is an identifier, not a cryptographic
/// hash: with 10^6 points the chance of any collision is about 10^-27.
/// - Complexity: O(bytes).
enum StableDigest {
    static func hex(_ text: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x84222325_cbf29ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = b ^ (b >> 29)
        }
        return hex64(mix(a ^ UInt64(text.utf8.count))) + hex64(mix(b &+ 0x9e37_79b9_7f4a_7c15))
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private static func hex64(_ x: UInt64) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
