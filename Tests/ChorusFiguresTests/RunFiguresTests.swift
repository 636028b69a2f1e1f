import Foundation
import Testing
import ChorusTestSupport
import ChorusRecords
@testable import ChorusFigures

@Suite("Figures of run directories, from their tables")
struct RunFiguresTests {
    @Test("A simulation run's tables give every figure of the set")
    func simulationSet() throws {
        let dir = try SyntheticRun.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (kind, figures) = try RunFigures.figures(for: dir)
        #expect(kind == .simulation)
        #expect(figures.map(\.name) == ["accuracy", "accuracy-by-regime", "diversity", "entropy-by-role", "style-specialisation",
                                        "ablations-iteration-1", "kl-base-by-role", "accuracy-vs-entropy"])
        // The diversity panel has one panel per metric present (six here), a shared legend.
        let diversity = try #require(figures.first { $0.name == "diversity" })
        #expect(diversity.panels.count == 6 && diversity.sharedLegend)
        // Every format of every figure is written.
        let out = dir.appendingPathComponent("figures")
        for f in figures { _ = try f.render(into: out) }
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        for f in figures { for e in ["png", "pdf", "svg"] { #expect(files.contains("\(f.name).\(e)")) } }
    }

    @Test("Only what the table holds is drawn: a run of one regime without diversity metrics")
    func partialRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var s = "regime,iteration,metric,n,mean,sd,se,ci_lower,ci_upper\n"
        for it in 0...2 { s += "multiagent,\(it),accuracy.final,3,0.\(5 + it),0.01,0.006,0.4\(5 + it),0.5\(5 + it)\n" }
        try s.write(to: dir.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
        let (_, figures) = try RunFigures.figures(for: dir)
        #expect(figures.map(\.name) == ["accuracy"])
    }

    @Test("The ablation bars are paired changes over seeds (hand-computed)")
    func pairedChange() throws {
        let m = try SyntheticRun.metrics()
        let e = try #require(m.pairedChange("multiagent", "accuracy.final", from: 0, to: 1))
        let diffs = (1...4).map { SyntheticRun.value(1, $0, 1, "accuracy.final") - SyntheticRun.value(1, $0, 0, "accuracy.final") }
        let mean = diffs.reduce(0, +) / 4
        let sd = (diffs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        #expect(abs(e.mean - mean) < 1e-12)
        #expect(abs(e.upper - (mean + 3.182446305284263 * sd / 2)) < 1e-9)
        #expect(e.n == 4)
        #expect(m.pairedChange("multiagent", "no.such.metric", from: 0, to: 1) == nil)
    }

    @Test("The entropy fit recovers a and b of R = b − a·e^H exactly")
    func entropyFit() throws {
        let h = [0.2, 0.5, 0.9, 1.4, 2.0]
        let r = h.map { 0.7 - 0.03 * exp($0) }
        let f = try #require(SimulationRunFigures.entropyFit(h: h, r: r))
        #expect(abs(f.a - 0.03) < 1e-12 && abs(f.b - 0.7) < 1e-12 && abs(f.rSquared - 1) < 1e-12)
        #expect(SimulationRunFigures.entropyFit(h: [1, 1, 1], r: [0.5, 0.6, 0.7]) == nil)
        #expect(SimulationRunFigures.entropyFit(h: [1, 2], r: [0.5, 0.6]) == nil)
    }

    @Test("Bad tables and folders are clear errors naming the file, line and column")
    func badInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: FigureError.notARun(path: dir.path, reason: "it has none of summary.csv (chorus simulate or reproduce), sweep-summary.csv (chorus sweep), compare.csv (chorus compare), iterations.csv (chorus analyze --run), rounds.csv (chorus analyze), checks.csv (chorus validate)")) {
            try RunFigures.detect(dir)
        }
        #expect(throws: FigureError.self) { try RunFigures.detect(dir.appendingPathComponent("missing")) }
        let url = dir.appendingPathComponent("summary.csv")
        try "regime,iteration,metric,n,mean,ci_lower\nmultiagent,0,accuracy.final,3,0.5,0.4\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: TableError.missingColumn(path: url.path, column: "ci_upper")) { try RunFigures.figures(for: dir) }
        try "regime,iteration,metric,n,mean,ci_lower,ci_upper\nmultiagent,0,accuracy.final,3,zero,0.4,0.6\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: TableError.malformed(path: url.path, line: 2, reason: "column 'mean': 'zero' is not a number")) { try RunFigures.figures(for: dir) }
    }

    @Test("Analyze tables: seeds of a group are pooled into one panel per regime, for rounds and per-model accuracy")
    func analyzeTables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rounds = "file,run,regime,iteration,round,metric,value,lower,upper,n\n"
        var agents = "file,run,regime,seed,iteration,agent,agent_name,round,accuracy,lower,upper,n,no_answer_rate\n"
        for regime in ["single-agent", "multiagent"] {
            for seed in 0..<3 {
                for round in 1...2 {
                    let v = 0.5 + 0.1 * Double(round) + 0.01 * Double(seed)
                    rounds += "t.jsonl,r,\(regime),0,\(round),accuracy.individual,\(v),\(v - 0.05),\(v + 0.05),40\n"
                    rounds += "t.jsonl,r,\(regime),0,\(round),accuracy.majority,\(v + 0.05),\(v),\(v + 0.1),40\n"
                    for a in 0..<2 {
                        let acc = 0.6 + 0.1 * Double(a) + 0.02 * Double(seed)
                        agents += "t.jsonl,r,\(regime),\(seed),0,\(a),\(a == 0 ? "gpt" : "llama"),\(round),\(acc),\(acc - 0.1),\(acc + 0.1),40,0\n"
                    }
                }
            }
        }
        try rounds.write(to: dir.appendingPathComponent("rounds.csv"), atomically: true, encoding: .utf8)
        try agents.write(to: dir.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        let f = try AnalyzeRunFigures.read(dir)
        let key = AnalyzeRunFigures.Key(file: "t.jsonl", run: "r", regime: "multiagent", iteration: "0")
        let e = try #require(f.estimate(key, round: 2, metric: "accuracy.individual"))
        #expect(e.n == 3 && abs(e.mean - 0.71) < 1e-12)   // mean of 0.70, 0.71, 0.72
        // The t interval over the 3 seeds: mean ± t(0.975, 2)·sd/√3, sd = 0.01.
        #expect(abs(e.upper - (0.71 + 4.302652729911275 * 0.01 / 3.0.squareRoot())) < 1e-9)
        let names = f.all().map(\.name)
        #expect(names == ["accuracy-by-round", "per-model-accuracy"])
        // One panel per regime, not one per seed.
        let accuracy = try #require(f.accuracyByRound())
        #expect(accuracy.panels.count == 2)
        let perModel = try #require(f.perModelAccuracy())
        #expect(perModel.panels.count == 2)
        guard case .line(let c) = perModel.panels[1] else { Issue.record("not a line chart"); return }
        #expect(c.title == "multiagent, iteration 0")
        #expect(c.series.map(\.name) == ["gpt", "llama"])
        // Mean over seeds 0, 1, 2 of 0.6 + 0.1·a + 0.02·seed.
        #expect(c.series[0].y.allSatisfy { abs($0 - 0.62) < 1e-12 } && c.series[1].y.allSatisfy { abs($0 - 0.72) < 1e-12 })
        #expect(try RunFigures.detect(dir) == .analysis)
    }

    @Test("More groups than a figure holds: the first 12 are drawn and the caption says so")
    func manyGroups() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rounds = "file,run,regime,iteration,round,metric,value,lower,upper,n\n"
        for g in 0..<30 { rounds += "t.jsonl,r,regime\(g),0,1,accuracy.individual,0.5,0.4,0.6,10\n" }
        try rounds.write(to: dir.appendingPathComponent("rounds.csv"), atomically: true, encoding: .utf8)
        let a = try #require(try AnalyzeRunFigures.read(dir).accuracyByRound())
        #expect(a.panels.count == 12 && a.caption.hasSuffix("The first 12 of 30 groups are drawn; the tables have all."))
    }
}
