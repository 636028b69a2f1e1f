import Foundation
import ChorusStats

/// Maximum-likelihood finetuning by minibatch stochastic gradient ascent (docs/design.md §2).
///
/// One epoch visits the examples once in a seeded random order, in minibatches of B examples;
/// each minibatch takes one step
///   θ ← θ + η · (1/B) Σ_i ω_i ∇_θ log π_θ(c_i | q_i) − η·ρ·(θ − θ_base),
///   ∇_θ log π_θ(c | q) = (φ(q,c) − E_{π_θ(·|q)}[φ(q,·)]) / τ,
/// with ω_i the example weight, ρ = `basePull` (θ_base = 0, the base model) and τ the
/// *likelihood* temperature of `Settings` — the experiment passes τ = 1: the model's own
/// likelihood softmax(b + θ·φ), as supervised finetuning computes it, whatever temperature the
/// data were sampled at (so sampling at τ < 1 makes self-training sharpen). Critic decisions
/// take the analogous step on w with rate η_w:
///   ∇_w log P_w(a* | view) = f(a*) − E_{P_w}[f].
/// Stochastic minibatches are a modelling choice, not only an implementation one: with a
/// constant step the weights fluctuate around the data's optimum by an amount that grows with η
/// (and with fewer examples), so each model drifts with its own data and its own order, as
/// finetuned networks do. That drift is the seed of the symmetry breaking of docs/design.md §2.
public enum Finetune {
    /// Hyper-parameters of one finetuning call.
    public struct Settings: Sendable {
        /// Step size η of θ.
        public var learningRate: Double
        /// Step size η_w of the critic weights.
        public var criticLearningRate: Double
        /// Passes over the examples.
        public var epochs: Int
        /// Examples per minibatch B.
        public var batchSize: Int
        /// Pull ρ towards the base model (θ_base = 0).
        public var basePull: Double
        /// The sampling temperature (the likelihood itself is at temperature 1).
        public var temperature: Double
        /// Settings with every field given.
        public init(learningRate: Double, criticLearningRate: Double, epochs: Int, batchSize: Int,
                    basePull: Double, temperature: Double) {
            self.learningRate = learningRate; self.criticLearningRate = criticLearningRate
            self.epochs = epochs; self.batchSize = batchSize; self.basePull = basePull
            self.temperature = temperature
        }
        /// The settings of a configuration's `finetune` section.
        public init(_ f: FinetuneParameters, temperature: Double) {
            self.init(learningRate: f.learningRate, criticLearningRate: f.criticLearningRate,
                      epochs: f.epochs, batchSize: f.batchSize, basePull: f.basePull, temperature: temperature)
        }
    }

    /// Finetunes `model` on `data` (θ on the chain examples, w on the critic decisions).
    /// - Complexity: O(epochs · (chain examples · C·d + decisions · maxView·F)).
    public static func train(_ model: inout AgentModel, on data: TrainingData, bank: TaskBank,
                             settings s: Settings, stream: SeedStream) {
        var g = stream.generator()
        if data.chainCount > 0, s.learningRate > 0 {
            trainTheta(&model.theta, data: data, bank: bank, settings: s, using: &g)
        }
        if data.decisionCount > 0, s.criticLearningRate > 0 {
            trainCritic(&model.criticWeights, data: data, settings: s, using: &g)
        }
    }

    static func shuffle(_ idx: inout [Int], _ g: inout Xoshiro256) {
        for i in stride(from: idx.count - 1, to: 0, by: -1) {
            idx.swapAt(i, g.nextInt(below: i + 1))
        }
    }

    /// The θ epochs. The loops run over raw buffers (no bounds or exclusivity checks in the
    /// inner products); the arithmetic and its order are those of the formula above.
    static func trainTheta(_ theta: inout [Double], data: TrainingData, bank: TaskBank,
                           settings s: Settings, using g: inout Xoshiro256) {
        let c = bank.chains, d = bank.dimension, tau = s.temperature
        var idx = Array(0..<data.chainCount)
        var scratch = [Double](repeating: 0, count: 2 * d + c)
        for _ in 0..<s.epochs {
            shuffle(&idx, &g)
            bank.features.withUnsafeBufferPointer { phi in
            bank.baseLogits.withUnsafeBufferPointer { b in
            data.question.withUnsafeBufferPointer { question in
            data.chain.withUnsafeBufferPointer { chain in
            data.weight.withUnsafeBufferPointer { weight in
            idx.withUnsafeBufferPointer { idx in
            theta.withUnsafeMutableBufferPointer { theta in
            scratch.withUnsafeMutableBufferPointer { buffer in
                let grad = UnsafeMutableBufferPointer(rebasing: buffer[0..<d])
                let mean = UnsafeMutableBufferPointer(rebasing: buffer[d..<(2 * d)])
                let z = UnsafeMutableBufferPointer(rebasing: buffer[(2 * d)...])
                var start = 0
                while start < idx.count {
                    let end = min(start + s.batchSize, idx.count)
                    for j in 0..<d { grad[j] = 0 }
                    for t in start..<end {
                        let e = idx[t]
                        let q = Int(question[e]), ch = Int(chain[e])
                        let w = weight[e]
                        var m = -Double.infinity
                        for ci in 0..<c {
                            let dot = Dot.product(UnsafePointer(theta.baseAddress!), phi.baseAddress! + (q * c + ci) * d, d)
                            z[ci] = (b[q * c + ci] + dot) / tau
                            if z[ci] > m { m = z[ci] }
                        }
                        var total = 0.0
                        for ci in 0..<c { z[ci] = exp(z[ci] - m); total += z[ci] }
                        for j in 0..<d { mean[j] = 0 }
                        for ci in 0..<c {
                            let p = z[ci] / total
                            let f = (q * c + ci) * d
                            for j in 0..<d { mean[j] += p * phi[f + j] }
                        }
                        let f = (q * c + ch) * d
                        for j in 0..<d { grad[j] += w * (phi[f + j] - mean[j]) / tau }
                    }
                    let scale = s.learningRate / Double(end - start)
                    for j in 0..<d {
                        theta[j] += scale * grad[j] - s.learningRate * s.basePull * theta[j]
                    }
                    start = end
                }
            }}}}}}}}
        }
    }

    static func trainCritic(_ w: inout [Double], data: TrainingData, settings s: Settings,
                            using g: inout Xoshiro256) {
        let F = AgentModel.criticFeatureCount, mv = data.maxView
        var idx = Array(0..<data.decisionCount)
        var grad = [Double](repeating: 0, count: F)
        var p = [Double](repeating: 0, count: mv)
        for _ in 0..<s.epochs {
            shuffle(&idx, &g)
            var start = 0
            while start < idx.count {
                let end = min(start + s.batchSize, idx.count)
                for j in 0..<F { grad[j] = 0 }
                for t in start..<end {
                    let e = idx[t]
                    let k = Int(data.decisionViewCount[e])
                    let o = e * mv * F
                    var m = -Double.infinity
                    for v in 0..<k {
                        var sc = 0.0
                        for j in 0..<F { sc += w[j] * data.decisionFeatures[o + v * F + j] }
                        p[v] = sc
                        if sc > m { m = sc }
                    }
                    var total = 0.0
                    for v in 0..<k { p[v] = exp(p[v] - m); total += p[v] }
                    let ch = Int(data.decisionChosen[e])
                    let wt = data.decisionWeight[e]
                    for j in 0..<F {
                        var expect = 0.0
                        for v in 0..<k { expect += p[v] / total * data.decisionFeatures[o + v * F + j] }
                        grad[j] += wt * (data.decisionFeatures[o + ch * F + j] - expect)
                    }
                }
                let scale = s.criticLearningRate / Double(end - start)
                for j in 0..<F { w[j] += scale * grad[j] }
                start = end
            }
        }
    }

    /// Mean weighted negative log-likelihood of the chain examples under θ:
    /// (1/n) Σ_i ω_i · (−log π_θ(c_i | q_i)).
    public static func chainNLL(theta: [Double], data: TrainingData, bank: TaskBank, temperature tau: Double) -> Double {
        guard data.chainCount > 0 else { return 0 }
        let c = bank.chains, d = bank.dimension
        var total = 0.0
        var z = [Double](repeating: 0, count: c)
        for e in 0..<data.chainCount {
            let q = Int(data.question[e]), ch = Int(data.chain[e])
            var m = -Double.infinity
            for ci in 0..<c {
                var dot = 0.0
                for j in 0..<d { dot += theta[j] * bank.features[(q * c + ci) * d + j] }
                z[ci] = (bank.baseLogits[q * c + ci] + dot) / tau
                m = max(m, z[ci])
            }
            var s = 0.0
            for ci in 0..<c { s += exp(z[ci] - m) }
            total += data.weight[e] * -(z[ch] - m - log(s))
        }
        return total / Double(data.chainCount)
    }

    /// Mean weighted negative log-likelihood of the critic decisions under w.
    public static func decisionNLL(weights w: [Double], data: TrainingData) -> Double {
        guard data.decisionCount > 0 else { return 0 }
        let F = AgentModel.criticFeatureCount, mv = data.maxView
        var total = 0.0
        for e in 0..<data.decisionCount {
            let k = Int(data.decisionViewCount[e]), o = e * mv * F
            var sc = [Double](repeating: 0, count: k)
            for v in 0..<k { for j in 0..<F { sc[v] += w[j] * data.decisionFeatures[o + v * F + j] } }
            let lse = Info.logSumExp(sc)
            total += data.decisionWeight[e] * -(sc[Int(data.decisionChosen[e])] - lse)
        }
        return total / Double(data.decisionCount)
    }
}
