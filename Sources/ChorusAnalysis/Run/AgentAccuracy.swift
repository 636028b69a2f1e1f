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
        RoundMetrics.accumulate(index, agentAccuracy: true, roundMetrics: false).agentRows(stream: stream, replicates: replicates)
    }
}
