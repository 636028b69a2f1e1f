import Foundation

/// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
package enum UTF8Check {
    /// Length of a leading UTF-8 byte-order mark (0 or 3).
    package static func bomLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }

    /// Whether the bytes start with a UTF-16 or UTF-32 byte-order mark.
    package static func hasUTF16BOM(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))
    }

    /// The offset of the first byte that is not part of valid UTF-8, with a description; nil
    /// when all bytes are valid.
    /// - Complexity: O(n), with an 8-bytes-at-a-time path for ASCII.
    package static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> (offset: Int, detail: String)? {
        let n = b.count
        guard let base = b.baseAddress else { return nil }
        if hasUTF16BOM(b) { return (0, "starts with a UTF-16 byte-order mark; convert the file to UTF-8") }
        var i = 0
        while i < n {
            // ASCII fast path, 8 bytes at a time.
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return nil }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return (i, String(format: "invalid byte 0x%02X", c))
            }
            guard i + len <= n else { return (i, "truncated multi-byte sequence at the end") }
            guard b[i + 1] >= lo, b[i + 1] <= hi else { return (i, String(format: "invalid sequence starting 0x%02X 0x%02X", c, b[i + 1])) }
            for k in 2..<max(2, len) where b[i + k] < 0x80 || b[i + k] > 0xBF {
                return (i, String(format: "invalid continuation byte 0x%02X", b[i + k]))
            }
            i += len
        }
        return nil
    }
}
