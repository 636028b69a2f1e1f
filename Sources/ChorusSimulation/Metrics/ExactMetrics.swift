import Foundation
import ChorusAnalysis

/// Exact metrics of a society's policies on the test questions (docs/design.md §2 "Ground truth").
///
/// Each is averaged over test questions. For generator seats i, j with chain policies π_i, π_j:
/// - disagreement = mean over unordered pairs i < j of 1 − Σ_r π_i(r) π_j(r) (chains; likewise
///   answers and styles): the probability that two different agents' round-1 responses differ.
///   At base all seats share π, so it equals 1 − Σ π².
/// - js = H(π̄) − (1/N) Σ_i H(π_i), π̄ the seats' mixture: the mutual information between a
///   uniformly chosen seat and its response.
/// - kl_base.* = KL(π_m ‖ π_base) of each model m (generation policy), averaged over models;
///   kl_between = mean over ordered seat pairs i ≠ j of KL(π_i ‖ π_j).
/// - entropies of chain, answer and style distributions per seat, averaged over seats
///   (critic seats use their model's generation policy, with which they write chains).
/// - accuracy.round1_individual = mean_i π_i(correct); accuracy.round1_majority = P(the
///   plurality of N independent round-1 answers is correct, a tie to the largest label
///   (`TaskBank.label`, the vote's one rule)), exactly, by
///   dynamic programming over answer counts (`MajorityAccuracy`).
public enum ExactMetrics {
    /// Whether round-1 majority accuracy is computed: always, by dynamic programming over
    /// answer counts (`MajorityAccuracy`, polynomial in the number of agents); kept for callers
    /// of the former 4,096-profile enumeration limit.
    public static func canEnumerate(agents: Int, answers: Int) -> Bool { true }

    /// Computes the exact metrics and appends (name, value) pairs to `out`.
    /// - Parameters:
    ///   - bank: the task bank whose test questions are measured.
    ///   - tables: policy tables per model over the test questions.
    ///   - base: the base model's table.
    ///   - generatorSeats: the model of each generator seat.
    ///   - criticSeats: the model of each critic seat; empty when the regime has no debate rounds ≥ 2.
    ///   - generatorModels: the distinct models in generator seats.
    ///   - criticModels: the distinct models in critic seats.
    ///   - out: receives the (metric name, value) pairs.
    /// - Complexity: O(Q · (N²·C + N·S·A)), S ≤ C(N+A−1, A−1) answer-count vectors.
    public static func compute(bank: TaskBank, tables: [PolicyTable], base: PolicyTable,
                               generatorSeats: [Int], criticSeats: [Int],
                               generatorModels: [Int], criticModels: [Int],
                               into out: inout [(String, Double)]) {
        let qs = bank.testStart..<(bank.testStart + bank.testCount)
        let nq = Double(qs.count)
        let n = generatorSeats.count
        let c = bank.chains, a = bank.answers, k = bank.styles

        func entropy(_ t: PolicyTable, _ q: Int) -> (Double, Double, Double) {
            let r = q - t.firstQuestion
            if !t.entropy.isEmpty { return (t.entropy[r * 3], t.entropy[r * 3 + 1], t.entropy[r * 3 + 2]) }
            var hc = 0.0, ha = 0.0, hs = 0.0
            for ci in 0..<c { let p = t.prob[r * c + ci]; if p > 0 { hc -= p * t.logProb[r * c + ci] } }
            for ai in 0..<a { let p = t.answerProb[r * a + ai]; if p > 0 { ha -= p * log(p) } }
            for si in 0..<k { let p = t.styleProb[r * k + si]; if p > 0 { hs -= p * log(p) } }
            return (hc, ha, hs)
        }
        // Entropies per seat role (each model's entropy computed once per question).
        var hModel = [(Double, Double, Double)](repeating: (0, 0, 0), count: tables.count)
        var hGen = (0.0, 0.0, 0.0), hCrit = (0.0, 0.0, 0.0)
        var acc1 = 0.0, accMaj = 0.0
        var dis = (0.0, 0.0, 0.0), js = (0.0, 0.0)
        var klGen = 0.0, klCrit = 0.0, klAll = 0.0, klBetween = 0.0
        let allModels = Array(Set(generatorModels + criticModels)).sorted()
        let enumerate = canEnumerate(agents: n, answers: a)
        var mixC = [Double](repeating: 0, count: c), mixA = [Double](repeating: 0, count: a)
        var seatAnswer = [Double](repeating: 0, count: n * a)
        var majority = MajorityAccuracy.Workspace(agents: n, answers: a)

        for q in qs {
            for m in allModels { hModel[m] = entropy(tables[m], q) }
            for s in generatorSeats {
                hGen.0 += hModel[s].0; hGen.1 += hModel[s].1; hGen.2 += hModel[s].2
                acc1 += tables[s].pAnswer(q, 0)
            }
            for s in criticSeats { hCrit.0 += hModel[s].0; hCrit.1 += hModel[s].1; hCrit.2 += hModel[s].2 }
            // Pairwise disagreement and KL between seats.
            if n >= 2 {
                var dc = 0.0, da = 0.0, ds = 0.0
                for i in 0..<n {
                    for j in (i + 1)..<n {
                        let ti = tables[generatorSeats[i]], tj = tables[generatorSeats[j]]
                        let ri = q - ti.firstQuestion, rj = q - tj.firstQuestion
                        var sc = 0.0, sa = 0.0, ss = 0.0
                        for ci in 0..<c { sc += ti.prob[ri * c + ci] * tj.prob[rj * c + ci] }
                        for ai in 0..<a { sa += ti.answerProb[ri * a + ai] * tj.answerProb[rj * a + ai] }
                        for si in 0..<k { ss += ti.styleProb[ri * k + si] * tj.styleProb[rj * k + si] }
                        dc += 1 - sc; da += 1 - sa; ds += 1 - ss
                    }
                }
                let pairs = Double(n * (n - 1) / 2)
                dis.0 += dc / pairs; dis.1 += da / pairs; dis.2 += ds / pairs
                var kb = 0.0
                for i in 0..<n {
                    for j in 0..<n where j != i {
                        kb += kl(tables[generatorSeats[i]], tables[generatorSeats[j]], q, c)
                    }
                }
                klBetween += kb / Double(n * (n - 1))
            }
            // Jensen–Shannon of the generator seats.
            for ci in 0..<c { mixC[ci] = 0 }
            for ai in 0..<a { mixA[ai] = 0 }
            var meanHC = 0.0, meanHA = 0.0
            for s in generatorSeats {
                let t = tables[s], r = q - t.firstQuestion
                for ci in 0..<c { mixC[ci] += t.prob[r * c + ci] / Double(n) }
                for ai in 0..<a { mixA[ai] += t.answerProb[r * a + ai] / Double(n) }
                meanHC += hModel[s].0 / Double(n); meanHA += hModel[s].1 / Double(n)
            }
            var hmc = 0.0, hma = 0.0
            for x in mixC where x > 0 { hmc -= x * log(x) }
            for x in mixA where x > 0 { hma -= x * log(x) }
            js.0 += max(0, hmc - meanHC); js.1 += max(0, hma - meanHA)
            // KL from base.
            var kg = 0.0, kc = 0.0, ka = 0.0
            for m in generatorModels { kg += kl(tables[m], base, q, c) }
            for m in criticModels { kc += kl(tables[m], base, q, c) }
            for m in allModels { ka += kl(tables[m], base, q, c) }
            klGen += kg / Double(max(1, generatorModels.count))
            klCrit += kc / Double(max(1, criticModels.count))
            klAll += ka / Double(max(1, allModels.count))
            // Exact round-1 majority accuracy by enumerating answer profiles.
            if enumerate {
                for (i, s) in generatorSeats.enumerated() {
                    for ai in 0..<a { seatAnswer[i * a + ai] = tables[s].pAnswer(q, ai) }
                }
                accMaj += majority.exact(seatAnswerProbs: seatAnswer, labels: bank.labels(of: q))
            }
        }
        let ng = Double(generatorSeats.count), ncr = Double(criticSeats.count)
        let nAll = ng + ncr
        out.append((MetricName.accuracyRound1Individual, acc1 / (nq * ng)))
        if enumerate { out.append((MetricName.accuracyRound1Majority, accMaj / nq)) }
        out.append((MetricName.entropyChain, (hGen.0 + hCrit.0) / (nq * nAll)))
        out.append((MetricName.entropyAnswer, (hGen.1 + hCrit.1) / (nq * nAll)))
        out.append((MetricName.entropyStyle, (hGen.2 + hCrit.2) / (nq * nAll)))
        out.append((MetricName.entropyChainGenerator, hGen.0 / (nq * ng)))
        out.append((MetricName.entropyAnswerGenerator, hGen.1 / (nq * ng)))
        out.append((MetricName.entropyStyleGenerator, hGen.2 / (nq * ng)))
        if !criticSeats.isEmpty {
            out.append((MetricName.entropyChainCritic, hCrit.0 / (nq * ncr)))
            out.append((MetricName.entropyAnswerCritic, hCrit.1 / (nq * ncr)))
            out.append((MetricName.entropyStyleCritic, hCrit.2 / (nq * ncr)))
        }
        if n >= 2 {
            out.append((MetricName.disagreementChain, dis.0 / nq))
            out.append((MetricName.disagreementAnswer, dis.1 / nq))
            out.append((MetricName.disagreementStyle, dis.2 / nq))
            out.append((MetricName.klBetween, klBetween / nq))
        }
        out.append((MetricName.jsChain, js.0 / nq))
        out.append((MetricName.jsAnswer, js.1 / nq))
        out.append((MetricName.klBaseGenerator, klGen / nq))
        if !criticModels.isEmpty { out.append((MetricName.klBaseCritic, klCrit / nq)) }
        out.append((MetricName.klBase, klAll / nq))
    }

    /// KL(π_p ‖ π_q) over chains of question q, from the tabulated log-probabilities.
    @inline(__always)
    static func kl(_ p: PolicyTable, _ r: PolicyTable, _ q: Int, _ c: Int) -> Double {
        let rp = q - p.firstQuestion, rr = q - r.firstQuestion
        var s = 0.0
        for ci in 0..<c {
            let pp = p.prob[rp * c + ci]
            if pp > 0 { s += pp * (p.logProb[rp * c + ci] - r.logProb[rr * c + ci]) }
        }
        return max(0, s)
    }

    /// P(plurality of independent answers is correct) by enumerating every answer profile:
    /// with `labels`, each profile is voted by `AnswerKernels.plurality` on the answers' labels
    /// (a tie to the largest label); without, a tie is split uniformly. The independent check of
    /// `MajorityAccuracy`. `seatAnswerProbs[i·A + a]` is seat i's probability of answer a.
    /// - Complexity: O(A^N · N).
    static func majorityAccuracy(seatAnswerProbs p: [Double], agents n: Int, answers a: Int, labels: [Int32]? = nil,
                                 profile: inout [Int], counts: inout [Int]) -> Double {
        for i in 0..<n { profile[i] = 0 }
        var total = 0.0
        while true {
            var prob = 1.0
            for ai in 0..<a { counts[ai] = 0 }
            for i in 0..<n { prob *= p[i * a + profile[i]]; counts[profile[i]] += 1 }
            if prob > 0 {
                if let labels {
                    let coded = profile.prefix(n).map { Int(labels[$0]) }
                    let winner = AnswerKernels.plurality(coded, alphabet: a)
                    if winner == Int(labels[0]) { total += prob }
                } else {
                    var best = 0, ties = 0
                    for ai in 0..<a { if counts[ai] > best { best = counts[ai]; ties = 1 } else if counts[ai] == best { ties += 1 } }
                    if counts[0] == best { total += prob / Double(ties) }
                }
            }
            var i = 0
            while i < n {
                profile[i] += 1
                if profile[i] < a { break }
                profile[i] = 0; i += 1
            }
            if i == n { break }
        }
        return total
    }
}
