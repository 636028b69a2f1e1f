import Foundation
import ChorusAnalysis

/// Exact metrics of the generator seats' policies that the field reports from samples:
/// pass@k, coverage, and a scorer-based divergence from the base model (docs/model.md §6).
public enum PolicyMetrics {
    /// The k of the pass@k rows: 1, 2, 4, …, 64 (each twice the one before, so the powers
    /// (1 − p)^k come from repeated squaring, no `pow` in the measurement loop).
    public static let passAtK: [Int] = MetricName.passAtK

    /// Exact pass@k of the generator seats, averaged over seats and test questions:
    /// pass@k = 1 − (1 − π_n(correct | q))^k, the probability that at least one of k independent
    /// samples of seat n is correct (the unbiased estimator of Chen et al. 2021 estimates exactly
    /// this from n ≥ k samples). Also the society's exact round-1 coverage,
    /// 1 − Π_n (1 − π_n(correct | q)): the probability that some generator seat is right.
    /// - Complexity: O(Q · N · |k|).
    public static func passAndCoverage(bank: TaskBank, tables: [PolicyTable], generatorSeats: [Int],
                                       into out: inout [(String, Double)]) {
        let qs = bank.testStart..<(bank.testStart + bank.testCount)
        var pass = [Double](repeating: 0, count: passAtK.count)
        var coverage = 0.0
        for q in qs {
            var allWrong = 1.0
            for s in generatorSeats {
                let p = min(1, max(0, tables[s].pAnswer(q, 0)))
                allWrong *= 1 - p
                // (1 − p)^k for k = 1, 2, 4, …: each power is the square of the one before.
                var miss = 1 - p
                for i in passAtK.indices {
                    if i > 0 { miss *= miss }
                    pass[i] += 1 - miss
                }
            }
            coverage += 1 - allWrong
        }
        let nq = Double(qs.count), ns = Double(generatorSeats.count)
        for (i, k) in passAtK.enumerated() { out.append((MetricName.passAt(k), pass[i] / (nq * ns))) }
        out.append((MetricName.coverage, coverage / nq))
    }
}

/// The paper's diversity-from-base measure (Subramaniam et al. 2025, Fig. 8): responses of an
/// agent are scored by one fixed model — here the base model at temperature 1,
/// ℓ(q, c) = log softmax_c(b(q, ·)) — and the distribution of those scores over an agent's
/// responses is compared with the distribution over the base model's own responses.
///
/// Divergence: the Wasserstein-1 distance between the two distributions of ℓ, pooled over test
/// questions, W₁ = ∫ |F_m(x) − F₀(x)| dx (nats). Both distributions live on the same atoms
/// ℓ(q, c) with weights π_m(c|q)/Q and π₀(c|q)/Q, so W₁ is exact: sort the atoms once, then
/// W₁ = Σ_j |F_m(x_j) − F₀(x_j)|·(x_{j+1} − x_j). W₁ is chosen over a binned KL because it
/// needs no bins and stays finite when an agent puts mass where the base puts almost none.
/// It is *not* the policy KL(π‖π₀) (`kl_base.*`): a collapsed agent whose responses the scorer
/// still likes has a large KL and a small scorer divergence.
public struct ScorerDivergence: Sendable {
    /// Atom order: indices into the test block (q − testStart)·C + c, sorted by ℓ.
    let order: [Int]
    /// Gaps x_{j+1} − x_j between consecutive sorted atoms.
    let gaps: [Double]
    let chains: Int

    /// Prepares the sorted scores of a bank's test questions.
    /// - Complexity: O(QC log QC).
    public init(bank: TaskBank) {
        let c = bank.chains
        var score = [Double](repeating: 0, count: bank.testCount * c)
        for row in 0..<bank.testCount {
            let q = bank.testStart + row
            var m = -Double.infinity
            for ci in 0..<c { m = max(m, bank.baseLogits[q * c + ci]) }
            var s = 0.0
            for ci in 0..<c { s += exp(bank.baseLogits[q * c + ci] - m) }
            let lse = m + log(s)
            for ci in 0..<c { score[row * c + ci] = bank.baseLogits[q * c + ci] - lse }
        }
        let ord = score.indices.sorted { score[$0] < score[$1] || (score[$0] == score[$1] && $0 < $1) }
        var g = [Double](repeating: 0, count: ord.count)
        for j in 0..<(ord.count - 1) { g[j] = score[ord[j + 1]] - score[ord[j]] }
        order = ord; gaps = g; chains = c
    }

    /// W₁ between the score distributions of `table`'s responses and `base`'s (both over the
    /// test questions).
    /// - Complexity: O(QC).
    public func distance(_ table: PolicyTable, base: PolicyTable) -> Double {
        let nq = Double(table.count)
        var cum = 0.0, w = 0.0
        for j in 0..<order.count {
            let i = order[j]
            cum += (table.prob[i] - base.prob[i]) / nq
            w += abs(cum) * gaps[j]
        }
        return w
    }

    /// Appends `divergence.scorer.generator | .critic` (mean over models in that role) and
    /// `divergence.scorer` (mean over all models).
    public func compute(tables: [PolicyTable], base: PolicyTable, generatorModels: [Int], criticModels: [Int],
                        into out: inout [(String, Double)]) {
        let all = Array(Set(generatorModels + criticModels)).sorted()
        var d = [Int: Double]()
        for m in all { d[m] = distance(tables[m], base: base) }
        func mean(_ ms: [Int]) -> Double { ms.reduce(0) { $0 + d[$1]! } / Double(max(1, ms.count)) }
        out.append((MetricName.divergenceScorerGenerator, mean(generatorModels)))
        if !criticModels.isEmpty { out.append((MetricName.divergenceScorerCritic, mean(criticModels))) }
        out.append((MetricName.divergenceScorer, mean(all)))
    }
}
