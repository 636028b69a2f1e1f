/// Splitting response text into tokens and n-grams for the text-diversity metrics.
public enum Tokenizer {
    /// Lower-cased maximal runs of letters and digits; everything else separates tokens.
    /// "The answer is 42." → ["the", "answer", "is", "42"].
    /// - Complexity: O(length of the text).
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { cur.append(ch) } else if !cur.isEmpty { out.append(cur); cur = "" }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    /// The n-grams of a token list, in order (tokens joined by a space); empty when n > count.
    public static func ngrams(_ tokens: [String], n: Int) -> [String] {
        guard n >= 1, tokens.count >= n else { return [] }
        return (0...(tokens.count - n)).map { tokens[$0..<($0 + n)].joined(separator: " ") }
    }

    /// Counts of each n-gram.
    public static func ngramCounts(_ tokens: [String], n: Int) -> [String: Int] {
        var c: [String: Int] = [:]
        for g in ngrams(tokens, n: n) { c[g, default: 0] += 1 }
        return c
    }
}
