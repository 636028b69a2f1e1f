/// FNV-1a, 64 bits, written out independently of the code under test (offset basis
/// 14695981039346656037, prime 1099511628211; the same function as the Python script
/// `Tests/ChorusIngestTests/Independent/expected_realdata.py`). Pass the previous hash as `h0`
/// to continue a digest.
public func fnv1a(_ bytes: some Sequence<UInt8>, _ h0: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var h = h0
    for b in bytes { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01B3 }
    return h
}

/// FNV-1a 64 of a string's UTF-8 bytes as 16 lower-case hex digits.
public func fnv1aHex(_ s: String) -> String {
    let hex = String(fnv1a(s.utf8), radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
