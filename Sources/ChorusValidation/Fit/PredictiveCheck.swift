import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis

/// Posterior-predictive check of a debate fit (issue 12; docs/fit.md): the log's debates are
/// re-run from their observed round-1 answers with the fitted critic model (plug-in MLE
/// weights, summary view, `DebateFit`), `replicates` times, and per round the individual
/// accuracy, consensus (share of agents giving the round's plurality answer, `Vote.majority`)
/// and flip rate (share of agents whose answer differs from their previous-round answer) of
/// each replicate are compared with the log's: the row gives the log's value, the replicates'
/// mean and their central 95% interval. A log value outside the interval is a misfit of the
/// model (e.g. agents that write new answers, which the simulator's critic cannot).
///
/// Round 1 is conditioned on (it is the log's own), so its row only checks the bookkeeping.
public enum PredictiveCheck {
    /// One metric of one round: the log's value against the replicates'.
    public struct Row: Sendable {
        /// The debate round.
        public var round: Int
        /// The metric's name (`metrics`).
        public var metric: String
        /// The log's value.
        public var observed: Double
        /// The replicates' mean.
        public var predicted: Double
        /// The lower end of the replicates' central 95% interval.
        public var lower: Double
        /// The upper end of the replicates' central 95% interval.
        public var upper: Double
        /// Whether the log's value lies in the interval (with a 1e-12 allowance).
        public var inside: Bool { observed >= lower - 1e-12 && observed <= upper + 1e-12 }
    }

    /// The metrics checked, under their registry names (`flips.switches` is the flip rate:
    /// the share of agents whose answer differs from their previous-round answer).
    public static let metrics = [MetricName.accuracyIndividual, MetricName.consensus, MetricName.flips("switches")]

    struct Question {
        var agents: [Int]
        var rounds: [[String?]]          // observed answers by round index, agent order
        var correct: [String: Bool]
    }

    /// - Complexity: O(replicates · Q · R · N²).
    public static func run(_ debates: [DebateIndex.Debate], weights w: [Double], replicates: Int = 200,
                           stream: SeedStream = SeedStream(seed: 0)) -> [Row] {
        let qs: [Question] = debates.sorted { ($0.group.description, $0.question) < ($1.group.description, $1.question) }.compactMap { d in
            let rounds = d.rounds
            guard let first = rounds.first else { return nil }
            let agents = d.round(first).map(\.agent)
            var correct: [String: Bool] = [:]
            for r in rounds where d.hasTruth(round: r) { for rec in d.round(r) { if let a = rec.answer, correct[a] != true { correct[a] = d.isCorrect(a, round: r) } } }
            let obs = rounds.map { r in agents.map { a in d.responses[r]?[a]?.answer } }
            return Question(agents: agents, rounds: obs, correct: correct)
        }
        let R = qs.map(\.rounds.count).max() ?? 0
        guard R > 0 else { return [] }
        let observed = summarise(qs.map(\.rounds), qs, R)
        var sims: [[[Double]]] = []   // replicate → metric → round
        for rep in 0..<replicates {
            var g = stream.child(UInt64(rep)).generator()
            var all: [[[String?]]] = []
            for q in qs {
                var rounds = [q.rounds[0]]
                for _ in 1..<q.rounds.count {
                    let prev = rounds.last!
                    var next: [String?] = []
                    for i in prev.indices {
                        let peers = prev.indices.filter { $0 != i }.map { prev[$0] }
                        next.append(choose(own: prev[i], peers: peers, w: w, g: &g))
                    }
                    rounds.append(next)
                }
                all.append(rounds)
            }
            sims.append(summarise(all, qs, R))
        }
        var rows: [Row] = []
        for r in 0..<R {
            for (k, name) in metrics.enumerated() {
                let o = observed[k][r]
                guard o.isFinite else { continue }
                var v = sims.map { $0[k][r] }.filter(\.isFinite)
                guard !v.isEmpty else { continue }
                v.sort()
                let lo = v[Int((Double(v.count - 1) * 0.025).rounded())], hi = v[Int((Double(v.count - 1) * 0.975).rounded())]
                rows.append(Row(round: r + 1, metric: name, observed: o, predicted: v.reduce(0, +) / Double(v.count), lower: lo, upper: hi))
            }
        }
        return rows
    }

    /// Samples a critic's answer with the fitted weights (summary view, evidence and prior absent).
    static func choose(own: String?, peers: [String?], w: [Double], g: inout Xoshiro256) -> String? {
        var view: [String] = []
        if let own { view.append(own) }
        for case let p? in peers where !view.contains(p) { view.append(p) }
        guard !view.isEmpty else { return nil }
        let n1 = Double(max(1, peers.count))
        let z = view.map { a in w[0] * (a == own ? 1 : 0) + w[1] * Double(peers.filter { $0 == a }.count) / n1 }
        let mx = z.max()!
        let e = z.map { exp($0 - mx) }
        var u = g.nextUnit() * e.reduce(0, +)
        for (k, x) in e.enumerated() { u -= x; if u < 0 { return view[k] } }
        return view.last
    }

    /// metric → round → mean over questions (accuracy over questions with truth).
    static func summarise(_ answers: [[[String?]]], _ qs: [Question], _ R: Int) -> [[Double]] {
        var sums = [[Double]](repeating: [Double](repeating: 0, count: R), count: 3)
        var counts = sums
        for (q, rounds) in zip(qs, answers) {
            for (r, a) in rounds.enumerated() {
                let n = Double(a.count)
                if !q.correct.isEmpty {
                    sums[0][r] += Double(a.filter { $0.map { q.correct[$0] == true } ?? false }.count) / n; counts[0][r] += 1
                }
                let maj = Vote.majority(a.enumerated().map { (agent: $0.offset, answer: $0.element) })
                sums[1][r] += Double(a.filter { $0 != nil && $0 == maj }.count) / n; counts[1][r] += 1
                if r > 0 {
                    sums[2][r] += Double(zip(a, rounds[r - 1]).filter { $0.0 != $0.1 }.count) / n; counts[2][r] += 1
                }
            }
        }
        return (0..<3).map { k in (0..<R).map { r in counts[k][r] > 0 ? sums[k][r] / counts[k][r] : .nan } }
    }
}
