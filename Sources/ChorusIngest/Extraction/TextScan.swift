/// Low-level scans of reply text used by `AnswerExtractor`. All work on UTF-8 bytes and treat
/// only ASCII characters as syntax (digits are ASCII 0–9).
enum TextScan {
    /// The contents of every `\boxed{...}` whose braces balance, in order of the opening
    /// `\boxed{` (an inner box of a nested pair comes after its outer box).
    ///
    /// Braces are counted plainly (every `{` opens, every `}` closes), as in the MATH
    /// reference code (`last_boxed_only_string`, Hendrycks et al. 2021): the box closes at the
    /// first `}` that brings the depth back to zero. One pass matches all braces with a stack.
    /// - Complexity: O(n).
    static func boxedContents(_ s: String) -> [String] {
        let u = Array(s.utf8)
        let pattern: [UInt8] = Array("\\boxed{".utf8)
        var close = [Int](repeating: -1, count: u.count)   // for each '{', its matching '}'
        var stack: [Int] = []
        for (i, c) in u.enumerated() {
            if c == 0x7B { stack.append(i) } else if c == 0x7D, let o = stack.popLast() { close[o] = i }
        }
        var out: [String] = []
        var i = 0
        while i + pattern.count <= u.count {
            if u[i] == 0x5C && matches(u, at: i, pattern) {
                let brace = i + pattern.count - 1
                let j = close[brace]
                if j >= 0 { out.append(String(decoding: u[(brace + 1)..<j], as: UTF8.self)) }
            }
            i += 1
        }
        return out
    }

    /// The content of the last balanced `\boxed{...}` (by position of its opening), or nil.
    static func lastBoxed(_ s: String) -> String? { boxedContents(s).last }

    @inline(__always) static func matches(_ u: [UInt8], at i: Int, _ p: [UInt8]) -> Bool {
        guard i + p.count <= u.count else { return false }
        for k in 0..<p.count where u[i + k] != p[k] { return false }
        return true
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Every match of the regular expression `-?\d[\d,]*(\.\d+)?` (ASCII digits), scanned left
    /// to right without overlap, as `re.findall` would, with the commas removed.
    /// - Complexity: O(n).
    static func numbers<S: StringProtocol>(_ s: S) -> [String] {
        let u = Array(s.utf8)
        var out: [String] = []
        var i = 0
        while i < u.count {
            var start = -1
            if isDigit(u[i]) { start = i } else if u[i] == 0x2D, i + 1 < u.count, isDigit(u[i + 1]) { start = i }
            guard start >= 0 else { i += 1; continue }
            var j = u[i] == 0x2D ? i + 2 : i + 1
            while j < u.count, isDigit(u[j]) || u[j] == 0x2C { j += 1 }
            if j + 1 < u.count, u[j] == 0x2E, isDigit(u[j + 1]) {
                j += 2
                while j < u.count, isDigit(u[j]) { j += 1 }
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(j - start)
            for k in start..<j where u[k] != 0x2C { bytes.append(u[k]) }
            out.append(String(decoding: bytes, as: UTF8.self))
            i = j
        }
        return out
    }

    /// The letters X of every `(X)` with X in A–J, in order.
    static func choiceLetters<S: StringProtocol>(_ s: S) -> [String] {
        let u = Array(s.utf8)
        var out: [String] = []
        var i = 0
        while i + 2 < u.count {
            if u[i] == 0x28, u[i + 1] >= 0x41, u[i + 1] <= 0x4A, u[i + 2] == 0x29 {
                out.append(String(UnicodeScalar(u[i + 1])))
                i += 3
            } else { i += 1 }
        }
        return out
    }

    /// Significant digits kept in a canonical number (a Double needs up to 17 to round-trip, so
    /// the canonical form is within 5·10⁻¹⁵ relative of the number; far finer than the 1e-6
    /// comparison tolerance. PropertyTests checks this on every formatting of random Doubles).
    static let significantDigits = 15

    /// A decimal number string (`-?\d+(\.\d+)?`) in canonical form, so that the same number
    /// written differently is one answer in votes: rounded half up to 15 significant digits,
    /// no leading zeros in the integer part, no trailing zeros in the fraction, no "." without a
    /// fraction, no "-0". So "018.50" → "18.5", "-0.0" → "0", "1000" → "1000",
    /// "1.6454545454545454545" → "1.64545454545455". Exact decimal arithmetic on the digits.
    static func canonicalDecimal(_ s: String) -> String {
        var u = Array(s.utf8)
        var negative = false
        if u.first == 0x2D { negative = true; u.removeFirst() }
        var digits: [UInt8] = []       // all digits, integer part then fraction
        var point = u.count            // digits before the decimal point
        for (i, c) in u.enumerated() {
            if c == 0x2E { point = i } else if isDigit(c) { digits.append(c - 0x30) }
        }
        if point > digits.count { point = digits.count }
        guard let first = digits.firstIndex(where: { $0 != 0 }) else { return "0" }
        let cut = first + significantDigits
        if digits.count > cut {
            let roundUp = digits[cut] >= 5
            digits.removeSubrange(cut...)
            if roundUp {
                var k = cut - 1
                while k >= 0 {
                    if digits[k] == 9 { digits[k] = 0; k -= 1 } else { digits[k] += 1; break }
                }
                if k < 0 { digits.insert(1, at: 0); point += 1 }
            }
            while digits.count < point { digits.append(0) }    // integer digits beyond the cut are 0
        }
        let intPart = digits[..<point].drop(while: { $0 == 0 })
        var frac = digits[point...]
        while frac.last == 0 { frac = frac.dropLast() }
        if intPart.isEmpty && frac.isEmpty { return "0" }
        var out = intPart.isEmpty ? "0" : String(decoding: intPart.map { $0 + 0x30 }, as: UTF8.self)
        if !frac.isEmpty { out += "." + String(decoding: frac.map { $0 + 0x30 }, as: UTF8.self) }
        return negative ? "-" + out : out
    }
}
