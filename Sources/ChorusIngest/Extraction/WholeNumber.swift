/// A text that is one number and nothing else, in any decimal notation (`18`, `+18`, `-0.5`,
/// `.5`, `1e5`, `1E+16`, `2.5e-05`, `1,000`), read exactly as a decimal string.
///
/// Ground truths often arrive as JSON numbers, whose literal may use an exponent; the reply
/// regex of the reference code (`-?\d[\d,]*(\.\d+)?`) would read `1e5` as its last number, 5.
/// A truth (or a boxed answer) that is a whole number is therefore read here first.
enum WholeNumber {
    /// Largest |exponent| expanded: 10^400 is already beyond Double, and a larger exponent
    /// would make a string of that many digits.
    static let maxExponent = 400

    enum Reading: Equatable {
        /// The number as `-?\d+(\.\d+)?` (before `TextScan.canonicalDecimal`).
        case number(String)
        /// A number whose exponent is beyond `maxExponent`.
        case outOfRange
        /// Not one number.
        case notANumber
    }

    /// Reads `text` (surrounding white space ignored).
    /// - Complexity: O(n + |exponent|).
    static func read<S: StringProtocol>(_ text: S) -> Reading {
        var u = Array(text.utf8)[...]
        while let f = u.first, f == 0x20 || f == 0x09 || f == 0x0A || f == 0x0D { u = u.dropFirst() }
        while let l = u.last, l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D { u = u.dropLast() }
        var negative = false
        if let f = u.first, f == 0x2D || f == 0x2B { negative = f == 0x2D; u = u.dropFirst() }
        var intDigits: [UInt8] = [], fracDigits: [UInt8] = []
        var sawPoint = false
        var exponentStart: Int? = nil
        var lastWasComma = false
        for (k, c) in u.enumerated() {
            if TextScan.isDigit(c) {
                if sawPoint { fracDigits.append(c) } else { intDigits.append(c) }
                lastWasComma = false
            } else if c == 0x2C, !sawPoint, !intDigits.isEmpty, !lastWasComma {
                lastWasComma = true          // thousands separator
            } else if c == 0x2E, !sawPoint, !lastWasComma {
                sawPoint = true
            } else if c == 0x65 || c == 0x45 {
                exponentStart = k + 1; break
            } else {
                return .notANumber
            }
        }
        guard !lastWasComma, !(intDigits.isEmpty && fracDigits.isEmpty) else { return .notANumber }
        var exponent = 0
        if let e = exponentStart {
            var rest = Array(u.dropFirst(e))[...]
            var expNegative = false
            if let f = rest.first, f == 0x2D || f == 0x2B { expNegative = f == 0x2D; rest = rest.dropFirst() }
            guard !rest.isEmpty, rest.allSatisfy(TextScan.isDigit) else { return .notANumber }
            let significant = rest.drop(while: { $0 == 0x30 })
            if significant.count > 4 { return .outOfRange }
            exponent = significant.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            if exponent > maxExponent { return .outOfRange }
            if expNegative { exponent = -exponent }
        }
        // Shift the decimal point by the exponent, exactly, on the digit string.
        var digits = intDigits + fracDigits
        var point = intDigits.count + exponent
        if point < 0 { digits.insert(contentsOf: [UInt8](repeating: 0x30, count: -point), at: 0); point = 0 }
        if point > digits.count { digits.append(contentsOf: [UInt8](repeating: 0x30, count: point - digits.count)) }
        var s = String(decoding: digits[..<point], as: UTF8.self)
        if s.isEmpty { s = "0" }
        if point < digits.count { s += "." + String(decoding: digits[point...], as: UTF8.self) }
        return .number(negative ? "-" + s : s)
    }
}
