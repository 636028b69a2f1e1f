/// Picks the answer task of a log from its ground truths, when `--task` is not given.
///
/// Each truth is classified: one letter A–J (optionally in parentheses) → choice (MMLU);
/// contains `####` → numeric (GSM8K); contains `\boxed` → math (MATH); otherwise has a number →
/// numeric; otherwise unclassified. The most common class wins (ties in the order choice,
/// numeric, math); no truths, or none classified → free.
public enum TaskDetector {
    /// The chosen task and a one-line explanation of why.
    public struct Choice: Sendable, Equatable {
        /// The task chosen.
        public var task: AnswerTask
        /// Why, in one line (e.g. "412 of 500 ground truths are a letter A–J").
        public var reason: String
    }

    /// The task whose class of ground truth is most common in `truths` (nil truths are missing).
    /// - Complexity: O(total length of the truths).
    public static func detect(truths: [String?]) -> Choice {
        var letter = 0, hashes = 0, boxed = 0, number = 0, other = 0, missing = 0
        for t in truths {
            guard let t else { missing += 1; continue }
            if AnswerExtractor.singleLetter(t) != nil { letter += 1 }
            else if t.contains("####") { hashes += 1 }
            else if t.contains("\\boxed") { boxed += 1 }
            else if !TextScan.numbers(t).isEmpty { number += 1 }
            else { other += 1 }
        }
        let total = truths.count
        if letter + hashes + boxed + number == 0 {
            return Choice(task: .free, reason: missing == total ? "no ground truth in the log" : "no ground truth is a letter, a number or a \\boxed answer")
        }
        let numeric = hashes + number
        let best = max(letter, numeric, boxed)
        func of(_ n: Int) -> String { "\(n) of \(total) ground truths" }
        if letter == best { return Choice(task: .choice, reason: "\(of(letter)) are a letter A–J") }
        if numeric == best {
            return Choice(task: .numeric, reason: hashes > 0 ? "\(of(hashes)) contain '####'" + (number > 0 ? ", \(number) more are numbers" : "") : "\(of(number)) are numbers")
        }
        return Choice(task: .math, reason: "\(of(boxed)) contain \\boxed")
    }
}
