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
    /// One agent's accuracy in one round of one group.
    public struct Row: Sendable {
        /// The group (run, regime, seed, iteration).
        public var group: DebateIndex.Group
        /// The agent index, 0-based.
        public var agent: Int
        /// The debate round, 1-based.
        public var round: Int
        /// Fraction of questions with ground truth on which the agent is right, with its 95% bootstrap
        /// interval.
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
