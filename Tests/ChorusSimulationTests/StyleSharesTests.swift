import Testing
import Foundation
@testable import ChorusSimulation

@Suite("Per-agent style shares")
struct StyleSharesTests {
    func shares(_ thetas: [[Double]], bank: TaskBank, generatorSeats: [Int], criticSeats: [Int], tau: Double = 1) -> [String: Double] {
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        let tables = thetas.map { PolicyTable(bank: bank, theta: $0, temperature: tau, questions: test) }
        var out: [(String, Double)] = []
        StyleShares.compute(bank: bank, tables: tables, generatorSeats: generatorSeats, criticSeats: criticSeats, into: &out)
        return Dictionary(uniqueKeysWithValues: out)
    }

    @Test("at base, a seat's share of style k is the mean over questions of Σ softmax(b/τ) over the chains c ≡ k (mod K), computed from the base logits")
    func baseAgainstDirect() {
        let bank = Fixtures.bank(train: 5, test: 30)
        let zero = [Double](repeating: 0, count: bank.dimension)
        let tau = 0.6
        let m = shares([zero], bank: bank, generatorSeats: [0, 0, 0], criticSeats: [], tau: tau)
        let c = bank.chains, k = bank.styles
        var direct = [Double](repeating: 0, count: k)
        for q in bank.testStart..<(bank.testStart + bank.testCount) {
            let z = (0..<c).map { bank.baseLogits[q * c + $0] / tau }
            let mx = z.max()!
            let w = z.map { exp($0 - mx) }
            let total = w.reduce(0, +)
            for ch in 0..<c { direct[ch % k] += w[ch] / total }   // docs/model.md: style k(c) = c mod K
        }
        #expect(m.count == 3 * k)   // three generator seats, no critic rows
        for agent in 0..<3 {
            for s in 0..<k {
                let v = m[StyleShares.name(role: "generator", agent: agent, style: s)]!
                #expect(abs(v - direct[s] / Double(bank.testCount)) < 1e-12, "agent \(agent) style \(s)")
            }
        }
    }

    @Test("every seat's shares sum to 1; critic seats get their own rows; seats of one model share their values")
    func sumsAndSeats() {
        let bank = Fixtures.bank(train: 5, test: 25)
        let thetas = (0..<4).map { Fixtures.randomTheta(bank.dimension, sd: 1.5, seed: UInt64(10 + $0)) }
        let m = shares(thetas, bank: bank, generatorSeats: [0, 1, 1], criticSeats: [2, 3, 3])
        let k = bank.styles
        #expect(m.count == 6 * k)
        for role in ["generator", "critic"] {
            for agent in 0..<3 {
                let sum = (0..<k).reduce(0.0) { $0 + m[StyleShares.name(role: role, agent: agent, style: $1)]! }
                #expect(abs(sum - 1) < 1e-12, "\(role) \(agent)")
            }
            for s in 0..<k {
                #expect(m[StyleShares.name(role: role, agent: 1, style: s)] == m[StyleShares.name(role: role, agent: 2, style: s)])
            }
        }
        // Different models (random θ) put different shares on at least one style.
        #expect((0..<k).contains { abs(m[StyleShares.name(role: "generator", agent: 0, style: $0)]! - m[StyleShares.name(role: "generator", agent: 1, style: $0)]!) > 1e-6 })
    }

    @Test("an experiment reports the shares every iteration: the single agent's seats agree, the society's critics appear with debate")
    func inExperiment() throws {
        let c = Fixtures.smallConfig(regimes: ["single-agent", "multiagent"], seeds: [3], questions: 20, iterations: 1)
        let r = try Experiment(config: c).run(threads: 1)
        let styles = c.task.styles
        for regime in ["single-agent", "multiagent"] {
            for it in 0...1 {
                let rows = r.rows.filter { $0.regime == regime && $0.iteration == it && $0.metric.hasPrefix("style_share.") }
                #expect(rows.count == 2 * c.agents.count * styles, "\(regime) \(it)")
            }
        }
        func v(_ regime: String, _ role: String, _ agent: Int, _ s: Int) -> Double {
            r.rows.first { $0.regime == regime && $0.iteration == 1 && $0.metric == StyleShares.name(role: role, agent: agent, style: s) }!.value
        }
        for s in 0..<styles { #expect(v("single-agent", "generator", 0, s) == v("single-agent", "generator", c.agents.count - 1, s)) }
    }
}
