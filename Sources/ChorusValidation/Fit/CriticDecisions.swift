import Foundation
import ChorusRecords
import ChorusAnalysis

/// The critic decisions of a debate log, as the simulator's critic choice model sees them
/// (docs/model.md §2; docs/fit.md): in round m ≥ 2 agent i chooses an answer among those in
/// its view of round m − 1 (its own previous answer and its N − 1 peers' previous answers,
/// the *summary* view), with features per answer a in view
///
///     f(a) = ([a = own], share(a)),   share(a) = (# peers answering a) / (N − 1).
///
/// Stored flat: decision d has `count[d]` alternatives starting at `start[d]`, features at
/// `features[2·(start[d] + k) + j]`, and the chosen alternative `chosen[d]` (an index < count).
public struct CriticDecisions: Sendable {
    /// Features per alternative: [a = own] and share(a).
    public static let featureCount = 2
    /// Index of each decision's first alternative.
    public private(set) var start: [Int] = []
    /// Number of alternatives of each decision.
    public private(set) var count: [Int] = []
    /// Index (among its alternatives) of the answer each decision chose.
    public private(set) var chosen: [Int] = []
    /// Features of every alternative, `featureCount` per alternative.
    public private(set) var features: [Double] = []
    /// Agent responses of rounds ≥ 2 whose answer is outside the view (a new answer, or none):
    /// the simulator's critic cannot produce them, so they do not enter the likelihood.
    public private(set) var outsideView = 0
    /// Responses of rounds ≥ 2 with no previous-round answers in view at all.
    public private(set) var emptyView = 0

    /// No decisions.
    public init() {}

    /// The number of decisions.
    public var decisions: Int { start.count }

    /// Adds one decision. `own`: the agent's previous answer (nil: none); `peers`: the peers'
    /// previous answers (nil entries are peers without an answer, which count in N − 1 but
    /// support nothing); `choice`: the answer given now.
    public mutating func add(own: String?, peers: [String?], choice: String?) {
        var view: [String] = []
        if let own { view.append(own) }
        for case let p? in peers where !view.contains(p) { view.append(p) }
        guard !view.isEmpty else { emptyView += 1; return }
        guard let choice, let c = view.firstIndex(of: choice) else { outsideView += 1; return }
        let n1 = Double(max(1, peers.count))
        start.append(features.count / 2); count.append(view.count); chosen.append(c)
        for a in view {
            features.append(a == own ? 1 : 0)
            features.append(Double(peers.filter { $0 == a }.count) / n1)
        }
    }

    /// Every critic decision of the debates (rounds after the first of each debate).
    /// - Complexity: O(records · agents).
    public static func from(_ debates: [DebateIndex.Debate]) -> CriticDecisions {
        var out = CriticDecisions()
        for d in debates {
            let rounds = d.rounds
            for (k, r) in rounds.enumerated() where k > 0 {
                let prev = d.round(rounds[k - 1])
                for rec in d.round(r) {
                    guard let mine = prev.first(where: { $0.agent == rec.agent }) else { continue }
                    out.add(own: mine.answer, peers: prev.filter { $0.agent != rec.agent }.map(\.answer), choice: rec.answer)
                }
            }
        }
        return out
    }

    /// Log-likelihood Σ_d [w·f(chosen) − log Σ_k exp(w·f(k))], its gradient and the negative
    /// Hessian (observed information) Σ_d [E_p(f fᵀ) − E_p(f) E_p(f)ᵀ].
    /// - Complexity: O(total alternatives · F²).
    public func logLikelihood(_ w: [Double], gradient: inout [Double], information: inout [[Double]]) -> Double {
        let F = Self.featureCount
        var ll = 0.0
        for j in 0..<F { gradient[j] = 0; for k in 0..<F { information[j][k] = 0 } }
        var p = [Double](repeating: 0, count: 64)
        for d in 0..<start.count {
            let s = start[d], n = count[d]
            if n > p.count { p = [Double](repeating: 0, count: n) }
            var mx = -Double.infinity
            for k in 0..<n {
                var z = 0.0
                for j in 0..<F { z += w[j] * features[(s + k) * F + j] }
                p[k] = z; if z > mx { mx = z }
            }
            var tot = 0.0
            for k in 0..<n { p[k] = exp(p[k] - mx); tot += p[k] }
            let c = chosen[d]
            ll += log(p[c] / tot)
            var mean = [0.0, 0.0]
            for k in 0..<n {
                let pk = p[k] / tot
                for j in 0..<F { mean[j] += pk * features[(s + k) * F + j] }
            }
            for j in 0..<F { gradient[j] += features[(s + c) * F + j] - mean[j] }
            for k in 0..<n {
                let pk = p[k] / tot
                for i in 0..<F { for j in 0..<F {
                    information[i][j] += pk * (features[(s + k) * F + i] - mean[i]) * (features[(s + k) * F + j] - mean[j])
                } }
            }
        }
        return ll
    }
}
