import ChorusStats
import ChorusRecords

/// Per-question metrics of one debate round: the values that `RoundMetrics` averages over
/// questions. Each returns nil when it is undefined for the question (stated per function).
///
/// Conventions: a nil answer is "no answer" and never correct; a question "has ground truth"
/// in a round when any of its records carries `correct` or `truth`.
public enum QuestionMetrics {
    /// Whether one response is right: its `correct` flag, else its answer judged against the
    /// round's records (`Debate.isCorrect`); nil when the round has no ground truth.
    public static func judge(_ r: ResponseRecord, in d: DebateIndex.Debate) -> Bool? {
        guard d.hasTruth(round: r.round) else { return nil }
        if let c = r.correct { return c && r.answer != nil }
        return d.isCorrect(r.answer, round: r.round)
    }

    /// Individual accuracy: the fraction of the round's agents that are right,
    /// (1/m) Σ_j 1[a_j = y]. Nil without ground truth or agents.
    public static func individualAccuracy(_ d: DebateIndex.Debate, round: Int) -> Double? {
        let recs = d.round(round)
        guard !recs.isEmpty, d.hasTruth(round: round) else { return nil }
        return Double(recs.filter { judge($0, in: d) == true }.count) / Double(recs.count)
    }

    /// Majority accuracy: 1 when the round's majority vote (`Vote.majority`) is right, else 0
    /// (also 0 when nobody answered). Nil without ground truth.
    public static func majorityCorrect(_ d: DebateIndex.Debate, round: Int) -> Double? {
        guard !d.round(round).isEmpty, d.hasTruth(round: round) else { return nil }
        return d.isCorrect(d.majority(round: round), round: round) ? 1 : 0
    }

    /// Oracle accuracy: 1 when any agent of the round is right (an upper bound on what any
    /// aggregation of the answers could reach). Nil without ground truth.
    public static func oracleCorrect(_ d: DebateIndex.Debate, round: Int) -> Double? {
        let recs = d.round(round)
        guard !recs.isEmpty, d.hasTruth(round: round) else { return nil }
        return recs.contains { judge($0, in: d) == true } ? 1 : 0
    }

    /// Unanimity: 1 when every agent of the round gave an answer and all answers are equal, else 0
    /// (`AnswerKernels.unanimous`). Nil when the round has no records for this question.
    public static func unanimous(_ d: DebateIndex.Debate, round: Int) -> Double? {
        AnswerKernels.unanimous(codes(d, round: round).codes)
    }

    /// Consensus: the fraction of answering agents whose answer equals the plurality answer,
    /// c = #{j : a_j = ŷ} / #{j : a_j ≠ nil} (`AnswerKernels.consensus`; Subramaniam et al. 2025,
    /// §4.3 "consensus"). In [1/m', 1] for m' answering agents. Nil when nobody answered.
    /// Known bias: with few agents it is coarse (m = 3 gives only 1/3, 2/3, 1) and it rises
    /// with fewer answering agents.
    public static func consensus(_ d: DebateIndex.Debate, round: Int) -> Double? {
        let (coding, c) = codes(d, round: round)
        return AnswerKernels.consensus(c, plurality: AnswerKernels.plurality(c, alphabet: coding.alphabet))
    }

    /// The round's answers in agent order, coded by the debate's `AnswerCoding`.
    public static func codes(_ d: DebateIndex.Debate, round: Int) -> (coding: AnswerCoding, codes: [Int]) {
        let coding = d.coding
        return (coding, d.round(round).map { coding.code($0.answer) })
    }

    /// Fraction of the round's agents that gave no answer. Nil when there are no records.
    public static func noAnswerFraction(_ d: DebateIndex.Debate, round: Int) -> Double? {
        let recs = d.round(round)
        guard !recs.isEmpty else { return nil }
        return Double(recs.filter { $0.answer == nil }.count) / Double(recs.count)
    }

    /// The counts of each distinct answer among the round's answering agents.
    public static func answerCounts(_ d: DebateIndex.Debate, round: Int) -> [Int] {
        Vote.tally(d.round(round).map(\.answer)).map(\.count)
    }

    /// Entropy (nats) of the answers the round's agents gave, by an `EntropyEstimator`
    /// (plug-in by default). `alphabetSize` is NSB's K (default: the distinct answers seen).
    /// Nil when nobody answered. Known bias: the plug-in estimate from m answers is biased
    /// down by about (K−1)/(2m) — large for m = 3 (see `chorus validate --study 1`).
    public static func answerEntropy(_ d: DebateIndex.Debate, round: Int,
                                     estimator: EntropyEstimator = .plugIn, alphabetSize: Int? = nil) -> Double? {
        let counts = answerCounts(d, round: round)
        guard !counts.isEmpty else { return nil }
        let k = max(alphabetSize ?? counts.count, counts.count)
        return try? estimator.estimate(counts, alphabetSize: k)
    }
}
