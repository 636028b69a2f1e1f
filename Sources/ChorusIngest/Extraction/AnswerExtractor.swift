import Foundation

/// Reads answers out of free-text replies and ground truths, and compares them (issue 5,
/// docs/formats.md "Answer extraction"). An answer of nil is "no answer": it is counted and
/// reported, and never correct.
public enum AnswerExtractor {
    /// Relative tolerance of numeric comparison: |a − t| ≤ 1e-6 · max(1, |t|).
    public static let relativeTolerance = 1e-6

    /// The answer in a reply, in canonical form, or nil when there is none.
    ///
    /// - numeric: the content of the last balanced `\boxed{...}` if there is one, else the whole
    ///   reply; if that is one number in any notation (`1e5`), that number, else its last
    ///   number matching `-?\d[\d,]*(\.\d+)?`, commas removed, in canonical
    ///   decimal form ("018.50" → "18.5").
    /// - choice: the letter X of the last `(X)` with X in A–J.
    /// - math: the content of the last balanced `\boxed{...}`, normalised (`MathNormalizer`);
    ///   nil when there is no box or it normalises to nothing.
    /// - free: always nil (text metrics only).
    /// - Complexity: O(n) in the reply's length.
    public static func extract(_ reply: String, task: AnswerTask) -> String? {
        switch task {
        case .numeric:
            let scope = TextScan.lastBoxed(reply) ?? reply
            switch WholeNumber.read(scope) {
            case .number(let n): return TextScan.canonicalDecimal(n)
            case .outOfRange: return nil
            case .notANumber: return TextScan.numbers(scope).last.map(TextScan.canonicalDecimal)
            }
        case .choice:
            return TextScan.choiceLetters(reply).last
        case .math:
            guard let box = TextScan.lastBoxed(reply) else { return nil }
            let n = MathNormalizer.normalize(box)
            return n.isEmpty ? nil : n
        case .free:
            return nil
        }
    }

    /// The ground-truth answer in canonical form, or nil when none can be read.
    ///
    /// - numeric: when the text after the last `####` (or the whole text) is one number in any
    ///   notation (`1e5`, `2.5e-05`, `+7`), that number; else the first number after the last
    ///   `####` (GSM8K solutions end in `#### 18`), else the last number of the text.
    /// - choice: the letter, when the text is one letter A–J (optionally in parentheses, any
    ///   case, surrounding white space ignored), else the last `(X)` of the text.
    /// - math: the last balanced `\boxed{...}` normalised, else the whole text normalised.
    /// - free: nil.
    public static func truth(_ raw: String, task: AnswerTask) -> String? {
        switch task {
        case .numeric:
            // A truth that is one number in any notation (a JSON number may be `1e+16`) is read
            // whole, never as the digits of its exponent; beyond 1e±400 it has no answer.
            let marker = raw.range(of: "####", options: .backwards)
            let tail = marker.map { raw[$0.upperBound...] } ?? raw[...]
            switch WholeNumber.read(tail) {
            case .number(let n): return TextScan.canonicalDecimal(n)
            case .outOfRange: return nil
            case .notANumber:
                if marker != nil { return TextScan.numbers(tail).first.map(TextScan.canonicalDecimal) }
                return TextScan.numbers(raw).last.map(TextScan.canonicalDecimal)
            }
        case .choice:
            if let l = singleLetter(raw) { return l }
            return TextScan.choiceLetters(raw).last
        case .math:
            let n = MathNormalizer.normalize(TextScan.lastBoxed(raw) ?? raw)
            return n.isEmpty ? nil : n
        case .free:
            return nil
        }
    }

    /// Whether answer `a` equals truth `t` (both in the canonical forms above).
    ///
    /// - numeric: |a − t| ≤ 1e-6 · max(1, |t|).
    /// - choice: same letter.
    /// - math: equal strings, or both read as numbers and equal within the numeric tolerance.
    /// - free: never (there is no truth).
    public static func equal(_ a: String, _ t: String, task: AnswerTask) -> Bool {
        switch task {
        case .numeric:
            // Equal canonical strings are equal even beyond Double's range (a 400-digit answer
            // reads as +inf, and inf is never within tolerance).
            if a == t { return true }
            guard let x = Double(a), let y = Double(t) else { return false }
            return numbersEqual(x, y)
        case .choice:
            return a == t
        case .math:
            if a == t { return true }
            guard let x = Double(a), let y = Double(t) else { return false }
            return numbersEqual(x, y)
        case .free:
            return false
        }
    }

    /// Whether the answer is correct: nil without a truth; false for no answer.
    public static func correctness(answer: String?, truth: String?, task: AnswerTask) -> Bool? {
        guard let t = truth, task.hasAnswers else { return nil }
        guard let a = answer else { return false }
        return equal(a, t, task: task)
    }

    static func numbersEqual(_ a: Double, _ t: Double) -> Bool {
        guard a.isFinite, t.isFinite else { return false }
        return abs(a - t) <= relativeTolerance * max(1, abs(t))
    }

    /// "D", " d ", "(D)" → "D"; anything else → nil.
    static func singleLetter(_ raw: String) -> String? {
        var t = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if t.count == 3, t.first == "(", t.last == ")" { t = String(t.dropFirst().dropLast()) }
        guard t.count == 1, let c = t.unicodeScalars.first, c.value >= 0x41, c.value <= 0x4A else { return nil }
        return t
    }
}
