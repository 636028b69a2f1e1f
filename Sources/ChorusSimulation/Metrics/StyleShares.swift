import Foundation
import ChorusAnalysis

/// Per-agent style shares: how each seat of the society spreads its responses over the
/// reasoning styles, the quantity behind the style-specialisation heat map (agent × style per
/// iteration; issue 13).
///
/// For agent i in role r (its generator seat, or its critic seat when the regime debates), and
/// style k (`TaskBank`: chain c belongs to style c mod K, the same styles on every question):
///
///     style_share.<r>.agent<i>.style<k> = (1/Q) Σ_q π_seat(style k | q)
///
/// exact, over the Q held-out questions, from the seat's generation policy (`PolicyTable.styleProb`;
/// a critic seat writes chains with its model's generation policy, as in `ExactMetrics`). Each
/// seat's shares sum to 1 over k. `entropy.style` is the mean over questions of the entropy of
/// the same per-question distributions; the shares show *which* style each agent keeps: at base
/// every seat has the same shares, a single agent that collapses moves them all onto one style,
/// agents that specialise move onto different styles.
/// - Complexity: O(Q · (N + N_critic) · K).
public enum StyleShares {
    /// The metric name of agent `agent`'s share of style `style` in role `role` (generator | critic):
    /// `MetricName.styleShare`, where the analysis and the figures read it too.
    public static func name(role: String, agent: Int, style: Int) -> String {
        MetricName.styleShare(role: role, agent: agent, style: style)
    }

    /// The (role, agent, style) of a style-share metric name, or nil when `name` is not one
    /// (`MetricName.parseStyleShare`).
    public static func parse(_ name: String) -> (role: String, agent: Int, style: Int)? {
        MetricName.parseStyleShare(name)
    }

    /// Appends (name, value) pairs for every generator seat, and every critic seat when
    /// `criticSeats` is not empty, in seat order.
    public static func compute(bank: TaskBank, tables: [PolicyTable], generatorSeats: [Int], criticSeats: [Int],
                               into out: inout [(String, Double)]) {
        let qs = bank.testStart..<(bank.testStart + bank.testCount)
        let k = bank.styles
        let nq = Double(qs.count)
        guard nq > 0, k > 0 else { return }
        var share = [Double](repeating: 0, count: k)
        for (role, seats) in [("generator", generatorSeats), ("critic", criticSeats)] {
            for (agent, seat) in seats.enumerated() {
                let t = tables[seat]
                for s in 0..<k { share[s] = 0 }
                for q in qs {
                    let r = (q - t.firstQuestion) * k
                    for s in 0..<k { share[s] += t.styleProb[r + s] }
                }
                for s in 0..<k { out.append((name(role: role, agent: agent, style: s), share[s] / nq)) }
            }
        }
    }
}
