import Testing
import Foundation
import ChorusStats
@testable import ChorusSimulation

@Suite("Task bank")
struct TaskBankTests {
    @Test("the competence offset gives P(correct) = base accuracy exactly (GSL CDF against GSL quantile)")
    func competenceOffsetIdentity() {
        let nu = TaskBank.chainSlip
        for p in stride(from: 0.05, through: 0.95, by: 0.05) {
            let m0 = TaskBank.competenceOffset(baseAccuracy: p)
            #expect(abs(CDF.normal(m0 / (1 + nu * nu).squareRoot()) - p) < 1e-12)
        }
    }

    @Test("the share of correct chains matches base accuracy (Monte Carlo, 4 SE)")
    func shareOfCorrectChains() {
        for target in [0.3, 0.45, 0.6] {
            var p = Fixtures.taskParameters(train: 400, test: 400)
            p.baseAccuracy = target
            let bank = TaskBank(parameters: p, stream: SeedStream(seed: 17))
            // Chains of one question are correlated: use per-question shares as the i.i.d. units.
            var shares: [Double] = []
            for q in 0..<bank.questionCount {
                shares.append(Double((0..<bank.chains).filter { bank.isCorrect(q, $0) }.count) / Double(bank.chains))
            }
            let s = try! Describe.tInterval(shares)
            #expect(abs(s.mean - target) < 4 * s.se)
        }
    }

    @Test("chains carry style c mod K; correct chains answer 0 and have the soundness component")
    func structure() {
        var p = Fixtures.taskParameters(train: 50, test: 50)
        p.learnability = 3
        let bank = TaskBank(parameters: p, stream: SeedStream(seed: 3))
        for q in 0..<bank.questionCount {
            for c in 0..<bank.chains {
                #expect(Int(bank.style[q * bank.chains + c]) == c % bank.styles)
                let a = Int(bank.answer[q * bank.chains + c])
                #expect(a >= 0 && a < bank.answers)
            }
        }
        // φ − μ_k projected on u: mean λ for correct chains, 0 for wrong (noise sd σ_φ).
        var sumC = 0.0, nC = 0.0, sumW = 0.0, nW = 0.0
        let d = bank.dimension
        for i in 0..<(bank.questionCount * bank.chains) {
            let k = Int(bank.style[i])
            var proj = 0.0
            for j in 0..<d { proj += (bank.features[i * d + j] - bank.styleCentres[k * d + j]) * bank.soundness[j] }
            if bank.answer[i] == 0 { sumC += proj; nC += 1 } else { sumW += proj; nW += 1 }
        }
        let se = TaskBank.featureNoise / nC.squareRoot()
        #expect(abs(sumC / nC - 3) < 5 * se)
        #expect(abs(sumW / nW) < 5 * TaskBank.featureNoise / nW.squareRoot())
    }

    @Test("evidence is higher for correct chains by the verifiability gap")
    func evidenceGap() {
        var p = Fixtures.taskParameters(train: 300, test: 300)
        p.verifiability = 1.5
        let bank = TaskBank(parameters: p, stream: SeedStream(seed: 11))
        var sc = 0.0, nc = 0.0, sw = 0.0, nw = 0.0
        for i in 0..<bank.evidence.count {
            if bank.answer[i] == 0 { sc += bank.evidence[i]; nc += 1 } else { sw += bank.evidence[i]; nw += 1 }
        }
        let se = (1 / nc + 1 / nw).squareRoot()
        #expect(abs((sc / nc - sw / nw) - 1.5) < 5 * se)
    }

    @Test("style heterogeneity decorrelates styles' correctness")
    func heterogeneity() {
        func agreement(_ h: Double) -> Double {
            var p = Fixtures.taskParameters(train: 400, test: 1)
            p.styleHeterogeneity = h
            let bank = TaskBank(parameters: p, stream: SeedStream(seed: 5))
            // Share of questions on which chain 0 (style 0) and chain 1 (style 1) agree on correctness.
            var same = 0.0
            for q in 0..<bank.questionCount where bank.isCorrect(q, 0) == bank.isCorrect(q, 1) { same += 1 }
            return same / Double(bank.questionCount)
        }
        #expect(agreement(0) > agreement(3) + 0.1)
    }

    @Test("same stream, same bank")
    func deterministic() {
        let a = Fixtures.bank(seed: 9), b = Fixtures.bank(seed: 9)
        #expect(a.features == b.features && a.answer == b.answer && a.baseLogits == b.baseLogits)
    }

    @Test("placebo banks: no soundness, no evidence gap, the correct answer no more common than any other")
    func placeboBank() {
        var p = Fixtures.taskParameters(train: 300, test: 300)
        p.learnability = 2; p.verifiability = 2
        let real = TaskBank(parameters: p, stream: SeedStream(seed: 4))
        let placebo = TaskBank(parameters: p, placebo: true, stream: SeedStream(seed: 4))
        #expect(placebo.placebo && !real.placebo)
        #expect(placebo.baseLogits == real.baseLogits && placebo.style == real.style)
        // Answer frequencies over all chains: uniform over the A answers (4 SE, by question).
        var share0: [Double] = [], evGap = 0.0, nc = 0.0
        for q in 0..<placebo.questionCount {
            share0.append(Double((0..<placebo.chains).filter { placebo.isCorrect(q, $0) }.count) / Double(placebo.chains))
            for c in 0..<placebo.chains where placebo.isCorrect(q, c) { evGap += placebo.evidence[q * placebo.chains + c]; nc += 1 }
        }
        let s = try! Describe.tInterval(share0)
        #expect(abs(s.mean - 1.0 / Double(placebo.answers)) < 4 * s.se)
        #expect(abs(evGap / nc) < 4 / nc.squareRoot())
        // No soundness component: features equal the real bank's minus λ·u on its correct chains.
        let d = real.dimension
        for i in 0..<(real.questionCount * real.chains) where real.answer[i] == 0 {
            for j in 0..<d {
                #expect(abs(placebo.features[i * d + j] - (real.features[i * d + j] - 2 * real.soundness[j])) < 1e-12)
            }
        }
    }
}
