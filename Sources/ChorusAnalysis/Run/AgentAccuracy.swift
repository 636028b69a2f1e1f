import Foundation
import ChorusStats
import ChorusRecords

/// Per-agent (per-model) accuracy by round, for heterogeneous debates (issue 12): in a debate
/// of different models the pooled accuracy hides that one model may be right far more often
/// than another.
///
/// Per (run, regime, seed, iteration, agent, round): the fraction of questions (with ground
/// truth) on which the agent is right (`QuestionMetrics.judge`; no answer is wrong), with a 95%
/// percentile bootstrap interval over questions (`RoundMetrics.bootstrapMean`).
public enum AgentAccuracy {
    public struct Row: Sendable {
        public var group: DebateIndex.Group
        public var agent: Int
        public var round: Int
        public var accuracy: Summary
        /// Fraction of the agent's responses of the round without an answer.
        public var noAnswerRate: Double
    }

    /// Rows in group order, then agent, then round.
    /// - Complexity: O(n + rows · replicates · Q).
    public static func table(_ index: DebateIndex, stream: SeedStream = SeedStream(seed: 0),
                             replicates: Int = RoundMetrics.replicates) -> [Row] {
        var rows: [Row] = []
        for g in index.groups {
            let debates = index.debates(g).sorted { $0.question < $1.question }
            let gs = stream.child(g.run).child(g.regime).child(g.seed ?? UInt64.max, UInt64(bitPattern: Int64(g.iteration)))
            for a in index.agents(g) {
                for r in index.rounds(g) {
                    var v: [Double] = []
                    var answered = 0, total = 0
                    for d in debates {
                        guard let rec = d.responses[r]?[a] else { continue }
                        total += 1
                        if rec.answer != nil { answered += 1 }
                        if let j = QuestionMetrics.judge(rec, in: d) { v.append(j ? 1 : 0) }
                    }
                    guard total > 0, !v.isEmpty else { continue }
                    rows.append(Row(group: g, agent: a, round: r,
                                    accuracy: RoundMetrics.bootstrapMean(v, stream: gs.child(UInt64(a), UInt64(r)), replicates: replicates),
                                    noAnswerRate: Double(total - answered) / Double(total)))
                }
            }
        }
        return rows
    }
}
