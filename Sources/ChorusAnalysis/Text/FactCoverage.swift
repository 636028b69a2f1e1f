import Foundation

/// A lexical fact-coverage proxy for free-text answers (issue 12: the Du et al. biography task).
/// It is a *proxy*: word overlap, not a judgement of truth (no LLM judge); a reply that states
/// a fact in other words is missed, and one that negates a fact is counted.
///
/// A fact's content words are its `Tokenizer.words` of at least 3 characters that are not in
/// `stopwords`. A fact is covered by a reply when at least `threshold` (default 0.5) of its
/// distinct content words occur in the reply; facts without content words are ignored.
/// Coverage of a reply = covered facts / facts considered.
/// - Complexity: O(reply length + total fact length).
public enum FactCoverage {
    /// The share of a fact's content words a reply must contain to cover it.
    public static let threshold = 0.5

    /// Function words left out of the match.
    public static let stopwords: Set<String> = [
        "the", "and", "for", "was", "were", "with", "his", "her", "she", "him", "has", "had", "have", "from", "that",
        "this", "which", "who", "whom", "are", "also", "its", "their", "they", "them", "into", "after", "before", "during",
        "born", "not", "but", "one", "two", "been", "being", "there", "then", "than", "known", "served", "became",
    ]

    /// The distinct content words of a text.
    public static func contentWords(_ text: String) -> Set<String> {
        Set(Tokenizer.words(text).filter { $0.count >= 3 && !stopwords.contains($0) })
    }

    /// Facts from a ground-truth text: one per bullet or line when it has several lines, else
    /// one per sentence (split after '.', '!' or '?' followed by white space).
    public static func facts(fromText text: String) -> [String] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t-*•")) }.filter { !$0.isEmpty }
        if lines.count > 1 { return lines }
        var out: [String] = [], cur = ""
        var prevEnd = false
        for ch in text {
            if prevEnd && ch.isWhitespace {
                let t = cur.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { out.append(t) }
                cur = ""; prevEnd = false; continue
            }
            cur.append(ch)
            prevEnd = ch == "." || ch == "!" || ch == "?"
        }
        let t = cur.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty { out.append(t) }
        return out
    }

    /// Share of `facts` covered by `reply`; nil when no fact has content words.
    public static func coverage(_ reply: String, facts: [String], threshold: Double = FactCoverage.threshold) -> Double? {
        let words = contentWords(reply)
        var considered = 0, covered = 0
        for f in facts {
            let fw = contentWords(f)
            guard !fw.isEmpty else { continue }
            considered += 1
            if Double(fw.intersection(words).count) >= threshold * Double(fw.count) { covered += 1 }
        }
        return considered == 0 ? nil : Double(covered) / Double(considered)
    }
}
