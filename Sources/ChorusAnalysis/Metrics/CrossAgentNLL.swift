import ChorusRecords

/// Negative log-likelihood that agents assign to responses: the paper's diversity measure (b)
/// (Subramaniam et al. 2025, §4.3: "the negative log-likelihood that one agent assigns to the
/// other agents' responses"; higher = the agents write things the others would not).
public enum CrossAgentNLL {
    /// Mean of −logProbability over the records that carry one: how surprised each agent is by
    /// its *own* response (an entropy estimate: E[−log π(r)] = H(π) for r ~ π, unbiased).
    /// Nil when no record carries a log-probability.
    public static func selfNLL(_ records: [ResponseRecord]) -> Double? {
        let v = records.compactMap(\.logProbability)
        return v.isEmpty ? nil : -v.reduce(0, +) / Double(v.count)
    }

    /// Mean cross-agent NLL over ordered pairs (scorer i ≠ author j) of the round's responses:
    ///   (1/P) Σ_q Σ_{i≠j} −log π_i(r_jq | q),
    /// with `logProbability(i, record)` returning log π_i of agent j's response (e.g. from a
    /// simulator's explicit policies, or a model scoring a logged response). Pairs the scorer
    /// cannot score (nil) are skipped. For r ~ π_j its expectation is the cross-entropy
    /// H(π_j, π_i) = H(π_j) + KL(π_j‖π_i), so it mixes each agent's own entropy with the
    /// divergence between agents. Nil when no pair was scored.
    public static func cross(_ debates: [DebateIndex.Debate], round: Int,
                             logProbability: (_ scorer: Int, _ response: ResponseRecord) -> Double?) -> Double? {
        var s = 0.0, n = 0
        for d in debates {
            let recs = d.round(round)
            for scorer in recs.map(\.agent) {
                for r in recs where r.agent != scorer {
                    if let lp = logProbability(scorer, r) { s -= lp; n += 1 }
                }
            }
        }
        return n > 0 ? s / Double(n) : nil
    }
}
