import Foundation
import Testing
import ChorusTestSupport
import ChorusSimulation
@testable import ChorusFigures

/// `chorus figures` on sweep, compare and `analyze --run` folders, and the style heat map, from
/// hand-written tables whose every drawn number is known.
@Suite("Figures of sweep, compare and run-analysis folders, and style specialisation")
struct SweepCompareRunFiguresTests {
    static let summaryHead = "point,point_id,agents.count,finetune.learning_rate,quantity,name,regime,iteration,n,estimate,ci_lower,ci_upper,verdict\n"

    /// A 2 × 3 grid: claim 3's margin 0.02·a − 0.02 + 0.005·b (verdict from its CI) and
    /// accuracy.final of two regimes at iterations 0 and 2.
    static func sweepTable(skip: (Int, Int)? = nil) -> String {
        var s = summaryHead
        var point = 0
        for (a, agents) in ["2", "3"].enumerated() {
            for (b, lr) in ["0.1", "0.3", "1"].enumerated() {
                defer { point += 1 }
                if let skip, skip == (a, b) { continue }
                let head = "\(point),id\(point),\(agents),\(lr)"
                let m = Double(a) * 0.02 - 0.02 + 0.005 * Double(b)
                let verdict = m - 0.004 > 0 ? "holds" : (m + 0.004 < 0 ? "fails" : "undecided")
                s += "\(head),claim,3,NA,NA,4,\(m),\(m - 0.004),\(m + 0.004),\(verdict)\n"
                for regime in ["single-agent", "multiagent"] {
                    for it in [0, 2] {
                        let v = 0.5 + 0.01 * Double(it) + 0.1 * Double(b) + (regime == "multiagent" ? 0.05 : 0)
                        s += "\(head),metric,accuracy.final,\(regime),\(it),4,\(v),\(v - 0.01),\(v + 0.01),NA\n"
                    }
                }
            }
        }
        return s
    }

    @Test("A 2-axis sweep: phase diagrams of every claim and of accuracy.final at the last iteration, marked from the CI")
    func sweepGrid() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.sweepTable(skip: (1, 2)).write(to: dir.appendingPathComponent("sweep-summary.csv"), atomically: true, encoding: .utf8)
        #expect(try RunFigures.detect(dir) == .sweep)
        let f = try SweepRunFigures.read(dir)
        #expect(f.axes == ["agents.count", "finetune.learning_rate"])
        #expect(f.axisValues == [["2", "3"], ["0.1", "0.3", "1"]])
        // Five points of a 2 × 3 grid: one is missing, so the points do not make the full grid.
        #expect(!f.isDrawableGrid && f.all().isEmpty)
        try Self.sweepTable().write(to: dir.appendingPathComponent("sweep-summary.csv"), atomically: true, encoding: .utf8)
        let g = try SweepRunFigures.read(dir, keyLabel: { SweepPlan.label($0) })
        let figures = g.all()
        #expect(figures.map(\.name) == ["sweep-claims", "sweep-accuracy"])
        guard case .heatMap(let claim) = figures[0].panels[0] else { Issue.record("not a heat map"); return }
        // Columns: agents.count (first axis); rows: learning rate (bottom to top).
        #expect(claim.columns == ["2", "3"] && claim.rows == ["0.1", "0.3", "1"])
        #expect(abs(claim.values[2][1] - 0.01) < 1e-12 && abs(claim.values[0][0] - (-0.02)) < 1e-12)
        #expect(claim.cellLabels?[0][0] == "−" && claim.cellLabels?[2][1] == "+" && claim.cellLabels?[2][0] == "−")
        #expect(claim.cellLabels?[1][1] == "+" && claim.cellLabels?[0][1] == "?" && claim.colourScale == .diverging)
        #expect(claim.xLabel == "Agents per role" && g.axisLabel("agents.count", short: false) == "Agents per role (agents.count)")
        // accuracy.final: a panel per regime, at the last iteration (2).
        #expect(figures[1].panels.count == 2)
        guard case .heatMap(let acc) = figures[1].panels[1] else { Issue.record("not a heat map"); return }
        #expect(acc.title == "multiagent" && abs(acc.values[1][0] - (0.5 + 0.02 + 0.1 + 0.05)) < 1e-12)
        // A level, not a signed effect: viridis over its range, no +/−/? marks.
        // One colour range for both regimes' maps: 0.5 + 0.02 (single agent, lowest) … 0.5 + 0.02 + 0.2 + 0.05.
        #expect(acc.colourScale == .viridis && acc.cellLabels == nil)
        #expect(abs(acc.range!.lowerBound - 0.52) < 1e-12 && abs(acc.range!.upperBound - 0.77) < 1e-12)
        // The spec's figure: a metric at a given iteration.
        let spec = try #require(g.figure(metric: "accuracy.final", regime: "single-agent", iteration: 0))
        guard case .heatMap(let s0) = spec.panels[0] else { Issue.record("not a heat map"); return }
        #expect(abs(s0.values[2][1] - 0.7) < 1e-12 && spec.name == "sweep-figure")
        #expect(g.figure(metric: "no.such.metric", regime: "multiagent") == nil)
        // Drawn in every format.
        let out = dir.appendingPathComponent("figures")
        for fig in figures { _ = try fig.render(into: out, formats: [.png, .pdf]) }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sweep-claims.pdf").path))
    }

    @Test("A 1-axis sweep: a line with its 95% band (numeric axis), bars with intervals (categorical axis)")
    func sweepOneAxis() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var s = "point,point_id,finetune.learning_rate,quantity,name,regime,iteration,n,estimate,ci_lower,ci_upper,verdict\n"
        for (i, lr) in ["0.1", "0.3", "1"].enumerated() {
            s += "\(i),id\(i),\(lr),claim,2,NA,NA,4,\(0.01 * Double(i)),\(0.01 * Double(i) - 0.02),\(0.01 * Double(i) + 0.02),undecided\n"
        }
        try s.write(to: dir.appendingPathComponent("sweep-summary.csv"), atomically: true, encoding: .utf8)
        let f = try SweepRunFigures.read(dir).all()
        #expect(f.map(\.name) == ["sweep-claims"])
        guard case .line(let c) = f[0].panels[0] else { Issue.record("not a line chart"); return }
        #expect(c.series[0].x == [0.1, 0.3, 1] && c.series[0].y == [0, 0.01, 0.02] && c.series[0].lower == [-0.02, -0.01, 0])
        let categorical = s.replacingOccurrences(of: ",0.1,claim", with: ",replace,claim").replacingOccurrences(of: ",0.3,claim", with: ",accumulate,claim")
            .replacingOccurrences(of: ",1,claim", with: ",mixed,claim")
        try categorical.write(to: dir.appendingPathComponent("sweep-summary.csv"), atomically: true, encoding: .utf8)
        let b = try SweepRunFigures.read(dir).all()
        guard case .bar(let bars) = b[0].panels[0] else { Issue.record("not a bar chart"); return }
        #expect(bars.categories == ["replace", "accumulate", "mixed"] && bars.groups[0].values == [0, 0.01, 0.02])
    }

    static func compareTable() -> String {
        var s = "source,regime,iteration,metric,value,lower,upper,n\n"
        for m in ["accuracy.final", "sample.answer_entropy_plugin"] {
            for it in 0...2 {
                s += "simulated,multiagent,\(it),\(m),\(0.5 + 0.01 * Double(it)),0.45,0.6,8\n"
                s += "simulated,single-agent,\(it),\(m),\(0.4 + 0.01 * Double(it)),0.35,0.5,8\n"
            }
        }
        for it in 0...2 { s += "gsm-run,log,\(it),accuracy.final,\(0.3 + 0.1 * Double(it)),0.25,0.5,100\n" }
        return s
    }

    @Test("compare.csv: one panel per shared metric, the simulated regimes and the real run on the same axes")
    func compare() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.compareTable().write(to: dir.appendingPathComponent("compare.csv"), atomically: true, encoding: .utf8)
        let (kind, figures) = try RunFigures.figures(for: dir)
        #expect(kind == .compare && figures.map(\.name) == ["compare"])
        // The real run's metric first; the entropy panel is not clamped to [0, 1].
        guard case .line(let acc) = figures[0].panels[0], case .line(let ent) = figures[0].panels[1] else { Issue.record("not line charts"); return }
        #expect(acc.title == "final accuracy" && ent.title == "answer entropy (plug-in)")
        #expect(acc.series.map(\.name) == ["simulated: multiagent", "simulated: single-agent", "real: gsm-run"])
        #expect(zip(acc.series[2].y, [0.3, 0.4, 0.5]).allSatisfy { abs($0 - $1) < 1e-12 } && acc.series[2].colour == .black && acc.yAxis.range == 0...1)
        #expect(ent.yAxis.range == nil && ent.series.count == 2)
    }

    /// An analyze --run folder: iterations.csv, rounds.csv, agents.csv, training-overlap.csv.
    static func writeRunAnalysis(to dir: URL) throws {
        var it = "run,iteration,metric,value,lower,upper,n\n"
        for i in 0...2 {
            it += "r,\(i),accuracy.round1_individual,\(0.5 + 0.1 * Double(i)),0.4,0.8,50\n"
            it += "r,\(i),sample.answer_entropy_plugin,\(1 - 0.2 * Double(i)),0.5,1.2,50\n"
        }
        try it.write(to: dir.appendingPathComponent("iterations.csv"), atomically: true, encoding: .utf8)
        // An analyze --run folder also has a rounds.csv (without file/regime columns): iterations.csv wins.
        try "run,iteration,round,metric,value,lower,upper,n\n".write(to: dir.appendingPathComponent("rounds.csv"), atomically: true, encoding: .utf8)
        var agents = "file,run,regime,seed,iteration,agent,agent_name,round,accuracy,lower,upper,n,no_answer_rate\n"
        for i in 0...1 { for a in 0...2 { for r in 1...2 {
            agents += "r,r,log,,\(i),\(a),m\(a),\(r),\(0.4 + 0.1 * Double(a)),0.3,0.7,50,0\n"
        } } }
        try agents.write(to: dir.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        var overlap = "iteration,agent_a,agent_b,jaccard_question_answer,jaccard_text\n"
        for i in 1...2 { overlap += "\(i),0,1,\(0.2 * Double(i)),0.1\n\(i),0,2,\(0.4 * Double(i)),NA\n" }
        try overlap.write(to: dir.appendingPathComponent("training-overlap.csv"), atomically: true, encoding: .utf8)
    }

    @Test("analyze --run tables: metrics by iteration, per-model accuracy per iteration, training overlap (hand-computed means)")
    func runAnalysis() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.writeRunAnalysis(to: dir)
        let (kind, figures) = try RunFigures.figures(for: dir)
        #expect(kind == .runAnalysis)
        #expect(figures.map(\.name) == ["metrics-by-iteration", "per-model-accuracy", "training-overlap"])
        #expect(figures[0].panels.count == 2)
        #expect(figures[1].panels.count == 2)   // one per iteration
        guard case .line(let pm) = figures[1].panels[0], case .line(let ov) = figures[2].panels[0] else { Issue.record("not line charts"); return }
        #expect(pm.title == "iteration 0" && pm.series.map(\.name) == ["m0", "m1", "m2"])
        // Means over agent pairs: (0.2 + 0.4)/2 = 0.3 and 0.6 at iterations 1 and 2; texts skip NA.
        #expect(zip(ov.series[0].y, [0.3, 0.6]).allSatisfy { abs($0 - $1) < 1e-12 } && ov.series[1].y == [0.1, 0.1])
    }

    @Test("Style specialisation: agent × style heat maps of the single agent and the society at base, iteration 1 and the last")
    func styleHeatMap() throws {
        var rows: [SummaryData.Row] = []
        for regime in ["single-agent", "multiagent", "multiagent-placebo"] {
            for it in 0...4 {
                for role in ["generator", "critic"] {
                    for agent in 0..<3 {
                        for style in 0..<4 {
                            // Each seat's shares sum to 1; the society's agents each favour their own style.
                            let favourite = regime == "single-agent" ? 0 : agent
                            let v = it == 0 ? 0.25 : (style == favourite ? 0.25 + 0.15 * Double(it) : 0.25 - 0.05 * Double(it))
                            rows.append(.init(regime: regime, iteration: it, metric: "style_share.\(role).agent\(agent).style\(style)",
                                              estimate: Estimate(mean: v, lower: v - 0.01, upper: v + 0.01, n: 5)))
                        }
                    }
                }
                rows.append(.init(regime: regime, iteration: it, metric: "accuracy.final", estimate: Estimate(mean: 0.5, lower: 0.4, upper: 0.6, n: 5)))
            }
        }
        let figures = SimulationRunFigures(summary: SummaryData(rows: rows), metrics: nil)
        let f = try #require(figures.styleSpecialisation())
        #expect(figures.all().map(\.name).contains("style-specialisation"))
        // single-agent and multiagent (not the placebo twin) × iterations 0, 1, 4.
        #expect(f.panels.count == 6)
        guard case .heatMap(let m) = f.panels[5] else { Issue.record("not a heat map"); return }
        #expect(m.title == "multiagent, iteration 4")
        #expect(m.columns == ["0", "1", "2", "3"])
        // Rows bottom to top: critic 2 … critic 0, gen 2 … gen 0 (generator 0 on top).
        #expect(m.rows == ["critic 2", "critic 1", "critic 0", "gen 2", "gen 1", "gen 0"])
        #expect(abs(m.values[5][0] - 0.85) < 1e-12 && abs(m.values[5][1] - 0.05) < 1e-12 && abs(m.values[3][2] - 0.85) < 1e-12)
        #expect(m.range == 0...1)
        #expect(SimulationRunFigures.styleIterations([0, 1, 2]) == [0, 1, 2] && SimulationRunFigures.styleIterations([0, 1, 2, 3, 4, 5]) == [0, 1, 5])
        #expect(SimulationRunFigures.StyleShareName("style_share.critic.agent12.style3") == .init(role: "critic", agent: 12, style: 3))
        #expect(SimulationRunFigures.StyleShareName("style_share.critic.agent.style3") == nil && SimulationRunFigures.StyleShareName("entropy.style") == nil)
    }

    @Test("Style specialisation draws one replicate (the first seed) from metrics.csv: a mean over seeds would wash out which style each agent keeps")
    func styleHeatMapOneSeed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var metrics = "run_id,regime,seed,iteration,metric,value\n"
        var summary = "regime,iteration,metric,n,mean,sd,se,ci_lower,ci_upper\n"
        for it in 0...1 {
            for agent in 0..<2 {
                for style in 0..<2 {
                    // Seed 7 (listed second) puts agent a on style a, seed 12 on the other: their mean is 0.5 everywhere.
                    let v7 = it == 0 ? 0.5 : (style == agent ? 0.9 : 0.1)
                    let name = "style_share.generator.agent\(agent).style\(style)"
                    metrics += "r,multiagent,12,\(it),\(name),\(1 - v7)\nr,multiagent,7,\(it),\(name),\(v7)\n"
                    summary += "multiagent,\(it),\(name),2,0.5,0,0,0.5,0.5\n"
                }
            }
        }
        try metrics.write(to: dir.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
        try summary.write(to: dir.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
        let (_, figures) = try RunFigures.figures(for: dir)
        let f = try #require(figures.first { $0.name == "style-specialisation" })
        #expect(f.caption.contains("seed 7") && f.panels.count == 2)
        guard case .heatMap(let m) = f.panels[1] else { Issue.record("not a heat map"); return }
        #expect(m.rows == ["gen 1", "gen 0"] && m.values == [[0.1, 0.9], [0.9, 0.1]])
    }
}
