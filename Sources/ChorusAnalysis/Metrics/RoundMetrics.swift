import Foundation
import ChorusStats
import ChorusRecords

/// One row of the per-round table of a run and iteration (and regime and seed, for simulated runs).
///
/// Every `Summary` is a mean over questions with a 95% percentile bootstrap interval over
/// questions (`Describe.bootstrap`, 2000 replicates, seeded from the table's stream); a summary
/// with n = 0 (mean NaN) means the metric was undefined for every question.
public struct RoundRow: Sendable {
    /// The run identifier.
    public var run: String
    /// The regime name (`log` for real logs).
    public var regime: String
    /// The simulation seed; nil for real logs.
    public var seed: UInt64?
    /// The finetuning iteration (0 = base model).
    public var iteration: Int
    /// The debate round, 1-based.
    public var round: Int
    /// Questions with at least one record in this round.
    public var questions: Int
    /// Agents with at least one record in this round.
    public var agents: Int
    /// Mean fraction of agents right; nil when no question has ground truth.
    public var individualAccuracy: Summary?
    /// Fraction of questions whose majority vote is right; nil without ground truth.
    public var majorityAccuracy: Summary?
    /// Fraction of questions where some agent is right; nil without ground truth.
    public var oracleAccuracy: Summary?
    /// Fraction of questions where all agents gave the same answer.
    public var unanimity: Summary
    /// Mean fraction of answering agents agreeing with the majority.
    public var consensus: Summary
    /// Fraction of all responses of the round that gave no answer.
    public var noAnswerRate: Double
    /// Plug-in entropy (nats) of the agents' answers per question, mean over questions.
    public var answerEntropy: Summary
    /// Transitions from the previous round; nil for the first round present.
    public var flips: FlipCounts?
    /// Mean pairwise TF-IDF cosine dissimilarity of the round's texts per question
    /// (`TextDiversity.tfidfDissimilarity`), when at least two responses of a question have text.
    public var textDiversity: Double?
}

/// The per-round table of a transcript: accuracy, agreement, entropy and flips by round.
public enum RoundMetrics {
    /// Default bootstrap replicates for every interval of the table.
    public static let replicates = 2000

    /// One row per (run, regime, seed, iteration, round), in the order groups first appear in
    /// `records` and rounds ascending. Values enter the bootstrap ordered by question id, so the
    /// table does not depend on the order of the records. Bootstrap streams are children of `stream` named by the
    /// group, the round and the metric, so the table is the same for the same records and seed.
    /// - Complexity: O(n + rows · metrics · replicates · Q) for n records and Q questions.
    public static func table(_ records: [ResponseRecord], stream: SeedStream = SeedStream(seed: 0)) -> [RoundRow] {
        table(DebateIndex(records), stream: stream)
    }

    /// The table with a chosen number of bootstrap replicates (cost is linear in it; with many
    /// groups of large simulated transcripts, a few hundred suffice for 95% intervals).
    public static func table(_ records: [ResponseRecord], stream: SeedStream = SeedStream(seed: 0), replicates: Int) -> [RoundRow] {
        table(DebateIndex(records), stream: stream, replicates: replicates)
    }

    /// The table from an index already built: its debates fed, group by group, to a
    /// `RoundAccumulator` (the one implementation, shared with the streaming analysis).
    public static func table(_ index: DebateIndex, stream: SeedStream = SeedStream(seed: 0), replicates: Int = RoundMetrics.replicates) -> [RoundRow] {
        accumulate(index).rows(stream: stream, replicates: replicates)
    }

    /// An accumulator holding every debate of `index`, in the index's order.
    public static func accumulate(_ index: DebateIndex, textExtras: Bool = false, selfBLEU: Bool = false, agentAccuracy: Bool = false,
                                  roundMetrics: Bool = true) -> RoundAccumulator {
        var acc = RoundAccumulator(textExtras: textExtras, selfBLEU: selfBLEU, agentAccuracy: agentAccuracy, roundMetrics: roundMetrics)
        for g in index.groups { for d in index.debates(g) { acc.add(d) } }
        return acc
    }

    /// Mean with a percentile bootstrap interval over the values (questions); an empty input gives
    /// n = 0 and NaN everywhere, a single value an interval of zero width.
    public static func bootstrapMean(_ values: [Double], stream: SeedStream, level: Double = 0.95, replicates: Int = RoundMetrics.replicates) -> Summary {
        guard !values.isEmpty,
              let s = try? Describe.bootstrap(values, level: level, replicates: max(10, replicates), stream: stream)
        else { return emptySummary(level: level) }
        return s
    }

    /// A summary of no data: n = 0 and NaN statistics. (Summary's memberwise initialiser is
    /// internal to ChorusStats, so it is derived from a one-point summary.)
    public static func emptySummary(level: Double = 0.95) -> Summary {
        var s = (try? Describe.tInterval([0], level: level))!
        s.n = 0; s.mean = .nan; s.sd = .nan; s.se = .nan; s.lower = .nan; s.upper = .nan
        return s
    }
}
