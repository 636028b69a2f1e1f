import Testing
import ChorusStats
@testable import ChorusSimulation

/// The official code's critic mix and the compute-matched budget, on hand-built data.
@Suite("Critic mix and compute matching")
struct CriticMixTests {
    /// Data with one generator example, `minus` D^C− and `plus` D^C+ trajectories (a chain and a
    /// decision each, tagged by chain index: 100+i for D^C−, 200+i for D^C+).
    func data(minus: Int, plus: Int) -> TrainingData {
        var d = TrainingData(maxView: 2)
        d.addChain(question: 0, chain: 0, weight: 1, split: 0)
        let f = [Double](repeating: 0, count: 2 * AgentModel.criticFeatureCount)
        for i in 0..<minus {
            d.addChain(question: 1, chain: 100 + i, weight: 1, split: 1)
            d.addDecision(features: f, offset: 0, viewCount: 2, chosen: i % 2, weight: 1, split: 1)
        }
        for i in 0..<plus {
            d.addChain(question: 2, chain: 200 + i, weight: 1, split: 2)
            d.addDecision(features: f, offset: 0, viewCount: 2, chosen: 0, weight: 1, split: 2)
        }
        return d
    }

    @Test("official mix: every D^C− kept, D^C+ added with probability ½ per D^C−, weights 1, pairs kept together")
    func officialMix() {
        var g = Xoshiro256(seed: 42)
        var kept = 0.0, trials = 0.0
        for _ in 0..<2000 {
            var d = data(minus: 4, plus: 10)
            d.applyOfficialCriticMix(using: &g)
            let m = d.split.filter { $0 == 1 }.count, p = d.split.filter { $0 == 2 }.count
            #expect(m == 4 && d.split.filter { $0 == 0 }.count == 1)
            #expect(p <= 4)
            #expect(d.decisionSplit.filter { $0 == 2 }.count == p)
            #expect(d.weight.allSatisfy { $0 == 1 } && d.decisionWeight.allSatisfy { $0 == 1 })
            #expect(Set(d.chain.filter { $0 >= 200 }).count == p)   // without replacement
            kept += Double(p); trials += 4
        }
        // Each of the 8000 D^C− examples adds a D^C+ with probability ½: binomial, 5 SE.
        let rate = kept / trials
        #expect(abs(rate - 0.5) < 5 * (0.25 / trials).squareRoot())
    }

    @Test("official mix stops adding D^C+ when none are left")
    func officialMixExhausts() {
        var g = Xoshiro256(seed: 1)
        var d = data(minus: 50, plus: 2)
        d.applyOfficialCriticMix(using: &g)
        #expect(d.split.filter { $0 == 2 }.count <= 2)
        #expect(d.split.filter { $0 == 1 }.count == 50)
    }

    @Test("compute matching keeps ⌈n/s⌉ examples, a uniform subset in order")
    func subsample() {
        var g = Xoshiro256(seed: 3)
        var hits = [Double](repeating: 0, count: 13)
        let reps = 3000
        for _ in 0..<reps {
            var d = data(minus: 6, plus: 6)   // 13 chain examples, 12 decisions
            d.subsample(divisor: 6, using: &g)
            #expect(d.chainCount == 3 && d.decisionCount == 2)
            let ids = d.chain.map(Int.init)
            #expect(ids == ids.sorted())
            for c in ids { hits[c == 0 ? 0 : (c >= 200 ? 7 + c - 200 : 1 + c - 100)] += 1 }
        }
        // Each of the 13 examples is kept with probability 3/13.
        let p = 3.0 / 13, se = (p * (1 - p) / Double(reps)).squareRoot()
        for h in hits { #expect(abs(h / Double(reps) - p) < 5 * se) }
    }

    @Test("the matched single agent's budget is one seat's share of the pooled data")
    func matchedRegime() throws {
        var c = Fixtures.smallConfig()
        c.agents.count = 3; c.debate.rounds = 2
        let r = try Regime.named("single-agent-matched", agents: 3)
        #expect(r.matchedBudget && r.modelCount == 1)
        #expect(r.contributingSeats(of: 0, c) == 6)
        let m = try Regime.named("multiagent", agents: 3)
        #expect((0..<6).allSatisfy { m.contributingSeats(of: $0, c) == 1 })
        c.debate.rounds = 1
        #expect(r.contributingSeats(of: 0, c) == 3)
    }
}
