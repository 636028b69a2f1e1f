import Foundation
import Testing
import ChorusAnalysis
import ChorusStats
@testable import ChorusSimulation

/// The sweep machinery: spec, plan, durable points, resume, shards and merge.
@Suite struct SweepEngineTests {
    static func tiny() -> SweepSpec {
        var s = SweepSpec()
        s.name = "tiny"
        s.preset = "quick"
        s.set = ["regimes=single-agent,multiagent", "task.train_questions=12", "task.test_questions=12", "iterations=2"]
        s.axes = [SweepAxis(key: "agents.count", values: .list(["2", "3"])),
                  SweepAxis(key: "finetune.data", values: .list(["replace", "accumulate"]))]
        s.seeds = 2
        s.seedOffset = 500
        s.metrics = [MetricName.accuracyFinal, Contrasts.accuracyMinus("single-agent")]
        return s
    }

    static func temp() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("chorus-sweep-test-\(UUID().uuidString)")
    }

    static func tables(_ dir: URL) throws -> [Data] {
        try [SweepMerge.metricsFile, SweepMerge.summaryFile, SweepMerge.pointsFile].map {
            try Data(contentsOf: dir.appendingPathComponent($0))
        }
    }

    @Test func yamlSpecReadsEveryFieldAndRejectsBadOnes() throws {
        let yaml = """
        name: t
        base: {preset: quick, set: [iterations=2]}
        axes:
          - {key: agents.count, values: [2, 4]}
          - {key: finetune.learning_rate, grid: {from: 0.1, to: 0.5, count: 3}}
          - {key: regimes, values: [[single-agent], [single-agent, multiagent]]}
        seeds: 3
        seed_offset: 100
        metrics: [accuracy.final]
        figure: {metric: accuracy.final, regime: single-agent}
        """
        let s = try SweepSpec.parse(yaml: yaml, source: "t.yaml")
        #expect(s.axes.count == 3)
        #expect(s.axes[1].values == .list(["0.1", "0.3", "0.5"]))
        #expect(s.axes[2].values == .list(["[single-agent]", "[single-agent, multiagent]"]))
        let plan = try SweepPlan(spec: s)
        #expect(plan.points.count == 12)
        #expect(plan.points[0].config.seeds == [101, 102, 103])
        #expect(plan.points[11].config.agents.count == 4 && plan.points[11].config.regimes == ["single-agent", "multiagent"])
        // Unknown spec key, duplicate axis, value out of range: errors naming them.
        #expect(throws: SweepError.self) { try SweepSpec.parse(yaml: "axes: []\nsed: 3", source: "t.yaml") }
        do {
            _ = try SweepSpec.parse(yaml: "axes:\n  - {key: agents.count, values: [2]}\n  - {key: agents.count, values: [3]}", source: "t.yaml")
            Issue.record("duplicate axis accepted")
        } catch let e as SweepError { #expect("\(e)".contains("agents.count") && "\(e)".contains("twice")) }
        var bad = Self.tiny()
        bad.axes[0] = SweepAxis(key: "agents.count", values: .list(["2", "0"]))
        do { _ = try SweepPlan(spec: bad); Issue.record("agents.count=0 accepted") } catch let e as SweepError {
            #expect("\(e)".contains("axis 'agents.count' = 0"))
        }
        bad.axes[0] = SweepAxis(key: "agents.colour", values: .list(["2"]))
        #expect(throws: SweepError.self) { try SweepPlan(spec: bad) }
        // Integer keys given a fraction, an overflow or a non-number are errors, never rounded
        // (the assertions of the old grid sweep's tests, carried over to the engine).
        for key in ["finetune.epochs", "finetune.batch_size"] {
            for v in ["0.5", "1e30", "nan"] {
                bad.axes[0] = SweepAxis(key: key, values: .list([v]))
                #expect(throws: SweepError.self) { try SweepPlan(spec: bad) }
            }
        }
        bad.axes[0] = SweepAxis(key: "agents.temperature", values: .list(["1", "-1"]))   // out of range
        #expect(throws: SweepError.self) { try SweepPlan(spec: bad) }
        #expect(throws: SweepError.self) { try SweepAxis.parse("agents.count") }
        #expect(try SweepAxis.parse("agents.count=1:4:4").values == .list(["1", "2", "3", "4"]))
        #expect(try SweepAxis.parse("task.learnability=0..2").values == .range(lower: 0, upper: 2))
    }

    @Test func sampledDesignsCoverTheRanges() throws {
        // Latin hypercube: every stratum of every coordinate holds exactly one point.
        let lhs = try SpaceFilling.latinHypercube(dimension: 3, count: 10, stream: SeedStream(seed: 7))
        for j in 0..<3 { #expect(Set(lhs.map { Int($0[j] * 10) }) == Set(0..<10)) }
        // Sobol (Bratley & Fox; Joe & Kuo direction numbers agree in 2-D): 1/2, then 3/4 1/4, 1/4 3/4.
        let sobol = try SpaceFilling.quasiRandom(.sobol, dimension: 2, count: 3)
        #expect(sobol == [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]])
        // Halton in bases 2 and 3: 1/2 1/3, 1/4 2/3.
        let halton = try SpaceFilling.quasiRandom(.halton, dimension: 2, count: 2)
        #expect(abs(halton[0][0] - 0.5) < 1e-15 && abs(halton[0][1] - 1.0 / 3) < 1e-15)
        #expect(abs(halton[1][0] - 0.25) < 1e-15 && abs(halton[1][1] - 2.0 / 3) < 1e-15)
        #expect(throws: StatsError.self) { try SpaceFilling.quasiRandom(.sobol, dimension: 41, count: 1) }
        // An integer key sampled over a range takes whole values in the range.
        var s = Self.tiny()
        s.axes = [SweepAxis(key: "debate.rounds", values: .range(lower: 1, upper: 4)),
                  SweepAxis(key: "finetune.learning_rate", values: .range(lower: 0.1, upper: 1))]
        s.design = .sobol
        s.samples = 4
        let plan = try SweepPlan(spec: s)
        #expect(plan.points.map(\.config.debate.rounds) == [3, 4, 2, 2])   // Sobol's first coordinate 1/2, 3/4, 1/4, 3/8 → 1 + ⌊4u⌋
        #expect(plan.points.allSatisfy { (0.1..<1).contains($0.config.finetune.learningRate) })
    }

    @Test func shardsResumeAndMergeGiveTheSameBytes() throws {
        let plan = try SweepPlan(spec: Self.tiny())
        let whole = Self.temp(), sharded = Self.temp(), merged = Self.temp()
        defer { for d in [whole, sharded, merged] { try? FileManager.default.removeItem(at: d) } }
        let r = try SweepRunner.run(plan: plan, directory: whole, toolVersion: "test", threads: 2)
        #expect(r.computed == 4 && r.failed.isEmpty && r.files.count == 4)
        _ = try SweepMerge.write(plan: plan, collected: try SweepMerge.collect(plan: plan, directories: [whole], toolVersion: "test"), to: whole)
        // The points kept in memory by the run give the same tables as the files read back.
        let inMemory = SweepMerge.tables(plan: plan, collected: try SweepMerge.collect(plan: plan, directories: [whole], toolVersion: "test", known: r.files))
        #expect([inMemory.metrics.csv(), inMemory.summary.csv(), inMemory.points.csv()].map { Data($0.utf8) } == (try Self.tables(whole)))
        // Three shards into separate directories, merged.
        var shardDirs: [URL] = []
        for i in 0..<3 {
            let d = sharded.appendingPathComponent("shard\(i)")
            shardDirs.append(d)
            let rep = try SweepRunner.run(plan: plan, directory: d, toolVersion: "test", shard: (i, 3), threads: 1)
            #expect(rep.total == plan.points.filter { $0.index % 3 == i }.count)
        }
        let collected = try SweepMerge.collect(plan: plan, directories: shardDirs, toolVersion: "test")
        #expect(collected.missing.isEmpty)
        _ = try SweepMerge.write(plan: plan, collected: collected, to: merged)
        #expect(try Self.tables(whole) == Self.tables(merged))
        // Every tidy row carries every swept key, the seed and the metric.
        let metrics = try String(contentsOf: whole.appendingPathComponent(SweepMerge.metricsFile), encoding: .utf8)
        #expect(metrics.hasPrefix("point,point_id,agents.count,finetune.data,regime,seed,iteration,metric,value\n"))
        #expect(metrics.contains(",3,accumulate,multiagent,501,2,accuracy.final,"))

        // Resume: a missing file and a half-written one are recomputed, the rest reused.
        let before = try Self.tables(whole)
        let p0 = SweepDirectory.pointURL(whole, id: plan.points[0].id)
        let p1 = SweepDirectory.pointURL(whole, id: plan.points[1].id)
        try FileManager.default.removeItem(at: p0)
        let text = try Data(contentsOf: p1)
        try text.prefix(text.count / 2).write(to: p1)
        let again = try SweepRunner.run(plan: plan, directory: whole, toolVersion: "test", threads: 2)
        #expect(again.computed == 2 && again.reused == 2 && again.stale.count == 1)
        // Another tool version's file is stale too.
        let other = try SweepRunner.run(plan: plan, directory: whole, toolVersion: "other", threads: 2)
        #expect(other.stale.count == 4 && other.computed == 4)
        _ = try SweepRunner.run(plan: plan, directory: whole, toolVersion: "test", threads: 2)
        _ = try SweepMerge.write(plan: plan, collected: try SweepMerge.collect(plan: plan, directories: [whole], toolVersion: "test"), to: whole)
        #expect(try Self.tables(whole) == before)
    }

    @Test func aShardPlanResolvesOnlyItsPointsWithTheSameIDs() throws {
        let full = try SweepPlan(spec: Self.tiny())
        let part = try SweepPlan(spec: Self.tiny(), shard: (1, 3))
        #expect(part.count == full.count)
        #expect(part.points.map(\.id) == full.points.filter { $0.index % 3 == 1 }.map(\.id))
    }

    @Test func missingAndFailedPointsAreReportedAndAnotherSweepIsRefused() throws {
        let plan = try SweepPlan(spec: Self.tiny())
        let dir = Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try SweepRunner.run(plan: plan, directory: dir, toolVersion: "test", shard: (0, 2), threads: 1)
        var failed = SweepRunner.compute(plan.points[1], spec: plan.spec, toolVersion: "test", threads: 1)
        failed.error = "injected failure"
        try failed.json().write(to: SweepDirectory.pointURL(dir, id: plan.points[1].id), atomically: true, encoding: .utf8)
        let c = try SweepMerge.collect(plan: plan, directories: [dir], toolVersion: "test")
        #expect(c.missing == [3])
        #expect(c.failed.map(\.index) == [1])
        let points = SweepMerge.tables(plan: plan, collected: c).points.csv()
        #expect(points.contains(",failed,NA,NA,injected failure") && points.contains(",missing,"))
        // The failed point is tried again by the next run.
        let r = try SweepRunner.run(plan: plan, directory: dir, toolVersion: "test", threads: 1)
        #expect(r.computed == 2 && r.failed.isEmpty)
        // A directory of another sweep is refused, naming the difference.
        var other = Self.tiny()
        other.seeds = 3
        do { _ = try SweepRunner.run(plan: try SweepPlan(spec: other), directory: dir, toolVersion: "test"); Issue.record("mixed sweeps") }
        catch let e as SweepError { #expect("\(e)".contains("seeds")) }
    }

    /// `agents.count` is sweepable up to 16 and every exact metric stays on: the 16-agent point
    /// writes the same metric names as the 2-agent point, and its exact round-1 majority accuracy
    /// is a probability.
    @Test func sixteenAgentsSweepWithEveryExactMetric() throws {
        var spec = Self.tiny()
        spec.set = ["regimes=single-agent,multiagent", "task.train_questions=4", "task.test_questions=4", "iterations=1"]
        spec.axes = [SweepAxis(key: "agents.count", values: .list(["2", "16"]))]
        spec.seeds = 2
        spec.metrics = []
        spec.claims = []
        let plan = try SweepPlan(spec: spec)
        let files = plan.points.map { SweepRunner.compute($0, spec: spec, toolVersion: "test", threads: 2) }
        #expect(files.allSatisfy { $0.ok })
        let names = files.map { f in Set(f.rows.filter { $0.regime == "multiagent" }.map(\.metric)) }
        // The same metrics at 2 and 16 agents, apart from the per-seat style shares, of which
        // there is one per seat, role and style (2 roles × N seats × 4 styles).
        // (training.overlap.* are written only when at least two models of a role got data, which
        // on 4 training questions depends on the draws, so they are left out of the comparison.)
        let fixed = names.map { $0.filter { StyleShares.parse($0) == nil && !$0.hasPrefix("training.overlap") } }
        #expect(fixed[0] == fixed[1])
        let shares = names.map { $0.filter { StyleShares.parse($0) != nil }.count }
        #expect(shares == [2 * 2 * 4, 2 * 16 * 4])
        #expect(names[1].contains(MetricName.accuracyRound1Majority) && names[1].contains(MetricName.klBetween))
        let majority = files[1].rows.filter { $0.metric == MetricName.accuracyRound1Majority }.map(\.value)
        #expect(majority.count == 2 * 2 * 2 && majority.allSatisfy { (0...1).contains($0) })
    }

    /// The point file's exact text (hand-written), and reading it back gives the same file.
    @Test func pointFileTextIsStableAndRoundTrips() throws {
        let f = PointFile(toolVersion: "t", id: "abc", index: 2, settings: [.init(key: "agents.count", value: "3")],
                          seeds: [11, 12], error: nil,
                          rows: [MetricRow(regime: "multi\"agent", seed: 11, iteration: 0, metric: "accuracy.final", value: 0.1),
                                 MetricRow(regime: "multi\"agent", seed: 12, iteration: 1, metric: "accuracy.final", value: .nan)],
                          claims: [.init(number: 3, statement: "s", holds: false, margin: .init(n: 2, mean: -0.5, lower: -1, upper: 0.25))])
        let expected = """
        {"schema": "chorus-sweep-point", "schema_version": 1, "chorus": "t", "id": "abc", "index": 2,
         "settings": [["agents.count", "3"]],
         "seeds": ["11", "12"],
         "status": "ok", "error": null,
         "claims": [
          {"number": 3, "statement": "s", "holds": false, "margin": ["2", "-0.5", "-1.0", "0.25"]}],
         "rows": [
          ["multi\\"agent", "11", "0", "accuracy.final", "0.1"],
          ["multi\\"agent", "12", "1", "accuracy.final", "NA"]]}

        """
        #expect(f.json() == expected)
        let url = Self.temp()
        defer { try? FileManager.default.removeItem(at: url) }
        try f.json().write(to: url, atomically: true, encoding: .utf8)
        let back = try PointFile.read(url, expectedID: "abc", toolVersion: "t")
        #expect(back.json() == expected)
        #expect(back.rows[1].value.isNaN && back.rows[0] == f.rows[0])
    }

    @Test func claimVerdictsTellUndecidedFromFails() {
        func claim(_ holds: Bool, _ lo: Double, _ hi: Double) -> PointFile.Claim {
            .init(number: 1, statement: "", holds: holds, margin: .init(n: 10, mean: (lo + hi) / 2, lower: lo, upper: hi))
        }
        #expect(SweepMerge.verdict(claim(true, 0.1, 0.3)) == "holds")
        #expect(SweepMerge.verdict(claim(false, -0.1, 0.2)) == "undecided")
        #expect(SweepMerge.verdict(claim(false, -0.3, -0.1)) == "fails")
        #expect(SweepMerge.sign(lower: 0.01, upper: 0.2, n: 5) == "positive")
        #expect(SweepMerge.sign(lower: -0.01, upper: 0.2, n: 5) == "undecided")
    }
}
