import Foundation

/// A JSON syntax error at a byte offset of the scanned buffer.
package struct JSONSyntaxError: Error {
    /// The byte offset, in the scanned buffer, of the error.
    package var offset: Int
    /// What is wrong.
    package var reason: String

    /// An error at `offset`.
    @inlinable package init(offset: Int, reason: String) { self.offset = offset; self.reason = reason }
}

/// A hand-written JSON tokenizer over UTF-8 bytes (RFC 8259), the shared core of the ordered
/// document parser (`JSONDocument`) and the streaming JSON Lines record decoder.
///
/// Strict like Python's `json` module: no comments, no trailing commas, no control characters
/// inside strings, no NaN/Infinity. The buffer must already be valid UTF-8 (`UTF8Check`), so
/// string bytes can be turned into `String` without repair.
/// - Complexity: every method is linear in the bytes it consumes.
package struct JSONScanner {
    /// The deepest nesting of arrays and objects accepted (`skipValue`, `JSONDocument`).
    package static let maxDepth = 512

    /// The bytes scanned.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to scan.
    package var pos: Int = 0

    /// A scanner at the start of `bytes`.
    package init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Whether every byte has been scanned.
    package var atEnd: Bool { pos >= bytes.count }

    /// A syntax error at `offset` (by default the current position).
    @inlinable @inline(__always) package func fail(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? pos, reason: reason)
    }

    /// Skips JSON white space (space, tab, CR, LF).
    @inlinable @inline(__always) package mutating func skipWhitespace() {
        while pos < bytes.count {
            let c = bytes[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
        }
    }

    /// The next non-white byte, without consuming it; nil at the end.
    @inlinable @inline(__always) package mutating func peek() -> UInt8? {
        skipWhitespace()
        return pos < bytes.count ? bytes[pos] : nil
    }

    /// Consumes `c` (after white space) or throws.
    @inlinable @inline(__always) package mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard pos < bytes.count else { throw fail("unexpected end of input, expected \(what)") }
        guard bytes[pos] == c else { throw fail("expected \(what), found \(Self.describe(bytes[pos]))") }
        pos += 1
    }

    /// A byte, for a message: the character if it is printable ASCII, else its hex value.
    package static func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return String(format: "byte 0x%02X", c)
    }

    /// Parses a string literal (the opening quote is at `pos`).
    package mutating func readString() throws(JSONSyntaxError) -> String {
        guard pos < bytes.count, bytes[pos] == 0x22 else { throw fail("expected a string") }
        let start = pos + 1
        var i = start
        // Fast path: no escapes.
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if c == 0x5C { break }
            if c < 0x20 { throw fail("control character \(Self.describe(c)) inside a string (must be escaped)", at: i) }
            i += 1
        }
        guard i < bytes.count else { throw fail("unterminated string", at: start - 1) }
        // Slow path: decode escapes.
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<i]))
        out.reserveCapacity(out.count + 64)
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 {
                pos = i + 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw fail("control character \(Self.describe(c)) inside a string (must be escaped)", at: i) }
            if c != 0x5C { out.append(c); i += 1; continue }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            switch e {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x2F: out.append(0x2F)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4(at: i + 2)
                var consumed = 6
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by \u and a low surrogate.
                    if i + 7 < bytes.count, bytes[i + 6] == 0x5C, bytes[i + 7] == 0x75 {
                        let low = try hex4(at: i + 8)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            consumed = 12
                        } else { scalar = 0xFFFD }
                    } else { scalar = 0xFFFD }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD // lone low surrogate
                }
                appendUTF8(UInt32(scalar), to: &out)
                i += consumed
                continue
            default:
                throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: i)
            }
            i += 2
        }
        throw fail("unterminated string", at: start - 1)
    }

    private func hex4(at k: Int) throws(JSONSyntaxError) -> Int {
        guard k + 4 <= bytes.count else { throw fail("truncated \\u escape", at: k - 2) }
        var v = 0
        for j in k..<(k + 4) {
            let c = bytes[j]
            let d: Int
            switch c {
            case 0x30...0x39: d = Int(c) - 0x30
            case 0x41...0x46: d = Int(c) - 0x41 + 10
            case 0x61...0x66: d = Int(c) - 0x61 + 10
            default: throw fail("invalid \\u escape", at: k - 2)
            }
            v = v * 16 + d
        }
        return v
    }

    private func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case 0..<0x80: out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (s >> 6))); out.append(UInt8(0x80 | (s & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (s >> 12))); out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (s >> 18))); out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F))); out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }

    /// Scans a number literal (RFC 8259 grammar) at `pos` and returns its byte range.
    package mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        let start = pos
        var i = pos
        if i < bytes.count, bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("invalid number", at: start) }
        if bytes[i] == 0x30 {
            i += 1
            if i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { throw fail("invalid number (leading zero)", at: start) }
        } else {
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x2E {
            i += 1
            guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("invalid number (no digit after '.')", at: start) }
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        }
        if i < bytes.count, bytes[i] == 0x65 || bytes[i] == 0x45 {
            i += 1
            if i < bytes.count, bytes[i] == 0x2B || bytes[i] == 0x2D { i += 1 }
            guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("invalid number (bad exponent)", at: start) }
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        }
        pos = i
        return start..<i
    }

    /// The text of a byte range.
    package func text(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
    }

    /// An integer literal, or nil when the number has a fraction/exponent or overflows `Int`.
    package func integer(_ r: Range<Int>) -> Int? {
        var i = r.lowerBound
        var neg = false
        if bytes[i] == 0x2D { neg = true; i += 1 }
        var v = 0
        while i < r.upperBound {
            let c = bytes[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(c - 0x30))
            if o1 || o2 { return nil }
            v = s; i += 1
        }
        return neg ? -v : v
    }

    /// The value of a number literal as a Double.
    package func double(_ r: Range<Int>) -> Double {
        if let v = integer(r), abs(v) < (1 << 53) { return Double(v) }
        return Double(text(r)) ?? .nan
    }

    /// Consumes a literal word (`true`, `false`, `null`).
    package mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw fail("invalid literal") }
        let p = word.utf8Start
        for k in 0..<n where bytes[pos + k] != p[k] { throw fail("invalid literal") }
        pos += n
    }

    /// Skips one value of any kind (validating it), with a nesting limit.
    package mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        guard let c = peek() else { throw fail("unexpected end of input, expected a value") }
        switch c {
        case 0x22: _ = try skipString()
        case 0x7B:
            pos += 1
            if peek() == 0x7D { pos += 1; return }
            while true {
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == 0x22 else { throw fail(atEnd ? "unexpected end of input in an object" : "expected a key string") }
                _ = try skipString()
                try expect(0x3A, "':'")
                try skipValue(depth: depth + 1)
                guard let d = peek() else { throw fail("unexpected end of input in an object") }
                if d == 0x2C { pos += 1; continue }
                if d == 0x7D { pos += 1; return }
                throw fail("expected ',' or '}' in an object, found \(Self.describe(d))")
            }
        case 0x5B:
            pos += 1
            if peek() == 0x5D { pos += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                guard let d = peek() else { throw fail("unexpected end of input in an array") }
                if d == 0x2C { pos += 1; continue }
                if d == 0x5D { pos += 1; return }
                throw fail("expected ',' or ']' in an array, found \(Self.describe(d))")
            }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try scanNumber()
        }
    }

    /// Skips a string literal without building it; returns its raw content range.
    package mutating func skipString() throws(JSONSyntaxError) -> Range<Int> {
        let start = pos + 1
        var i = start
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x22 { pos = i + 1; return start..<i }
            if c < 0x20 { throw fail("control character \(Self.describe(c)) inside a string (must be escaped)", at: i) }
            if c == 0x5C {
                guard i + 1 < bytes.count else { break }
                let e = bytes[i + 1]
                switch e {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
                case 0x75: _ = try hex4(at: i + 2); i += 6
                default: throw fail("invalid escape in a string", at: i)
                }
                continue
            }
            i += 1
        }
        throw fail("unterminated string", at: start - 1)
    }
}
