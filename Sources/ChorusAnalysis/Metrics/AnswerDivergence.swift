import Foundation
import ChorusStats
import ChorusRecords

/// Jensen–Shannon divergence among agents' answer distributions, estimated from samples.
///
/// With agent j contributing N_j samples (N = Σ N_j, weights w_j = N_j/N), the plug-in estimate
/// is the empirical mutual information between agent identity and answer,
///   ĴS = Ĥ(pooled) − Σ_j w_j Ĥ(p̂_j),
/// which equals JS_w of the empirical distributions (Lin, "Divergence measures based on the
/// Shannon entropy", IEEE TIT 37, 1991). It is biased *upwards*: each plug-in entropy is low by
/// (K − 1)/(2N_·) to first order (Miller 1955), so
///   E[ĴS] − JS ≈ (K − 1)(m − 1) / (2N)
/// for m agents and K answer values (Treves & Panzeri, Neural Comput. 7, 1995), which is large
/// when each agent gives few answers. `corrected` subtracts this with K the number of distinct
/// answers seen (itself biased low, so the correction is slightly too small); it can be
/// negative when the true JS is near 0.
public enum AnswerDivergence {
    /// The plug-in and bias-corrected estimates of one Jensen–Shannon divergence.
    public struct Estimate: Sendable, Equatable {
        /// Plug-in JS (nats).
        public var plugIn: Double
        /// First-order bias (K̂ − 1)(m − 1)/(2N).
        public var bias: Double
        /// plugIn − bias.
        public var corrected: Double { plugIn - bias }
        /// Agents with at least one sample, distinct answers seen, total samples.
        public var agents: Int, categories: Int, samples: Int
    }

    /// The estimate from each agent's list of answers (nil answers are dropped).
    /// Nil when fewer than one agent has samples.
    public static func jensenShannon(samples: [[String?]]) -> Estimate? {
        let lists = samples.map { $0.compactMap { $0 } }.filter { !$0.isEmpty }
        guard !lists.isEmpty else { return nil }
        var pooled: [String: Int] = [:]
        var condH = 0.0
        let n = lists.reduce(0) { $0 + $1.count }
        for l in lists {
            var c: [String: Int] = [:]
            for a in l { c[a, default: 0] += 1; pooled[a, default: 0] += 1 }
            condH += Double(l.count) / Double(n) * plugInEntropy(Array(c.values))
        }
        let js = max(0, plugInEntropy(Array(pooled.values)) - condH)
        let k = pooled.count, m = lists.count
        return Estimate(plugIn: js, bias: Double((k - 1) * (m - 1)) / (2 * Double(n)), agents: m, categories: k, samples: n)
    }

    /// Mean over questions of the per-question JS among agents, where agent j's samples for a
    /// question are all its answers to it in `round` across the given debates (e.g. repeated
    /// runs or seeds of the same society: pass the debates of several groups). Nil when no
    /// question has answers. With one answer per agent per question, ĴS equals the plug-in
    /// entropy of the answers and the correction (K̂ − 1)(m − 1)/(2m) is as large: JS is then not
    /// identifiable, which the corrected value shows.
    public static func perQuestion(_ debates: [DebateIndex.Debate], round: Int) -> (plugIn: Double, corrected: Double, questions: Int)? {
        var byQ: [String: [Int: [String?]]] = [:]
        for d in debates {
            for r in d.round(round) { byQ[d.question, default: [:]][r.agent, default: []].append(r.answer) }
        }
        var p = 0.0, c = 0.0, q = 0
        for question in byQ.keys.sorted() {   // sorted: sums in a fixed order, same bytes every run
            let agents = byQ[question]!
            guard let e = jensenShannon(samples: agents.keys.sorted().map { agents[$0]! }) else { continue }
            p += e.plugIn; c += e.corrected; q += 1
        }
        return q > 0 ? (p / Double(q), c / Double(q), q) : nil
    }

    /// JS among agents of a per-response category pooled over questions: agent j's samples are
    /// `category(r)` for all its responses in `round` (e.g. the simulator's chain `style`, whose
    /// values mean the same on every question). Nil when no response has a category.
    /// - Complexity: O(responses).
    public static func amongAgents(_ debates: [DebateIndex.Debate], round: Int,
                                   category: (ResponseRecord) -> String?) -> Estimate? {
        var byAgent: [Int: [String?]] = [:]
        for d in debates { for r in d.round(round) { if let c = category(r) { byAgent[r.agent, default: []].append(c) } } }
        return jensenShannon(samples: byAgent.keys.sorted().map { byAgent[$0]! })
    }

    /// Plug-in entropy of counts. The counts are summed in sorted order: callers pass dictionary
    /// values, whose order Swift randomises per process, and a floating-point sum in that order
    /// differs in the last bits from run to run.
    static func plugInEntropy(_ counts: [Int]) -> Double {
        let n = Double(counts.reduce(0, +))
        var h = 0.0
        for c in counts.sorted() where c > 0 { let p = Double(c) / n; h -= p * log(p) }
        return h
    }
}
