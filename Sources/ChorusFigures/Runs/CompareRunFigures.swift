import ChorusAnalysis
import Foundation

/// The figure of a `chorus compare` folder, drawn from its `compare.csv` (columns source,
/// regime, iteration, metric, value, lower, upper, n): for every metric the simulated and the
/// real run share, one panel against iteration with the simulated regimes (mean over seeds,
/// 95% t bands) and the real run (black, 95% bootstrap band over questions) on the same axes.
public struct CompareRunFigures {
    struct Line: Hashable { var source, regime: String }

    /// Metrics in order of first appearance in the real run's rows (then the others).
    var metrics: [String] = []
    /// metric → line → iteration → estimate.
    var values: [String: [Line: [Int: Estimate]]] = [:]
    /// Lines in order of first appearance (simulated regimes, then the real run).
    var lines: [Line] = []
    /// compare-rounds.csv, when `chorus compare` wrote it: (metric, iteration) → line → round → estimate.
    var rounds: [RoundPanel: [Line: [Int: Estimate]]] = [:]
    var roundPanels: [RoundPanel] = []
    var roundLines: [Line] = []

    struct RoundPanel: Hashable { var metric: String; var iteration: Int }

    /// The per-round metrics of compare-rounds.csv, in the order they are drawn (registry names;
    /// panel titles are the registry's labels, `MetricRegistry.label(for:)`).
    static let roundMetrics = [MetricName.accuracyIndividual, MetricName.accuracyMajority, MetricName.consensus,
                               MetricName.answerEntropy(.plugIn), MetricName.flips("wrong_right"), MetricName.flips("right_wrong")]

    /// Reads `compare.csv` in `dir`.
    /// - Throws: `TableError` naming the file, line and column of a bad cell.
    public static func read(_ dir: URL) throws -> CompareRunFigures {
        let t = try RunTable(dir.appendingPathComponent("compare.csv"), required: ["source", "regime", "iteration", "metric", "value", "lower", "upper"])
        var f = CompareRunFigures()
        var realMetrics: [String] = [], simMetrics: [String] = []
        for i in 0..<t.count {
            let line = Line(source: t.string(i, "source"), regime: t.string(i, "regime"))
            let m = t.string(i, "metric")
            if !f.lines.contains(line) { f.lines.append(line) }
            if line.isSimulated { if !simMetrics.contains(m) { simMetrics.append(m) } } else if !realMetrics.contains(m) { realMetrics.append(m) }
            f.values[m, default: [:]][line, default: [:]][try t.int(i, "iteration")] =
                Estimate(mean: try t.double(i, "value"), lower: try t.double(i, "lower"), upper: try t.double(i, "upper"), n: Int(t.string(i, "n")) ?? 0)
        }
        f.metrics = realMetrics + simMetrics.filter { !realMetrics.contains($0) }
        let roundsURL = dir.appendingPathComponent("compare-rounds.csv")
        if FileManager.default.fileExists(atPath: roundsURL.path) {
            let r = try RunTable(roundsURL, required: ["source", "regime", "iteration", "round", "metric", "value", "lower", "upper"])
            var found: [RoundPanel] = []
            for i in 0..<r.count {
                let line = Line(source: r.string(i, "source"), regime: r.string(i, "regime"))
                let panel = RoundPanel(metric: r.string(i, "metric"), iteration: try r.int(i, "iteration"))
                if !f.roundLines.contains(line) { f.roundLines.append(line) }
                // The per-round metrics a paper shows (the table keeps every shared one).
                if roundMetrics.contains(panel.metric), !found.contains(panel) { found.append(panel) }
                f.rounds[panel, default: [:]][line, default: [:]][try r.int(i, "round")] =
                    Estimate(mean: try r.double(i, "value"), lower: try r.double(i, "lower"), upper: try r.double(i, "upper"), n: Int(r.string(i, "n")) ?? 0)
            }
            // Metric by metric in the drawn order, iterations ascending.
            let rank = { (m: String) in roundMetrics.firstIndex(of: m) ?? roundMetrics.count }
            f.roundPanels = found.sorted { (rank($0.metric), $0.iteration) < (rank($1.metric), $1.iteration) }
        }
        return f
    }

    /// Every figure the comparison's tables allow.
    public func all() -> [NamedFigure] { [overlay(), byRound()].compactMap { $0 } }

    /// From compare-rounds.csv: one panel per (metric, iteration) against debate round, the
    /// simulated regimes (their seeds pooled as questions) dashed in colour and the real run in
    /// black, each with its 95% bootstrap band over questions; at most `maxPanels` panels.
    public func byRound() -> NamedFigure? {
        guard !roundPanels.isEmpty else { return nil }
        let allRounds = rounds.values.flatMap { $0.values.flatMap(\.keys) }
        guard let lo = allRounds.min(), let hi = allRounds.max() else { return nil }
        let xr = lo == hi ? (Double(lo) - 0.5)...(Double(hi) + 0.5) : (Double(lo) - 0.3)...(Double(hi) + 0.3)
        let simulated = roundLines.filter(\.isSimulated)
        var panels: [Panel] = []
        for p in roundPanels.prefix(AnalyzeRunFigures.maxPanels) {
            let fraction = Self.isFraction(p.metric)
            var c = LineChart(title: "\(MetricRegistry.label(for: p.metric)) (it. \(p.iteration))", xLabel: "debate round",
                              yLabel: fraction ? "fraction" : Self.unit(p.metric), xRange: xr, yRange: fraction ? 0...1 : nil)
            for line in roundLines {
                if let byRound = rounds[p]?[line] { c.series.append(Self.series(line, byRound, simulated: simulated)) }
            }
            if !c.series.isEmpty { panels.append(.line(c)) }
        }
        guard !panels.isEmpty else { return nil }
        let cut = roundPanels.count > AnalyzeRunFigures.maxPanels ? " The first \(AnalyzeRunFigures.maxPanels) of \(roundPanels.count) panels are drawn; compare-rounds.csv has all." : ""
        return NamedFigure(name: "compare-rounds", caption: "Simulated against real by debate round: individual and majority accuracy, consensus, answer entropy and answer flips (wrong → right, right → wrong) where both runs have them, a panel per metric and iteration (it. k); simulated regimes dashed in colour (their seeds pooled as questions), the real run in black; 95% bootstrap bands over questions." + cut,
                           title: "Simulated and real runs by debate round", panels: panels, sharedLegend: true)
    }


    /// Probabilities and shares are drawn on [0, 1] (a 2-seed t interval can reach far outside
    /// it); entropies, NLLs, KLs and other units on the data's range. The unit is the registry's.
    static func isFraction(_ metric: String) -> Bool {
        guard let unit = MetricRegistry.entry(for: metric)?.unit else { return false }
        return unit == "probability" || unit == "share"
    }

    /// The registry's unit of a metric, for the y axis ("value" for an unregistered name).
    static func unit(_ metric: String) -> String { MetricRegistry.entry(for: metric)?.unit ?? "value" }

    /// One line's estimates against x (iteration or round): a simulated regime dashed in its
    /// colour with a light band, the real run solid black and thicker.
    static func series(_ line: Line, _ byX: [Int: Estimate], simulated: [Line]) -> Series {
        let x = byX.keys.sorted()
        let e = x.map { byX[$0]! }
        let k = simulated.firstIndex(of: line) ?? 0
        return Series(line.isSimulated ? "simulated: \(line.regime)" : "real: \(line.source)",
                      x: x.map(Double.init), y: e.map(\.mean), lower: e.map(\.lower), upper: e.map(\.upper),
                      colour: line.isSimulated ? Palette.colour(k) : .black,
                      lineStyle: line.isSimulated ? .dashed : .solid, lineWidth: line.isSimulated ? 1 : 2,
                      marker: line.isSimulated ? Marker.forIndex(k + 1) : .circle, bandOpacity: line.isSimulated ? 0.15 : 0.2)
    }

    /// One panel per shared metric: the simulated regimes in colour (dashed, 95% t bands over
    /// seeds) and the real run in black (solid, thicker, 95% bootstrap band over questions).
    public func overlay() -> NamedFigure? {
        let its = values.values.flatMap { $0.values.flatMap(\.keys) }
        guard let lo = its.min(), let hi = its.max() else { return nil }
        let xr = lo == hi ? (Double(lo) - 0.5)...(Double(hi) + 0.5) : (Double(lo) - 0.3)...(Double(hi) + 0.3)
        var panels: [Panel] = []
        let simulated = lines.filter(\.isSimulated)
        for m in metrics.prefix(AnalyzeRunFigures.maxPanels) {
            var c = LineChart(title: MetricRegistry.label(for: m), xLabel: "finetuning iteration", yLabel: Self.isFraction(m) ? "fraction" : Self.unit(m),
                              xRange: xr, yRange: Self.isFraction(m) ? 0...1 : nil)
            for line in lines {
                if let byIt = values[m]?[line] { c.series.append(Self.series(line, byIt, simulated: simulated)) }
            }
            if !c.series.isEmpty { panels.append(.line(c)) }
        }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "compare", caption: "Simulated against real: every metric the simulated run and the real finetuning run share (panel titles shorten the simulator's metric names, e.g. round-1 accuracy = accuracy.round1_individual), against iteration; simulated regimes dashed in colour (mean over seeds, 95% t bands), the real run in black (95% bootstrap bands over questions).",
                           title: "Simulated and real runs by iteration", panels: panels, sharedLegend: true)
    }
}

extension CompareRunFigures.Line {
    /// `RunComparison` writes source "simulated" for the simulated run, the real run's name otherwise.
    var isSimulated: Bool { source == "simulated" }
}
