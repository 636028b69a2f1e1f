/// Answer strings interned to the integer codes of `AnswerKernels`.
///
/// The distinct answers are sorted in ascending order of their Unicode scalar values (the
/// order of Python's `sorted` on `str`, which the official multiagent-ft code uses) and coded
/// 0, 1, …; nil ("no answer") is `AnswerKernels.missing`. Since the codes keep the strings'
/// order, the kernels' "tie to the largest code" is "tie to the largest answer string".
/// - Complexity: O(m log m) for m distinct answers, plus hashing.
public struct AnswerCoding: Sendable {
    /// The distinct answers in code order.
    public let answers: [String]
    private let code: [String: Int]

    /// The coding of every non-nil answer in `strings`.
    public init<S: Sequence>(_ strings: S) where S.Element == String? {
        let distinct = Set(strings.compactMap { $0 })
        answers = distinct.sorted { AnswerCoding.precedes($0, $1) }
        var c: [String: Int] = [:]
        for (i, a) in answers.enumerated() { c[a] = i }
        code = c
    }

    /// Number of distinct answers (the alphabet of the codes).
    public var alphabet: Int { answers.count }

    /// The code of an answer (`missing` for nil or an answer not in the coding).
    public func code(_ answer: String?) -> Int {
        guard let a = answer, let c = code[a] else { return AnswerKernels.missing }
        return c
    }

    /// The answer of a code (nil for `missing`).
    public func answer(_ code: Int) -> String? { code >= 0 && code < answers.count ? answers[code] : nil }

    /// Ascending order of Unicode scalar values, element by element (a prefix first).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): if x != y { return x.value < y.value }
            }
        }
    }
}
