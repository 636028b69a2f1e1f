import Foundation
import ChorusAnalysis

/// The figures of a `chorus analyze --run` folder (a finetuning run, iteration by iteration),
/// drawn from its tables: `iterations.csv` (the simulator's metric names per iteration, 95%
/// bootstrap intervals over questions), `agents.csv` (per-model accuracy by round, one panel
/// per iteration) and `training-overlap.csv` (overlap of the agents' training sets).
public struct RunAnalysisFigures {
    /// metric → iteration → estimate (iterations.csv).
    var iterations: [String: [Int: Estimate]] = [:]
    var runName = ""
    var agents: AgentAccuracyData?
    /// iteration → the agent pairs' (Jaccard of (question, answer) pairs, Jaccard of texts).
    var overlap: [Int: [(Double, Double)]] = [:]
    /// samples.csv of `chorus analyze --map`: (file, iteration) → model → k → pass@k estimate,
    /// groups and models in order of first appearance.
    var passAtK: [SampleGroup: [String: [Int: Estimate]]] = [:]
    var sampleGroups: [SampleGroup] = []
    var sampleModels: [String] = []

    struct SampleGroup: Hashable { var file: String; var iteration: Int }
    /// The model name samples.csv gives the mean over models (`SampleMetrics.pooled`).
    static let pooledModel = "(all)"

    /// Reads the tables of an analyze --run folder (iterations.csv required; the others when present).
    /// - Throws: `TableError` naming the file, line and column of a bad cell.
    public static func read(_ dir: URL) throws -> RunAnalysisFigures {
        var f = RunAnalysisFigures()
        let t = try RunTable(dir.appendingPathComponent("iterations.csv"), required: ["iteration", "metric", "value", "lower", "upper", "n"])
        for i in 0..<t.count {
            if f.runName.isEmpty { f.runName = t.string(i, "run") }
            f.iterations[t.string(i, "metric"), default: [:]][try t.int(i, "iteration")] =
                Estimate(mean: try t.double(i, "value"), lower: try t.double(i, "lower"), upper: try t.double(i, "upper"),
                         n: Int(t.string(i, "n")) ?? 0)
        }
        f.agents = try AgentAccuracyData.read(dir)
        let overlapURL = dir.appendingPathComponent("training-overlap.csv")
        if FileManager.default.fileExists(atPath: overlapURL.path) {
            let o = try RunTable(overlapURL, required: ["iteration", "jaccard_question_answer", "jaccard_text"])
            for i in 0..<o.count {
                f.overlap[try o.int(i, "iteration"), default: []].append((try o.double(i, "jaccard_question_answer"), try o.double(i, "jaccard_text")))
            }
        }
        let samplesURL = dir.appendingPathComponent("samples.csv")
        if FileManager.default.fileExists(atPath: samplesURL.path) {
            let t = try RunTable(samplesURL, required: ["run", "iteration", "model", "metric", "value", "lower", "upper", "n"])
            let ks = Dictionary(uniqueKeysWithValues: MetricName.passAtK.map { (MetricName.passAt($0), $0) })
            for i in 0..<t.count {
                guard let k = ks[t.string(i, "metric")] else { continue }
                let g = SampleGroup(file: t.string(i, "run"), iteration: try t.int(i, "iteration"))
                let model = t.string(i, "model")
                if !f.sampleGroups.contains(g) { f.sampleGroups.append(g) }
                if !f.sampleModels.contains(model) { f.sampleModels.append(model) }
                f.passAtK[g, default: [:]][model, default: [:]][k] =
                    Estimate(mean: try t.double(i, "value"), lower: try t.double(i, "lower"), upper: try t.double(i, "upper"), n: Int(t.string(i, "n")) ?? 0)
            }
        }
        return f
    }

    /// Every figure that applies.
    public func all() -> [NamedFigure] {
        [byIteration(), perModelAccuracy(), trainingOverlap(), passAtKFigure()].compactMap { $0 }
    }

    /// From samples.csv (`chorus analyze --map`): pass@k against k on a log axis, one panel per
    /// file and iteration (at most `maxPanels`), a line per model and the mean over models
    /// dashed in black, with 95% bootstrap bands over questions (Chen et al.'s unbiased
    /// estimator, whose expectation is the simulator's exact 1 − (1 − p)^k).
    public func passAtKFigure() -> NamedFigure? {
        guard !sampleGroups.isEmpty else { return nil }
        let maxK = passAtK.values.flatMap { $0.values.flatMap(\.keys) }.max() ?? 1
        let files = Set(sampleGroups.map(\.file))
        let models = sampleModels.filter { $0 != Self.pooledModel } + (sampleModels.contains(Self.pooledModel) ? [Self.pooledModel] : [])
        var panels: [Panel] = []
        for g in sampleGroups.prefix(AnalyzeRunFigures.maxPanels) {
            let title = (files.count > 1 ? "\(g.file), " : "") + "iteration \(g.iteration)"
            var c = LineChart(title: title, xLabel: "k (samples)", yLabel: "pass@k", xRange: 0.8...(Double(maxK) * 1.25),
                              yRange: 0...1, logX: true)
            for (i, m) in models.enumerated() {
                guard let byK = passAtK[g]?[m], !byK.isEmpty else { continue }
                let x = byK.keys.sorted(), e = x.map { byK[$0]! }
                let pooled = m == Self.pooledModel
                c.series.append(Series(pooled ? "mean over models" : m, x: x.map(Double.init), y: e.map(\.mean),
                                       lower: e.map(\.lower), upper: e.map(\.upper),
                                       colour: pooled ? .black : Palette.colour(i), lineStyle: pooled ? .dashed : .solid,
                                       lineWidth: pooled ? 2 : 1, marker: pooled ? .circle : Marker.forIndex(i)))
            }
            if !c.series.isEmpty { panels.append(.line(c)) }
        }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "pass-at-k", caption: "pass@k against the number of samples k (log scale), a panel per file and iteration: each model, and the mean over models (dashed, black); Chen et al.'s unbiased estimator with 95% bootstrap bands over questions.",
                           title: "pass@k by model", panels: panels, sharedLegend: true)
    }

    static let xLabel = "finetuning iteration"

    /// x range around the iterations, with room for the markers.
    static func range(_ its: [Int]) -> ClosedRange<Double>? {
        guard let lo = its.min(), let hi = its.max() else { return nil }
        return lo == hi ? (Double(lo) - 0.5)...(Double(hi) + 0.5) : (Double(lo) - 0.2)...(Double(hi) + 0.2)
    }

    func series(_ metric: String, _ name: String, _ k: Int, dashed: Bool = false) -> Series? {
        guard let byIt = iterations[metric] else { return nil }
        let its = byIt.keys.sorted().filter { byIt[$0]!.mean.isFinite }
        guard !its.isEmpty else { return nil }
        let e = its.map { byIt[$0]! }
        return Series(name, x: its.map(Double.init), y: e.map(\.mean), lower: e.map(\.lower), upper: e.map(\.upper),
                      colour: Palette.colour(k), lineStyle: dashed ? .dashed : .solid, marker: Marker.forIndex(k))
    }

    /// Accuracy and agreement, and diversity and flips, against iteration (95% bootstrap bands
    /// over questions).
    public func byIteration() -> NamedFigure? {
        let its = Array(Set(iterations.values.flatMap(\.keys))).sorted()
        guard let xr = Self.range(its) else { return nil }
        var p1 = LineChart(title: "accuracy and agreement", xLabel: Self.xLabel, yLabel: "fraction", xRange: xr, yRange: 0...1)
        p1.series = [series(MetricName.accuracyRound1Individual, "round-1 individual accuracy", 0),
                     series(MetricName.accuracyFinal, "final majority accuracy", 1, dashed: true),
                     series(MetricName.sampleConsensus, "consensus (final round)", 2)].compactMap { $0 }
        var p2 = LineChart(title: "diversity and flips", xLabel: Self.xLabel, yLabel: "nats / fraction", xRange: xr)
        p2.series = [series(MetricName.sampleAnswerEntropyPlugin, "round-1 answer entropy (nats)", 3),
                     series(MetricName.disagreementAnswer, "round-1 pairwise disagreement", 4),
                     series(MetricName.sampleFlipWrongRight, "flips wrong → right", 5, dashed: true),
                     series(MetricName.sampleFlipRightWrong, "flips right → wrong", 6, dashed: true)].compactMap { $0 }
        let panels = [p1, p2].filter { !$0.series.isEmpty }.map(Panel.line)
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "metrics-by-iteration",
                           caption: "A real finetuning run against iteration: round-1 individual and final majority accuracy, consensus, round-1 answer entropy and disagreement, and answer flips; 95% bootstrap bands over questions.",
                           title: "\(runName): metrics by iteration", panels: panels, naturalWidth: .double)
    }

    /// Per-model accuracy by round, one panel per iteration.
    public func perModelAccuracy() -> NamedFigure? {
        guard let agents else { return nil }
        let panels = agents.panels(limit: AnalyzeRunFigures.maxPanels) { "iteration \($0.iteration)" }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "per-model-accuracy", caption: "Accuracy of each agent (model) by debate round, one panel per finetuning iteration, with 95% bootstrap intervals over questions.",
                           title: "\(runName): per-model accuracy by round", panels: panels, sharedLegend: AgentAccuracyData.canShareLegend(panels))
    }

    /// Mean pairwise overlap of the agents' training sets against iteration.
    public func trainingOverlap() -> NamedFigure? {
        let its = overlap.keys.sorted()
        guard let xr = Self.range(its) else { return nil }
        func mean(_ f: ((Double, Double)) -> Double) -> [Double] {
            its.map { it in
                let v = overlap[it]!.map(f).filter(\.isFinite)
                return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
            }
        }
        let x = its.map(Double.init)
        var c = LineChart(title: "Training-set overlap between agents", xLabel: Self.xLabel, yLabel: "Jaccard (mean over agent pairs)",
                          xRange: xr, yRange: 0...1.05)
        c.series = [Series("(question, answer) pairs", x: x, y: mean(\.0), colour: Palette.colour(0), marker: .circle),
                    Series("response texts", x: x, y: mean(\.1), colour: Palette.colour(1), lineStyle: .dashed, marker: .square)]
        return NamedFigure(name: "training-overlap", caption: "Overlap of the agents' training sets against iteration: Jaccard similarity of their (question, answer) pairs and of their response texts, mean over agent pairs (1 = identical data).",
                           title: c.title, panels: [.line(c)])
    }
}
