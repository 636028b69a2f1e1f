import Foundation

/// The one implementation of the answer metrics of a debate round (issue 9), over integer-coded
/// answers: the simulator calls these on its debates, the log analyses on answers interned by
/// `AnswerCoding`, so a metric validated on simulated ground truth is the metric applied to logs.
///
/// Conventions, the same everywhere:
/// - an answer is a code in `0..<alphabet`, or `missing` (−1) for "no answer";
/// - **the plurality vote gives a tie to the largest code.** Log answers are coded in ascending
///   order of their strings (`AnswerCoding`), so a tie goes to the largest answer string, as in
///   the official multiagent-ft code (`most_frequent` sorts (count, answer) pairs and takes the
///   last). The simulator codes each question's answers by a random labelling fixed with its
///   task bank (`TaskBank.label`), so over banks a tie among k answers goes to the correct one
///   with probability 1/k, and given the bank the rule is deterministic, as in a log;
/// - sums run in ascending agent order, and over answers in ascending code order, so the two
///   callers get the same bits from the same answers.
/// All functions are allocation-free over buffers; array overloads are for the analyses.
public enum AnswerKernels {
    /// The code of "no answer".
    public static let missing = -1

    /// Counts each code: `counts[a] = #{j : answers[j] = a}` (missing answers skipped); returns
    /// the number of agents that answered. `counts` must have `alphabet` entries.
    /// - Complexity: O(n + alphabet).
    @inline(__always)
    public static func tally(_ answers: UnsafeBufferPointer<Int>, into counts: UnsafeMutableBufferPointer<Int>) -> Int {
        for a in 0..<counts.count { counts[a] = 0 }
        var answered = 0
        for x in answers where x >= 0 { counts[x] += 1; answered += 1 }
        return answered
    }

    /// The plurality answer: argmax_a counts[a], a tie to the largest code; `missing` when no
    /// answer has a count.
    /// - Complexity: O(alphabet).
    @inline(__always)
    public static func plurality(_ counts: UnsafeBufferPointer<Int>) -> Int {
        var best = 0, winner = missing
        for a in 0..<counts.count where counts[a] > 0 && counts[a] >= best { best = counts[a]; winner = a }
        return winner
    }

    /// Consensus: the share of answering agents whose answer is the plurality answer,
    /// #{j : a_j = ŷ} / #{j : a_j ≠ missing} (Subramaniam et al. 2025, §4.3). Nil when nobody
    /// answered. In [1/m, 1] for m answering agents.
    @inline(__always)
    public static func consensus(_ answers: UnsafeBufferPointer<Int>, plurality y: Int) -> Double? {
        var agree = 0, answered = 0
        for x in answers where x >= 0 { answered += 1; if x == y { agree += 1 } }
        return answered > 0 ? Double(agree) / Double(answered) : nil
    }

    /// Unanimity: 1 when every agent answered and all answers are equal, else 0 (nil with no agents).
    @inline(__always)
    public static func unanimous(_ answers: UnsafeBufferPointer<Int>) -> Double? {
        guard let first = answers.first else { return nil }
        guard first >= 0 else { return 0 }
        for x in answers where x != first { return 0 }
        return 1
    }

    /// Answer entropy (nats) of the answering agents: plug-in Ĥ = −Σ_a (n_a/m) ln(n_a/m) over
    /// codes in ascending order, and Miller–Madow Ĥ + (k − 1)/(2m), k = distinct answers seen,
    /// m = answering agents (Miller 1955). Nil when nobody answered.
    @inline(__always)
    public static func entropy(_ counts: UnsafeBufferPointer<Int>, answered m: Int) -> (plugIn: Double, millerMadow: Double)? {
        guard m > 0 else { return nil }
        var h = 0.0, distinct = 0.0
        for c in counts where c > 0 { let p = Double(c) / Double(m); h -= p * log(p); distinct += 1 }
        return (h, h + (distinct - 1) / (2 * Double(m)))
    }

    /// Answer disagreement: the share of agent pairs i < j whose answers differ (a missing answer
    /// differs from every answer, another missing one included): an unbiased estimate of
    /// P(two agents answer differently). Nil for fewer than two agents.
    @inline(__always)
    public static func disagreement(_ answers: UnsafeBufferPointer<Int>) -> Double? {
        let n = answers.count
        guard n >= 2 else { return nil }
        var differ = 0
        for i in 0..<n { for j in (i + 1)..<n where answers[i] < 0 || answers[i] != answers[j] { differ += 1 } }
        return Double(differ) / Double(n * (n - 1) / 2)
    }

    /// Flips between the first and the last round, per agent: the share of agents wrong first and
    /// right last (wrong→right) and right first and wrong last (right→wrong), over all n agents.
    @inline(__always)
    public static func flips(firstCorrect: UnsafeBufferPointer<Bool>, lastCorrect: UnsafeBufferPointer<Bool>)
        -> (wrongRight: Double, rightWrong: Double) {
        let n = firstCorrect.count
        var wr = 0, rw = 0
        for s in 0..<n {
            if !firstCorrect[s] && lastCorrect[s] { wr += 1 }
            if firstCorrect[s] && !lastCorrect[s] { rw += 1 }
        }
        return (Double(wr) / Double(n), Double(rw) / Double(n))
    }

    /// Cross-agent NLL of one round: the mean over ordered pairs (scorer i ≠ author j) of
    /// −log π_i(r_j), from `logP[i·n + j]` = log π_i(r_j) (Subramaniam et al. 2025, §4.3 (b)).
    /// Its expectation is the mean cross-entropy H(π_j, π_i) = H(π_j) + KL(π_j‖π_i). Nil for
    /// fewer than two agents.
    @inline(__always)
    public static func crossNLL(_ logP: UnsafeBufferPointer<Double>, agents n: Int) -> Double? {
        guard n >= 2 else { return nil }
        var s = 0.0
        for i in 0..<n { for j in 0..<n where j != i { s -= logP[i * n + j] } }
        return s / Double(n * (n - 1))
    }

    /// Embedding dissimilarity: the mean over pairs i < j of 1 − cos(e_i, e_j), with
    /// cos = e_i·e_j / √(|e_i|²|e_j|²) (§4.3 (c)); a zero vector has cosine 0 with anything.
    /// `e` holds n vectors of dimension d, row after row. Nil for fewer than two vectors.
    /// - Complexity: O(n² d).
    @inline(__always)
    public static func embeddingDissimilarity(_ e: UnsafeBufferPointer<Double>, count n: Int, dimension d: Int) -> Double? {
        guard n >= 2 else { return nil }
        var s = 0.0
        for i in 0..<n {
            for j in (i + 1)..<n {
                var dot = 0.0, ni = 0.0, nj = 0.0
                for t in 0..<d {
                    let x = e[i * d + t], y = e[j * d + t]
                    dot += x * y; ni += x * x; nj += y * y
                }
                s += ni > 0 && nj > 0 ? 1 - dot / (ni * nj).squareRoot() : 1
            }
        }
        return s / Double(n * (n - 1) / 2)
    }
}

// MARK: - Array overloads (allocate; for the log analyses, not for hot loops)

extension AnswerKernels {
    /// Counts of each code 0..<alphabet and the number answering.
    public static func tally(_ answers: [Int], alphabet: Int) -> (counts: [Int], answered: Int) {
        var counts = [Int](repeating: 0, count: alphabet)
        let m = answers.withUnsafeBufferPointer { a in counts.withUnsafeMutableBufferPointer { tally(a, into: $0) } }
        return (counts, m)
    }
    /// The plurality answer of `answers` (codes in `0..<alphabet`), a tie to the largest code:
    /// the array form of `plurality(_:)` over counts.
    /// - Complexity: O(n + alphabet).
    public static func plurality(_ answers: [Int], alphabet: Int) -> Int {
        tally(answers, alphabet: alphabet).counts.withUnsafeBufferPointer { plurality($0) }
    }
    /// Consensus #{j : a_j = y} / #{j : a_j ≠ missing}: the array form of the buffer overload.
    public static func consensus(_ answers: [Int], plurality y: Int) -> Double? {
        answers.withUnsafeBufferPointer { consensus($0, plurality: y) }
    }
    /// Unanimity (1 when every agent answered alike, else 0): the array form of the buffer overload.
    public static func unanimous(_ answers: [Int]) -> Double? { answers.withUnsafeBufferPointer { unanimous($0) } }
    /// Plug-in and Miller–Madow answer entropy (nats) of `answers`: the array form of the buffer
    /// overload. Nil when nobody answered.
    /// - Complexity: O(n + alphabet).
    public static func entropy(_ answers: [Int], alphabet: Int) -> (plugIn: Double, millerMadow: Double)? {
        let t = tally(answers, alphabet: alphabet)
        return t.counts.withUnsafeBufferPointer { entropy($0, answered: t.answered) }
    }
    /// The share of agent pairs whose answers differ: the array form of the buffer overload.
    /// - Complexity: O(n²).
    public static func disagreement(_ answers: [Int]) -> Double? { answers.withUnsafeBufferPointer { disagreement($0) } }
    /// The wrong→right and right→wrong shares of agents between two rounds: the array form of the
    /// buffer overload.
    public static func flips(firstCorrect: [Bool], lastCorrect: [Bool]) -> (wrongRight: Double, rightWrong: Double) {
        firstCorrect.withUnsafeBufferPointer { f in lastCorrect.withUnsafeBufferPointer { flips(firstCorrect: f, lastCorrect: $0) } }
    }
    /// Mean 1 − cos(e_i, e_j) over pairs i < j of equally long vectors (nil if their lengths
    /// differ or there are fewer than two): the array form of the buffer overload.
    /// - Complexity: O(n² d).
    public static func embeddingDissimilarity(_ e: [[Double]]) -> Double? {
        guard let d = e.first?.count, e.allSatisfy({ $0.count == d }) else { return nil }
        let flat = e.flatMap { $0 }
        return flat.withUnsafeBufferPointer { embeddingDissimilarity($0, count: e.count, dimension: d) }
    }
}
