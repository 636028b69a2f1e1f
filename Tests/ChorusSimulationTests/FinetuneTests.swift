import Testing
import ChorusStats
@testable import ChorusSimulation

@Suite("Finetuning")
struct FinetuneTests {
    /// Chain examples: for every train question, the chain with the largest first feature
    /// (a learnable target the base model does not favour).
    func data(_ bank: TaskBank) -> TrainingData {
        var d = TrainingData(maxView: 3)
        for q in 0..<bank.trainCount {
            var best = 0
            for c in 1..<bank.chains where bank.features[(q * bank.chains + c) * bank.dimension]
                > bank.features[(q * bank.chains + best) * bank.dimension] { best = c }
            d.addChain(question: q, chain: best, weight: 1)
        }
        return d
    }

    @Test("one MLE epoch lowers the negative log-likelihood of its data")
    func epochLowersNLL() {
        let bank = Fixtures.bank(train: 80, test: 10)
        let d = data(bank)
        var model = AgentModel(dimension: bank.dimension, debate: DebateParameters())
        let before = Finetune.chainNLL(theta: model.theta, data: d, bank: bank, temperature: 1)
        let s = Finetune.Settings(learningRate: 0.05, criticLearningRate: 0, epochs: 1, batchSize: 8,
                                  basePull: 0, temperature: 1)
        Finetune.train(&model, on: d, bank: bank, settings: s, stream: SeedStream(seed: 1))
        let after = Finetune.chainNLL(theta: model.theta, data: d, bank: bank, temperature: 1)
        #expect(after < before)
        // And more epochs keep lowering it (small steps: gradient ascent on a concave objective).
        var s3 = s; s3.epochs = 3
        Finetune.train(&model, on: d, bank: bank, settings: s3, stream: SeedStream(seed: 2))
        #expect(Finetune.chainNLL(theta: model.theta, data: d, bank: bank, temperature: 1) < after)
    }

    @Test("the gradient matches a finite difference of the log-likelihood")
    func gradientCheck() {
        let bank = Fixtures.bank(train: 5, test: 1)
        var d = TrainingData(maxView: 3)
        d.addChain(question: 2, chain: 5, weight: 1)
        let theta = Fixtures.randomTheta(bank.dimension, sd: 0.3, seed: 4)
        // One full-batch step with rate η moves θ by η·∇ log π: compare with central differences.
        var model = AgentModel(dimension: bank.dimension, debate: DebateParameters())
        model.theta = theta
        let eta = 1e-3
        let s = Finetune.Settings(learningRate: eta, criticLearningRate: 0, epochs: 1, batchSize: 1,
                                  basePull: 0, temperature: 0.7)
        Finetune.train(&model, on: d, bank: bank, settings: s, stream: SeedStream(seed: 1))
        for j in 0..<bank.dimension {
            var tp = theta, tm = theta
            tp[j] += 1e-5; tm[j] -= 1e-5
            let fd = (Finetune.chainNLL(theta: tm, data: d, bank: bank, temperature: 0.7)
                      - Finetune.chainNLL(theta: tp, data: d, bank: bank, temperature: 0.7)) / 2e-5
            #expect(abs((model.theta[j] - theta[j]) / eta - fd) < 1e-5)
        }
    }

    @Test("critic finetuning lowers the NLL of the critic decisions")
    func criticNLL() {
        var d = TrainingData(maxView: 3)
        var g = Xoshiro256(seed: 8)
        let F = AgentModel.criticFeatureCount
        for _ in 0..<200 {
            var f = [Double](repeating: 0, count: 3 * F)
            for i in 0..<f.count { f[i] = g.nextGaussian() }
            // The chosen answer is the one with the largest evidence feature.
            let chosen = (0..<3).max { f[$0 * F + 2] < f[$1 * F + 2] }!
            d.addDecision(features: f, offset: 0, viewCount: 3, chosen: chosen, weight: 1)
        }
        var model = AgentModel(dimension: 2, debate: DebateParameters())
        let before = Finetune.decisionNLL(weights: model.criticWeights, data: d)
        let bank = Fixtures.bank(train: 2, test: 1)
        let s = Finetune.Settings(learningRate: 0, criticLearningRate: 0.5, epochs: 2, batchSize: 16,
                                  basePull: 0, temperature: 1)
        Finetune.train(&model, on: d, bank: bank, settings: s, stream: SeedStream(seed: 3))
        #expect(Finetune.decisionNLL(weights: model.criticWeights, data: d) < before)
        #expect(model.criticWeights[2] > DebateParameters().evidenceWeight)
    }

    @Test("the pull towards base shrinks θ when there is no data signal")
    func basePull() {
        let bank = Fixtures.bank(train: 20, test: 1)
        var d = TrainingData(maxView: 3)
        // Data drawn exactly as the current policy would weigh them is not needed: with weight 0
        // the likelihood term vanishes and only the pull acts.
        for q in 0..<20 { d.addChain(question: q, chain: 0, weight: 0) }
        var model = AgentModel(dimension: bank.dimension, debate: DebateParameters())
        model.theta = [Double](repeating: 1, count: bank.dimension)
        let s = Finetune.Settings(learningRate: 0.5, criticLearningRate: 0, epochs: 1, batchSize: 20,
                                  basePull: 0.2, temperature: 1)
        Finetune.train(&model, on: d, bank: bank, settings: s, stream: SeedStream(seed: 1))
        for x in model.theta { #expect(abs(x - 0.9) < 1e-12) }
    }
}
