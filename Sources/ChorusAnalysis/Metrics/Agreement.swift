import Foundation

/// Agreement between agents across the questions of one round.
public enum Agreement {
    /// Pairwise agreement matrix: A_ij = fraction of questions, among those both agents i and j
    /// answered in `round`, on which they gave the same answer. A_ii = 1 for an agent that
    /// answered anything; NaN where two agents share no answered question. Rows and columns are
    /// the agents of `agents` (default: every agent present, ascending).
    /// Known bias: chance agreement is not removed (two agents that both favour a common wrong
    /// answer agree without interacting); see `fleissKappa` for the chance-corrected version.
    /// - Complexity: O(Q · m²).
    public static func matrix(_ debates: [DebateIndex.Debate], round: Int, agents: [Int]? = nil) -> (agents: [Int], values: [[Double]]) {
        let ids = agents ?? Array(Set(debates.flatMap { $0.round(round).map(\.agent) })).sorted()
        let m = ids.count
        var same = [[Int]](repeating: [Int](repeating: 0, count: m), count: m)
        var both = same
        for d in debates {
            guard let byAgent = d.responses[round] else { continue }
            let a = ids.map { byAgent[$0]?.answer }
            for i in 0..<m {
                for j in 0..<m {
                    guard let x = a[i], let y = a[j] else { continue }
                    both[i][j] += 1
                    if x == y { same[i][j] += 1 }
                }
            }
        }
        let values = (0..<m).map { i in (0..<m).map { j in both[i][j] > 0 ? Double(same[i][j]) / Double(both[i][j]) : .nan } }
        return (ids, values)
    }

    /// Fleiss' kappa (Fleiss, "Measuring nominal scale agreement among many raters",
    /// Psychol. Bull. 76, 1971) with the agents as raters, the questions as subjects and the
    /// distinct answers as categories. Uses the questions on which all m ≥ 2 agents of the round
    /// answered (κ needs a fixed number of raters per subject):
    ///   P_i = (Σ_k n_ik² − m) / (m(m − 1)),  P̄ = mean_i P_i,  p_k = Σ_i n_ik / (Q m),
    ///   P̄_e = Σ_k p_k²,  κ = (P̄ − P̄_e) / (1 − P̄_e).
    /// Nil with fewer than one such question or when P̄_e = 1 (a single category: κ undefined).
    /// Known bias: categories are pooled across questions, so answers that differ per question
    /// (numbers) make P̄_e small and κ ≈ P̄; κ is most meaningful for a fixed label set (A–D).
    public static func fleissKappa(_ debates: [DebateIndex.Debate], round: Int) -> Double? {
        let m = Set(debates.flatMap { $0.round(round).map(\.agent) }).count
        guard m >= 2 else { return nil }
        var categoryTotals: [String: Int] = [:]
        var pSum = 0.0, q = 0
        for d in debates {
            let recs = d.round(round)
            guard recs.count == m, recs.allSatisfy({ $0.answer != nil }) else { continue }
            let tally = Vote.tally(recs.map(\.answer))
            let sq = tally.reduce(0) { $0 + $1.count * $1.count }
            pSum += Double(sq - m) / Double(m * (m - 1))
            for (a, c) in tally { categoryTotals[a, default: 0] += c }
            q += 1
        }
        guard q > 0 else { return nil }
        let pBar = pSum / Double(q)
        let total = Double(q * m)
        let pe = categoryTotals.keys.sorted().map { categoryTotals[$0]! }.reduce(0.0) { $0 + (Double($1) / total) * (Double($1) / total) }
        guard pe < 1 - 1e-15 else { return nil }
        return (pBar - pe) / (1 - pe)
    }
}
