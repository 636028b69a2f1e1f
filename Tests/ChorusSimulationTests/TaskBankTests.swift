import Testing
import Foundation
import ChorusStats
@testable import ChorusSimulation

@Suite("Task bank")
struct TaskBankTests {
    @Test("base accuracy is calibrated to the target (exact, by direct softmax)")
    func baseAccuracyCalibrated() {
        let bank = Fixtures.bank(train: 100, test: 100)
        var total = 0.0
        for q in 0..<bank.questionCount {
            let logits = (0..<bank.chains).map { bank.baseLogits[q * bank.chains + $0] }
            let p = Info.softmax(logits)
            for c in 0..<bank.chains where bank.isCorrect(q, c) { total += p[c] }
        }
        #expect(abs(total / Double(bank.questionCount) - 0.45) < 1e-6)
    }

    @Test("chains carry style c mod K; correct chains answer 0 and have the soundness component")
    func structure() {
        var p = Fixtures.taskParameters(train: 50, test: 50)
        p.learnability = 3
        let bank = TaskBank(parameters: p, temperature: 1, stream: SeedStream(seed: 3))
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
        let bank = TaskBank(parameters: p, temperature: 1, stream: SeedStream(seed: 11))
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
            let bank = TaskBank(parameters: p, temperature: 1, stream: SeedStream(seed: 5))
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
}
