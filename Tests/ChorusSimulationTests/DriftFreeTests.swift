import Testing
import ChorusAnalysis
import Foundation
import ChorusStats
@testable import ChorusSimulation

/// The task bank has no drift artefact: a correctness-blind change of a policy leaves expected
/// accuracy where it was (docs/model.md §1), and the placebo regimes gain nothing.
@Suite("No drift artefact")
struct DriftFreeTests {
    /// Accuracy Σ_c π(c|q)·[correct] of logits z(q, c) = f(b, φ) over every question of a bank.
    static func accuracy(_ bank: TaskBank, logits: (Int, Int) -> Double) -> Double {
        var total = 0.0
        var z = [Double](repeating: 0, count: bank.chains)
        for q in 0..<bank.questionCount {
            for c in 0..<bank.chains { z[c] = logits(q, c) }
            let p = Info.softmax(z)
            for c in 0..<bank.chains where bank.isCorrect(q, c) { total += p[c] }
        }
        return total / Double(bank.questionCount)
    }

    /// Correctness-blind perturbations of the base policy: tempering and sharpening (any
    /// temperature), reshuffling logits among a question's chains, and a random θ orthogonal to
    /// the soundness direction. Their mean accuracy over independent banks must equal the base
    /// accuracy within 4 SE; a bank with the old correctness offset (δ = −0.3 on the logits of
    /// correct chains) must fail the same check, so the check has power.
    @Test("correctness-blind changes of a policy leave expected accuracy unchanged (Monte Carlo, 4 SE)")
    func correctnessBlindPerturbations() {
        var p = Fixtures.taskParameters(train: 100, test: 100)
        p.learnability = 0.5
        p.baseAccuracy = 0.45
        let banks = (0..<60).map { TaskBank(parameters: p, stream: SeedStream(seed: 1000 + UInt64($0))) }
        func check(offset: Double, _ name: String) -> [Bool] {
            var results: [Bool] = []
            for variant in 0..<4 {
                var values: [Double] = []
                for (i, bank) in banks.enumerated() {
                    var g = Xoshiro256(seed: UInt64(i * 10 + variant))
                    let d = bank.dimension
                    // θ orthogonal to u, of norm 2.
                    var theta = (0..<d).map { _ in g.nextGaussian() }
                    let dot = zip(theta, bank.soundness).map(*).reduce(0, +)
                    for j in 0..<d { theta[j] -= dot * bank.soundness[j] }
                    let norm = theta.map { $0 * $0 }.reduce(0, +).squareRoot()
                    for j in 0..<d { theta[j] *= 2 / norm }
                    let perm = (0..<bank.questionCount).map { _ in (0..<bank.chains).shuffled(using: &g) }
                    let tau = [0.3, 0.6, 1.0, 2.0][variant]
                    values.append(Self.accuracy(bank) { q, c in
                        let i = q * bank.chains + c
                        let off = bank.isCorrect(q, c) ? offset : 0
                        switch variant {
                        case 0: return (bank.baseLogits[i] + off) / tau                      // tempering
                        case 1: return 4 * (bank.baseLogits[i] + off)                        // sharpening
                        case 2: return bank.baseLogits[q * bank.chains + perm[q][c]] + off   // reshuffling
                        default:                                                           // θ ⟂ u
                            var s = 0.0
                            for j in 0..<d { s += theta[j] * (bank.features[i * d + j] - (bank.isCorrect(q, c) ? p.learnability * bank.soundness[j] : 0)) }
                            return bank.baseLogits[i] + off + s
                        }
                    })
                }
                let s = try! Describe.tInterval(values)
                results.append(abs(s.mean - 0.45) < 4 * s.se)
            }
            return results
        }
        #expect(check(offset: 0, "drift-free").allSatisfy { $0 })
        // The artefact the audit found: a negative offset on correct chains. Sharpening (variant 1)
        // then drifts accuracy towards the share of correct chains, away from the target.
        #expect(!check(offset: -0.8, "offset")[1])
    }

    @Test("with no learnable signal (λ = 0), exact round-1 accuracy does not move under training (reduced run, 4 SE)")
    func noLearnabilityNoIndividualGain() throws {
        var c = Fixtures.smallConfig(regimes: ["single-agent", "multiagent"], seeds: Array(1...16), questions: 60, iterations: 2)
        c.task.learnability = 0
        let result = try Experiment(config: c).run(threads: 2)
        for regime in c.regimes {
            for it in 1...2 {
                var diffs: [Double] = []
                for seed in c.seeds {
                    func v(_ i: Int) -> Double {
                        result.rows.first { $0.regime == regime && $0.seed == seed && $0.iteration == i && $0.metric == MetricName.accuracyRound1Individual }!.value
                    }
                    diffs.append(v(it) - v(0))
                }
                let s = try Describe.tInterval(diffs)
                #expect(abs(s.mean) < 4 * s.se + 1e-12, "\(regime) it\(it): \(s.mean) ± \(s.se)")
            }
        }
    }

    @Test("placebo twins gain nothing and sit at 1/A (reduced run, 4 SE)")
    func placeboNull() throws {
        let regimes = ["single-agent", "multiagent", "star"].map { Regime.placeboTwin(of: $0) }
        let c = Fixtures.smallConfig(regimes: regimes, seeds: Array(1...16), questions: 60, iterations: 2)
        let result = try Experiment(config: c).run(threads: 2)
        let a = Double(c.task.wrongAnswers + 1)
        for regime in regimes {
            for metric in [MetricName.accuracyFinal, MetricName.accuracyRound1Individual] {
                var levels: [Double] = []
                for it in 0...2 {
                    var diffs: [Double] = []
                    for seed in c.seeds {
                        func v(_ i: Int) -> Double {
                            result.rows.first { $0.regime == regime && $0.seed == seed && $0.iteration == i && $0.metric == metric }!.value
                        }
                        diffs.append(v(it) - v(0))
                        levels.append(v(it))
                    }
                    if it > 0 {
                        let s = try Describe.tInterval(diffs)
                        #expect(abs(s.mean) < 4 * s.se + 1e-12, "\(regime) \(metric) it\(it): \(s.mean) ± \(s.se)")
                    }
                }
                // levels pools 3 iterations of each of the 16 seeds; they are correlated within a
                // seed, so the SE of the 48 values is widened by √(48/16) = √3 (only the seeds
                // counted as independent), and k = 4.
                let l = try Describe.tInterval(levels)
                #expect(abs(l.mean - 1 / a) < 4 * l.se * 3.0.squareRoot(), "\(regime) \(metric) level \(l.mean)")
            }
        }
    }
}
