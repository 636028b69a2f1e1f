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

    /// Mean over questions of the cross-agent NLL of the round's responses, the mean over
    /// ordered pairs (scorer i ≠ author j) of −log π_i(r_j | q) (`AnswerKernels.crossNLL`, the
    /// kernel the simulator's `sample.cross_nll` uses):
    ///   (1/Q) Σ_q (1/(n(n−1))) Σ_{i≠j} −log π_i(r_jq | q),
    /// with `logProbability(i, record)` returning log π_i of agent j's response (e.g. from a
    /// simulator's explicit policies, or a model scoring a logged response). A question enters
    /// only when every ordered pair of its ≥ 2 agents was scored (a partial matrix would weight
    /// agents unequally). For r ~ π_j the expectation is the cross-entropy
    /// H(π_j, π_i) = H(π_j) + KL(π_j‖π_i), so it mixes each agent's own entropy with the
    /// divergence between agents. Nil when no question was fully scored.
    /// - Complexity: O(Σ_q n_q²) calls of `logProbability`.
    public static func cross(_ debates: [DebateIndex.Debate], round: Int,
                             logProbability: (_ scorer: Int, _ response: ResponseRecord) -> Double?) -> Double? {
        var sum = 0.0, questions = 0
        var matrix: [Double] = []
        for d in debates {
            let recs = d.round(round)
            let n = recs.count
            guard n >= 2 else { continue }
            matrix.removeAll(keepingCapacity: true)
            var complete = true
            for scorer in recs.map(\.agent) {
                for r in recs {
                    if r.agent == scorer { matrix.append(0); continue }
                    guard let lp = logProbability(scorer, r) else { complete = false; break }
                    matrix.append(lp)
                }
                if !complete { break }
            }
            guard complete, let v = matrix.withUnsafeBufferPointer({ AnswerKernels.crossNLL($0, agents: n) }) else { continue }
            sum += v; questions += 1
        }
        return questions > 0 ? sum / Double(questions) : nil
    }
}
