import Foundation
import ChorusStats

/// The figures of a simulation run directory (`chorus simulate`, `chorus reproduce`), drawn
/// from its `summary.csv` (and `metrics.csv` for paired changes), never from a simulator in
/// memory. Metrics are looked up by name; a figure (or a panel, or a series) whose metrics are
/// absent from the table is left out, so runs of any regimes and any metric set draw what applies.
///
/// Every curve is a mean over seeds with its 95% Student-t interval as a band; each regime
/// keeps its colour in every figure (Okabe–Ito, by its position in the run's regime list).
public struct SimulationRunFigures {
    /// The run's `summary.csv`.
    public let summary: SummaryData
    /// The run's `metrics.csv`, when the figures need per-seed values.
    public let metrics: MetricsData?

    /// The figures of a run from its tables.
    public init(summary: SummaryData, metrics: MetricsData?) {
        self.summary = summary; self.metrics = metrics
    }

    static let xLabel = "finetuning iteration"

    /// The single agent against the multiagent society, and their twins (regimes named
    /// `single-agent-…` / `multiagent-…`, e.g. placebo or compute-matched variants); the first
    /// four regimes when the run has neither.
    var headline: [String] {
        let h = summary.regimes.filter { $0 == "single-agent" || $0 == "multiagent" || $0.hasPrefix("single-agent-") || $0.hasPrefix("multiagent-") }
        return h.isEmpty ? Array(summary.regimes.prefix(4)) : h
    }

    func colour(_ regime: String) -> RGB { Palette.colour(summary.regimes.firstIndex(of: regime) ?? 0) }
    func marker(_ regime: String) -> Marker { Marker.forIndex(summary.regimes.firstIndex(of: regime) ?? 0) }
    /// Twins (placebo, compute-matched) are dashed, the rest solid.
    func lineStyle(_ regime: String) -> LineStyle { regime.contains("-") && headline.contains(regime) && regime != "single-agent" ? .dashed : .solid }

    /// A mean-over-seeds series with its 95% band, or nil when the table lacks it.
    func series(_ regime: String, _ metric: String, name: String? = nil, colour: RGB? = nil, lineStyle: LineStyle? = nil,
                marker: Marker? = nil, band: Bool = true) -> Series? {
        let rows = summary.curve(regime, metric).filter { $0.estimate.mean.isFinite }
        guard !rows.isEmpty else { return nil }
        let e = rows.map(\.estimate)
        return Series(name ?? regime, x: rows.map { Double($0.iteration) }, y: e.map(\.mean),
                      lower: band ? e.map(\.lower) : nil, upper: band ? e.map(\.upper) : nil,
                      colour: colour ?? self.colour(regime), lineStyle: lineStyle ?? self.lineStyle(regime),
                      marker: marker ?? self.marker(regime))
    }

    /// Every figure that applies, in gallery order.
    public func all() -> [NamedFigure] {
        [accuracy(), accuracyByRegime(), diversity(), entropyByRole(), styleSpecialisation(), ablations(), klByRole(), accuracyVsEntropy()].compactMap { $0 }
    }

    // MARK: figures

    /// Held-out accuracy (final-round majority) against iteration, single agent vs multiagent.
    public func accuracy() -> NamedFigure? {
        var c = LineChart(title: "Held-out accuracy", xLabel: Self.xLabel, yLabel: "held-out accuracy")
        c.series = headline.compactMap { series($0, "accuracy.final") }
        guard !c.series.isEmpty else { return nil }
        return NamedFigure(name: "accuracy", caption: "Held-out accuracy of the final-round majority against finetuning iteration (iteration 0 = base model), single agent against the multiagent society; mean over seeds with 95% t bands.",
                           title: c.title, panels: [.line(c)])
    }

    /// Small multiples: each other regime against the multiagent society (grey, dashed).
    public func accuracyByRegime() -> NamedFigure? {
        let reference = summary.regimes.contains("multiagent") ? "multiagent" : summary.regimes.first
        guard let ref = reference else { return nil }
        let others = summary.regimes.filter { $0 != ref && !summary.curve($0, "accuracy.final").isEmpty }
        guard !others.isEmpty, summary.regimes.count > 2 else { return nil }
        let all = summary.rows.filter { $0.metric == "accuracy.final" }.flatMap { [$0.estimate.lower, $0.estimate.upper, $0.estimate.mean] }.filter(\.isFinite)
        guard let lo = all.min(), let hi = all.max() else { return nil }
        let pad = max(0.005, (hi - lo) * 0.06)
        var panels: [Panel] = []
        for r in others {
            var c = LineChart(title: r, xLabel: "iteration", yLabel: "accuracy", yRange: (lo - pad)...(hi + pad))
            if let s = series(ref, "accuracy.final", colour: .grey, lineStyle: .dashed, marker: .circle, band: false) { c.series.append(s) }
            if let s = series(r, "accuracy.final", lineStyle: .solid) { c.series.append(s) }
            panels.append(.line(c))
        }
        return NamedFigure(name: "accuracy-by-regime", caption: "Held-out accuracy of every regime (one panel each, with 95% t bands) against the \(ref) society (grey, dashed), on a common y axis.",
                           title: "Held-out accuracy by regime", panels: panels, sharedLegend: true)
    }

    /// Diversity against iteration: one panel per diversity metric the run has.
    public func diversity() -> NamedFigure? {
        let metrics: [(String, String, String)] = [
            ("disagreement.answer", "answer disagreement", "P(answers differ)"),
            ("disagreement.chain", "chain disagreement", "P(chains differ)"),
            ("js.chain", "JS between agents", "JS (nats)"),
            ("sample.embedding_dissimilarity", "embedding dissimilarity", "1 − cosine"),
            ("sample.consensus", "consensus", "share with majority"),
            ("sample.cross_nll", "cross-agent NLL", "NLL (nats)"),
        ]
        var panels: [Panel] = []
        for (m, title, unit) in metrics where summary.has(m) {
            var c = LineChart(title: title, xLabel: "iteration", yLabel: unit)
            c.series = headline.compactMap { series($0, m) }
            if !c.series.isEmpty { panels.append(.line(c)) }
        }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "diversity", caption: "Diversity of the society against finetuning iteration (answer and chain disagreement, Jensen–Shannon divergence between agents, embedding dissimilarity, consensus, cross-agent NLL), single agent against multiagent; 95% t bands.",
                           title: "Diversity against iteration", panels: panels, sharedLegend: true)
    }

    /// Per-agent entropy by role: the single agent, the multiagent generators and critics.
    public func entropyByRole() -> NamedFigure? {
        let single = summary.regimes.contains("single-agent") ? "single-agent" : nil
        let multi = summary.regimes.contains("multiagent") ? "multiagent" : nil
        var panels: [Panel] = []
        for (kind, label) in [("chain", "reasoning chains"), ("answer", "answers"), ("style", "styles")] {
            var c = LineChart(title: "entropy of \(label)", xLabel: "iteration", yLabel: "entropy (nats)")
            if let s = single, let x = series(s, "entropy.\(kind)", name: "single agent", colour: Palette.colour(0), lineStyle: .solid, marker: .circle) { c.series.append(x) }
            if let m = multi {
                if let x = series(m, "entropy.\(kind).generator", name: "multiagent generators", colour: Palette.colour(1), lineStyle: .solid, marker: .square) { c.series.append(x) }
                if let x = series(m, "entropy.\(kind).critic", name: "multiagent critics", colour: Palette.colour(2), lineStyle: .dashed, marker: .triangle) { c.series.append(x) }
            }
            if !c.series.isEmpty { panels.append(.line(c)) }
        }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "entropy-by-role", caption: "Per-agent entropy (held-out questions) of reasoning chains, answers and styles by role: the single agent, the multiagent generators and critics; 95% t bands.",
                           title: "Per-agent entropy by role", panels: panels, sharedLegend: true)
    }

    /// Ablations at iteration 1: each regime's change of accuracy from its base model, paired
    /// over seeds (metrics.csv), with 95% t intervals; grouped by accuracy metric.
    public func ablations() -> NamedFigure? {
        let kinds: [(String, String)] = [("accuracy.final", "final-round majority accuracy"), ("accuracy.round1_individual", "round-1 individual accuracy")]
        var categories: [String] = []
        var perKind: [String: [Estimate?]] = [:]
        for (m, label) in kinds {
            let e = summary.regimes.map { changeAtIteration1($0, m) }
            guard e.contains(where: { $0 != nil }) else { continue }
            categories.append(label); perKind[label] = e
        }
        guard !categories.isEmpty, summary.regimes.count >= 2 else { return nil }
        var b = BarChart(title: "Change in accuracy at iteration 1", categories: categories,
                         xLabel: "", yLabel: "Δ accuracy from base")
        for (i, r) in summary.regimes.enumerated() {
            let e = categories.map { perKind[$0]![i] }
            b.groups.append(BarGroup(r, values: e.map { $0?.mean ?? .nan }, lower: e.map { $0?.lower ?? .nan },
                                     upper: e.map { $0?.upper ?? .nan }, colour: colour(r)))
        }
        return NamedFigure(name: "ablations-iteration-1", caption: "Ablations at iteration 1 (the analogue of the paper's Table 2): each regime's change in held-out accuracy from its base model, paired over seeds, with 95% t intervals.",
                           title: b.title, panels: [.bar(b)], naturalWidth: .double)
    }

    /// The change of `metric` from iteration 0 to 1, paired over seeds: the summary's
    /// `contrast.<metric>.minus_base` row at iteration 1 (the mean of the per-seed differences
    /// with its 95% t interval, computed by the simulator), else from metrics.csv when that was
    /// loaded (runs written before the contrast existed).
    func changeAtIteration1(_ regime: String, _ metric: String) -> Estimate? {
        if let e = summary.value(regime, SimulationRunFigures.minusBase(metric), iteration: 1), e.mean.isFinite { return e }
        return metrics?.pairedChange(regime, metric, from: 0, to: 1)
    }

    /// The summary metric holding the paired change of `metric` from the base model.
    static func minusBase(_ metric: String) -> String { "contrast.\(metric).minus_base" }

    /// Whether the ablation figure needs metrics.csv: the summary lacks the paired changes.
    public static func needsMetrics(_ summary: SummaryData) -> Bool {
        !summary.has(minusBase("accuracy.final")) || !summary.has(minusBase("accuracy.round1_individual"))
    }

    /// KL divergence from the base model by role.
    public func klByRole() -> NamedFigure? {
        var c = LineChart(title: "KL from the base model, by role", xLabel: Self.xLabel, yLabel: "KL(model ‖ base) (nats)")
        if let x = series("multiagent", "kl_base.critic", name: "multiagent critics", colour: Palette.colour(2), lineStyle: .dashed, marker: .triangle) { c.series.append(x) }
        if let x = series("multiagent", "kl_base.generator", name: "multiagent generators", colour: Palette.colour(1), lineStyle: .solid, marker: .square) { c.series.append(x) }
        if let x = series("single-agent", "kl_base", name: "single agent", colour: Palette.colour(0), lineStyle: .solid, marker: .circle) { c.series.append(x) }
        guard !c.series.isEmpty else { return nil }
        return NamedFigure(name: "kl-base-by-role", caption: "Divergence of the finetuned policies from the base model, KL(model ‖ base), by role: multiagent critics and generators, and the single agent; 95% t bands.",
                           title: c.title, panels: [.line(c)])
    }

    /// Accuracy against chain entropy over iterations, with R = −a·e^H + b fitted per regime.
    public func accuracyVsEntropy() -> NamedFigure? {
        var c = LineChart(title: "Accuracy against entropy", xLabel: "chain entropy H (nats)", yLabel: "held-out accuracy")
        for r in headline {
            let acc = summary.curve(r, "accuracy.final"), ent = summary.curve(r, "entropy.chain")
            let pairs = acc.compactMap { a in ent.first { $0.iteration == a.iteration }.map { ($0.estimate.mean, a.estimate.mean) } }
                .filter { $0.0.isFinite && $0.1.isFinite }
            guard !pairs.isEmpty else { continue }
            c.series.append(Series(r, x: pairs.map(\.0), y: pairs.map(\.1), colour: colour(r), marker: marker(r), mode: .markers))
            guard let f = Self.entropyFit(h: pairs.map(\.0), r: pairs.map(\.1)) else { continue }
            let lo = pairs.map(\.0).min()!, hi = pairs.map(\.0).max()!
            let xs = (0...40).map { lo + (hi - lo) * Double($0) / 40 }
            c.series.append(Series("\(r) fit: " + String(format: "a = %.3g, b = %.3g, R² = %.2f", f.a, f.b, f.rSquared).replacingOccurrences(of: "-", with: "−"), x: xs,
                                   y: xs.map { f.b - f.a * exp($0) }, colour: colour(r), lineStyle: .dashed, lineWidth: 0.8))
        }
        guard !c.series.isEmpty else { return nil }
        return NamedFigure(name: "accuracy-vs-entropy", caption: "Held-out accuracy against per-agent chain entropy, one point per iteration (means over seeds), with the least-squares fit of R = −a·e^H + b per regime (dashed).",
                           title: c.title, panels: [.line(c)])
    }

    /// Least squares of R on e^H: R = b − a·e^H (Cui et al. 2025, "The entropy mechanism of
    /// reinforcement learning for reasoning language models"); nil for fewer than 3 points or
    /// constant entropy. Fitted with `LinearFit` (GSL), slope = −a.
    public static func entropyFit(h: [Double], r: [Double]) -> (a: Double, b: Double, rSquared: Double)? {
        guard h.count >= 3, let f = try? LinearFit.fit(x: h.map(exp), y: r) else { return nil }
        return (-f.slope, f.intercept, f.rSquared)
    }
}
