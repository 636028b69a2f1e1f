import Testing
import ChorusAnalysis
import ChorusStats
@testable import ChorusSimulation

@Suite("Experiment")
struct ExperimentTests {
    @Test("rows are identical for 1 and 2 threads")
    func determinism() throws {
        let c = Fixtures.smallConfig(regimes: ["single-agent", "multiagent", "no-summary"], seeds: [1, 2, 3], questions: 30)
        let e = try Experiment(config: c)
        let a = try e.run(threads: 1), b = try e.run(threads: 2)
        #expect(a.rows == b.rows)
        #expect(!a.rows.isEmpty)
        // Sorted by regime order, seed, iteration, metric.
        let order = Dictionary(uniqueKeysWithValues: c.regimes.enumerated().map { ($1, $0) })
        for (x, y) in zip(a.rows, a.rows.dropFirst()) {
            let kx = (order[x.regime]!, Int(x.seed), x.iteration), ky = (order[y.regime]!, Int(y.seed), y.iteration)
            #expect(kx < ky || (kx == ky && x.metric < y.metric))
        }
    }

    @Test("common random numbers: no-critic equals multiagent until critics are finetuned")
    func commonRandomNumbers() throws {
        let c = Fixtures.smallConfig(regimes: ["multiagent", "no-critic"], seeds: [4], questions: 30, iterations: 1)
        let r = try Experiment(config: c).run(threads: 1)
        func value(_ regime: String, _ it: Int, _ m: String) -> Double? {
            r.rows.first { $0.regime == regime && $0.iteration == it && $0.metric == m }?.value
        }
        // training.overlap* describes the data selected after iteration 0's measurement, which
        // differs by design (no-critic trains no critic), so it is not a measurement of the base.
        let base = r.rows.filter { $0.regime == "multiagent" && $0.iteration == 0 && !$0.metric.hasPrefix("contrast")
            && !$0.metric.hasPrefix("training.overlap") }
        for row in base { #expect(value("no-critic", 0, row.metric) == row.value, "\(row.metric)") }
        for m in [MetricName.entropyChainGenerator, MetricName.disagreementChain, MetricName.klBaseGenerator] {
            #expect(value("multiagent", 1, m) == value("no-critic", 1, m))
        }
        #expect(value("multiagent", 1, MetricName.klBaseCritic)! > 0)
        #expect(value("no-critic", 1, MetricName.klBaseCritic)! == 0)
    }

    @Test("contrast rows are the paired differences of the rows they name")
    func contrasts() throws {
        let c = Fixtures.smallConfig(regimes: ["multiagent", "no-summary"], seeds: [5], questions: 20, iterations: 2)
        let r = try Experiment(config: c).run(threads: 1)
        func value(_ regime: String, _ it: Int, _ m: String) -> Double {
            r.rows.first { $0.regime == regime && $0.iteration == it && $0.metric == m }!.value
        }
        let acc = MetricName.accuracyFinal
        #expect(value("multiagent", 0, Contrasts.minusBase) == 0)
        #expect(value("multiagent", 2, Contrasts.minusBase) == value("multiagent", 2, acc) - value("multiagent", 0, acc))
        #expect(value("multiagent", 1, Contrasts.minusLast) == value("multiagent", 1, acc) - value("multiagent", 2, acc))
        #expect(value("multiagent", 1, Contrasts.accuracyMinus("no-summary"))
                == value("multiagent", 1, acc) - value("no-summary", 1, acc))
    }

    @Test("transcripts: one record per seat, round, test question and requested iteration")
    func transcripts() throws {
        var c = Fixtures.smallConfig(regimes: ["multiagent", "single-no-debate"], seeds: [1], questions: 15, iterations: 2)
        c.output.transcripts = [0, 2]
        let r = try Experiment(config: c).run(threads: 2)
        let multi = r.transcripts.filter { $0.regime == "multiagent" }
        #expect(multi.count == 2 * 15 * 2 * 3)
        #expect(r.transcripts.filter { $0.regime == "single-no-debate" }.count == 2 * 15 * 1 * 3)
        #expect(Set(multi.map(\.iteration)) == [0, 2])
        for rec in multi {
            #expect(rec.role == (rec.round == 1 ? .generator : .critic))
            #expect(rec.correct == (rec.answer == rec.truth))
            #expect(rec.embedding?.count == c.task.featureDimension)
        }
        #expect(try Experiment(config: Fixtures.smallConfig()).run(threads: 1).transcripts.isEmpty)
    }

    @Test("bad configurations are typed errors naming the key")
    func validation() {
        var c = Fixtures.smallConfig()
        c.agents.count = 0
        #expect(throws: SimulationError.invalidValue(path: "agents.count", value: "0", allowed: "1…64")) { try Experiment(config: c) }
        c = Fixtures.smallConfig(); c.regimes = ["multiagent", "bogus"]
        #expect(throws: SimulationError.self) { try Experiment(config: c) }
        c = Fixtures.smallConfig(); c.task.baseAccuracy = 1
        #expect(throws: SimulationError.self) { try Experiment(config: c) }
        c = Fixtures.smallConfig(); c.output.transcripts = [7]
        #expect(throws: SimulationError.self) { try Experiment(config: c) }
        c = Fixtures.smallConfig(); c.finetune.batchSize = 0
        #expect(throws: SimulationError.self) { try Experiment(config: c) }
        #expect(throws: SimulationError.self) { try Regime.named("nope", agents: 3) }
        for name in Regime.names { #expect((try? Regime.named(name, agents: 3)) != nil) }
    }

    @Test("summaries: mean and t interval over seeds")
    func summaries() throws {
        let r = try Experiment(config: Fixtures.smallConfig(regimes: ["multiagent"], seeds: [1, 2, 3], questions: 20, iterations: 1)).run()
        let s = r.summarize()
        let row = s.first { $0.metric == MetricName.accuracyFinal && $0.iteration == 1 }!
        let values = r.rows.filter { $0.metric == MetricName.accuracyFinal && $0.iteration == 1 }.map(\.value)
        let direct = try Describe.tInterval(values)
        #expect(row.summary == direct)
    }
}

@Suite("Experiment edge cases")
struct ExperimentEdgeTests {
    @Test("one agent, three rounds, accumulated data, restart from base, base pull: all run and stay finite")
    func edges() throws {
        var c = Fixtures.smallConfig(regimes: Regime.names, seeds: [1], questions: 12, iterations: 2)
        c.agents.count = 1
        c.debate.rounds = 3
        c.finetune.data = .accumulate
        c.finetune.restartFromBase = true
        c.finetune.basePull = 0.1
        let r = try Experiment(config: c).run(threads: 2)
        #expect(!r.rows.isEmpty)
        for row in r.rows { #expect(row.value.isFinite, "\(row.regime) \(row.metric)") }
        #expect(!r.rows.contains { $0.metric == MetricName.disagreementChain })
        // Seven agents: round-1 majority is exact too (dynamic programming over answer counts), and final accuracy is reported.
        var big = Fixtures.smallConfig(regimes: ["single-no-debate"], seeds: [1], questions: 10, iterations: 1)
        big.agents.count = 7
        let rb = try Experiment(config: big).run(threads: 1)
        #expect(rb.rows.contains { $0.metric == MetricName.accuracyRound1Majority })
        #expect(rb.rows.contains { $0.metric == MetricName.accuracyFinal })
    }
}

@Suite("Custom regimes")
struct CustomRegimeTests {
    @Test("a regime value can be varied and run; inconsistent seats are typed errors")
    func custom() throws {
        let c = Fixtures.smallConfig(seeds: [1], questions: 12, iterations: 1)
        var variant = try Regime.named("single-agent", agents: 3)
        variant.name = "single-agent-generator-data-only"
        variant.trainCritics = false
        let r = try Experiment(config: c, regimes: [try Regime.named("single-agent", agents: 3), variant]).run(threads: 1)
        #expect(Set(r.rows.map(\.regime)) == ["single-agent", "single-agent-generator-data-only"])
        // Same streams, same iteration 0 (common random numbers).
        let a = r.rows.filter { $0.regime == "single-agent" && $0.iteration == 0 && !$0.metric.hasPrefix("contrast") }.map(\.value)
        let b = r.rows.filter { $0.regime == variant.name && $0.iteration == 0 && !$0.metric.hasPrefix("contrast") }.map(\.value)
        #expect(a == b)
        var broken = variant
        broken.name = "broken"
        broken.criticSeats = [0, 0, 5]
        #expect(throws: SimulationError.self) { try Experiment(config: c, regimes: [broken]) }
        #expect(throws: SimulationError.self) { try Experiment(config: c, regimes: [variant, variant]) }
    }
}
