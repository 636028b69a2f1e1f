import Foundation

/// The figures of a sweep directory (`chorus sweep run|merge`), drawn from its merged
/// `sweep-summary.csv` (docs/scaling.md, "Tables"): the swept keys are the columns between
/// `point_id` and `quantity`, each point's row holds a quantity's mean (or a claim's margin)
/// over seeds with its 95% CI and verdict.
///
/// For a grid over two axes a quantity is a phase diagram: a heat map over the grid (diverging
/// colours centred on 0), each cell marked from its 95% CI: "+" holds / CI above 0, "−" fails /
/// CI below 0, "?" undecided (the CI straddles 0: the point is underpowered, which is not the
/// same as the effect being absent). For one numeric axis it is a line with its 95% band; for
/// one categorical axis, bars with 95% intervals. Sampled designs (LHS, Sobol, Halton) and
/// grids of more than two axes are left to the tables.
///
/// Figures: `sweep-claims` (every claim's margin, a panel each), `sweep-accuracy`
/// (`accuracy.final` at the last iteration, a panel per regime) and, when the sweep kept at
/// most eight metrics (`metrics:` in its spec), one `sweep-<metric>` per other metric; and the
/// spec's own `figure:` (`figure(for:)`, drawn by `chorus sweep` as sweep-figure). The y axis
/// of a heat map is labelled by the swept key's short description (a vertical label of the
/// description and the key does not fit a panel's height); the caption names the keys.
public struct SweepRunFigures {
    /// One row of `sweep-summary.csv`.
    public struct Row: Sendable {
        /// The swept values, in axis order.
        public var settings: [String]
        /// `claim` or `metric`.
        public var quantity: String
        /// The claim number or the metric name.
        public var name: String
        /// The regime of a metric (empty for a claim).
        public var regime: String
        /// The iteration of a metric; nil for a claim.
        public var iteration: Int?
        /// The mean (or margin) over seeds with its 95% interval.
        public var estimate: Estimate
        /// The verdict at the point: `holds`, `undecided` (the 95% interval straddles 0) or `fails`.
        public var verdict: String
    }

    /// Swept keys, in axis order.
    public var axes: [String] = []
    /// Each axis's values in order of first appearance (the design order).
    public var axisValues: [[String]] = []
    /// The distinct settings (points), in design order.
    public var points: [[String]] = []
    /// Every row, in file order.
    public var rows: [Row] = []
    /// The readable label of a swept key, e.g. "Agents per role (agents.count)" for
    /// `agents.count` (the CLI passes the simulator's `SweepPlan.label`; the key itself by default).
    public var keyLabel: @Sendable (String) -> String = { $0 }

    /// Reads `sweep-summary.csv` in `dir`; `keyLabel` labels the swept keys.
    /// - Throws: `TableError` naming the file, line and column of a bad cell or a missing column.
    public static func read(_ dir: URL, keyLabel: @escaping @Sendable (String) -> String = { $0 }) throws -> SweepRunFigures {
        let t = try RunTable(dir.appendingPathComponent(RunKind.sweep.marker),
                             required: ["point_id", "quantity", "name", "regime", "iteration", "estimate", "ci_lower", "ci_upper", "verdict"])
        var f = SweepRunFigures()
        f.keyLabel = keyLabel
        let cols = t.table.columns
        let first = (cols.firstIndex(of: "point_id") ?? 0) + 1, last = cols.firstIndex(of: "quantity") ?? first
        f.axes = first < last ? Array(cols[first..<last]) : []
        f.axisValues = f.axes.map { _ in [] }
        var seen = Set<[String]>()
        for i in 0..<t.count {
            let settings = f.axes.map { t.string(i, $0) }
            if seen.insert(settings).inserted { f.points.append(settings) }
            for (a, v) in settings.enumerated() where !f.axisValues[a].contains(v) { f.axisValues[a].append(v) }
            let it = t.string(i, "iteration")
            f.rows.append(Row(settings: settings, quantity: t.string(i, "quantity"), name: t.string(i, "name"), regime: t.string(i, "regime"),
                              iteration: it == "NA" ? nil : try t.int(i, "iteration"),
                              estimate: Estimate(mean: try t.double(i, "estimate"), lower: try t.double(i, "ci_lower"),
                                                 upper: try t.double(i, "ci_upper"), n: Int(t.string(i, "n")) ?? 0),
                              verdict: t.string(i, "verdict")))
        }
        return f
    }

    /// Whether the points form a full grid over one or two axes (every combination once).
    public var isDrawableGrid: Bool {
        guard (1...2).contains(axes.count), !points.isEmpty else { return false }
        return points.count == axisValues.reduce(1) { $0 * $1.count }
    }

    /// Every figure that applies (none for a sampled design or more than two axes).
    public func all() -> [NamedFigure] {
        guard isDrawableGrid else { return [] }
        var out: [NamedFigure] = []
        let claims = Array(Set(rows.filter { $0.quantity == "claim" }.compactMap { Int($0.name) })).sorted()
        let claimPanels = claims.compactMap { panel(quantity: "claim", name: "\($0)", regime: nil, iteration: nil, title: "claim \($0)") }
        if !claimPanels.isEmpty {
            out.append(NamedFigure(name: "sweep-claims", caption: "Each claim's margin over the sweep (mean over seeds; positive when the claim holds), with its verdict from the 95% CI: + holds, − fails, ? undecided (the CI straddles 0: underpowered, not a counter-example); a grey map is a claim that states no margin (holds or fails only; left out of a 1-axis sweep).",
                                   title: "Claims over the sweep", panels: claimPanels, sharedLegend: axes.count == 1 && claimPanels.count > 1,
                                   maxColumns: axes.count == 2 ? 2 : 3))
        }
        let metricNames = uniqueInOrder(rows.filter { $0.quantity == "metric" }.map(\.name))
        var drawn = ["accuracy.final"]
        if metricNames.count <= Self.maxKeptMetrics { drawn += metricNames.filter { $0 != "accuracy.final" } }
        for m in drawn where metricNames.contains(m) {
            let regimes = uniqueInOrder(rows.filter { $0.quantity == "metric" && $0.name == m }.map(\.regime))
            var panels = regimes.prefix(AnalyzeRunFigures.maxPanels).compactMap { panel(quantity: "metric", name: m, regime: $0, iteration: nil, title: $0) }
            guard !panels.isEmpty else { continue }
            // One colour scale for every regime's map, so that the panels compare.
            let all = panels.flatMap { p -> [Double] in if case .heatMap(let h) = p { return h.values.flatMap { $0 } } else { return [] } }.filter(\.isFinite)
            if let lo = all.min(), let hi = all.max(), hi > lo {
                panels = panels.map { p in
                    guard case .heatMap(var h) = p, h.colourScale == .viridis else { return p }
                    h.range = lo...hi
                    return .heatMap(h)
                }
            }
            let file = m == "accuracy.final" ? "sweep-accuracy" : "sweep-" + m.replacingOccurrences(of: "/", with: "-")
            out.append(NamedFigure(name: file, caption: "\(m) at the last iteration over the sweep, a panel per regime: mean over seeds" + (axes.count == 2 ? (m.hasPrefix("contrast.") ? ", each cell marked from its 95% CI (+ above 0, − below 0, ? straddles 0)." : ", each cell's value written in it where it fits.") : " with its 95% interval."),
                                   title: "\(m) over the sweep", panels: panels, sharedLegend: axes.count == 1 && panels.count > 1,
                                   maxColumns: axes.count == 2 ? 2 : 3))
        }
        return out
    }

    /// The spec's `figure:` (a claim, or a metric of a regime at an iteration, default the last)
    /// as one panel, named `sweep-figure`; nil when the table lacks it or the design is not a
    /// 1- or 2-axis grid.
    /// (The CLI passes the fields of the spec's `SweepSpec.Figure`: a claim number, or a metric
    /// with its regime and iteration, default the last; the title defaults to the quantity.)
    public func figure(claim: Int? = nil, metric: String? = nil, regime: String? = nil, iteration: Int? = nil,
                       title: String? = nil) -> NamedFigure? {
        guard isDrawableGrid else { return nil }
        let p: Panel?
        let quantity: String
        if let c = claim {
            quantity = "Claim \(c) margin"
            p = panel(quantity: "claim", name: "\(c)", regime: nil, iteration: nil, title: title ?? quantity, short: false)
        } else if let m = metric {
            quantity = "\(m) (\(regime ?? "any regime"), \(iteration.map { "iteration \($0)" } ?? "last iteration"))"
            p = panel(quantity: "metric", name: m, regime: regime, iteration: iteration, title: title ?? quantity, short: false)
        } else { return nil }
        guard let p else { return nil }
        return NamedFigure(name: "sweep-figure", caption: "\(quantity) over the sweep (\(axes.joined(separator: " × "))): mean over seeds with its 95% CI.",
                           title: title ?? quantity, panels: [p])
    }

    func uniqueInOrder(_ xs: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for x in xs where seen.insert(x).inserted { out.append(x) }
        return out
    }

    /// The rows of one quantity, one per point (a metric at `iteration`, default each point's last).
    func values(quantity: String, name: String, regime: String?, iteration: Int?) -> [[String]: Row] {
        var out: [[String]: Row] = [:]
        for r in rows where r.quantity == quantity && r.name == name && (regime == nil || r.regime == regime) {
            if let it = iteration {
                if r.iteration == it { out[r.settings] = r }
            } else if let old = out[r.settings] {
                if (r.iteration ?? 0) > (old.iteration ?? 0) { out[r.settings] = r }
            } else {
                out[r.settings] = r
            }
        }
        return out
    }

    /// A sweep that kept at most this many metrics (`metrics:` in its spec) gets a figure per
    /// metric; one that kept them all (dozens) gets `accuracy.final` only.
    static let maxKeptMetrics = 8

    /// An axis label: the key's description and the key (`keyLabel`) for a figure of one
    /// panel; only the description's phrase (e.g. "Learning rate") in small multiples, where the
    /// long form would be cut.
    func axisLabel(_ key: String, short: Bool) -> String {
        let full = keyLabel(key)
        guard short, let cut = full.range(of: " (", options: .backwards), full.hasSuffix("(\(key))") else { return full }
        return String(full[..<cut.lowerBound])
    }

    static func mark(_ verdict: String) -> String {
        switch verdict {
        case "holds", "positive": return "+"
        case "fails", "negative": return "−"
        default: return "?"
        }
    }

    /// One panel of a quantity over the grid; nil when no point has it.
    func panel(quantity: String, name: String, regime: String?, iteration: Int?, title: String, short: Bool = true) -> Panel? {
        let v = values(quantity: quantity, name: name, regime: regime, iteration: iteration)
        guard !v.isEmpty else { return nil }
        let yLabel = quantity == "claim" ? "margin" : name
        // Claims and paired contrasts are signed effects, judged against 0 from their CIs; any
        // other metric (an accuracy, an entropy) is a level: viridis over its range, no marks.
        let signed = quantity == "claim" || name.hasPrefix("contrast.")
        if axes.count == 1 {
            let xs = axisValues[0]
            let numeric = xs.compactMap(Double.init)
            // A claim that states no margin (holds/fails only) has no value to draw on one axis.
            let present = xs.filter { v[[$0]]?.estimate.mean.isFinite ?? false }
            guard !present.isEmpty else { return nil }
            let e = present.map { v[[$0]]!.estimate }
            if numeric.count == xs.count {
                var c = LineChart(title: title, xLabel: axisLabel(axes[0], short: short), yLabel: yLabel)
                c.series = [Series(quantity == "claim" ? "margin, 95% CI" : "mean over seeds, 95% CI", x: present.map { Double($0)! }, y: e.map(\.mean),
                                   lower: e.map(\.lower), upper: e.map(\.upper), colour: Palette.colour(0), marker: .circle)]
                if signed { c.references = [.horizontal(0)] }
                let lo = numeric.min()!, hi = numeric.max()!, pad = hi > lo ? 0.04 * (hi - lo) : 0.5
                c.xAxis.range = (lo - pad)...(hi + pad)
                return .line(c)
            }
            let all = xs.map { v[[$0]]?.estimate }
            return .bar(BarChart(title: title, categories: xs, groups: [BarGroup(quantity == "claim" ? "margin, 95% CI" : "mean, 95% CI",
                                                                              values: all.map { $0?.mean ?? .nan }, lower: all.map { $0?.lower ?? .nan },
                                                                              upper: all.map { $0?.upper ?? .nan }, colour: Palette.colour(0))],
                                 xLabel: axisLabel(axes[0], short: short), yLabel: yLabel))
        }
        let xs = axisValues[0], ys = axisValues[1]
        var grid = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
        var labels = [[String]](repeating: [String](repeating: "", count: xs.count), count: ys.count)
        for (i, x) in xs.enumerated() {
            for (j, y) in ys.enumerated() {
                guard let r = v[[x, y]] else { labels[j][i] = "missing"; continue }
                // The mark only: the value is the cell's colour (a number beside it does not fit
                // a cell of a small multiple at 8 pt; the table has it).
                if r.estimate.mean.isFinite { grid[j][i] = r.estimate.mean }
                labels[j][i] = Self.mark(r.verdict)
            }
        }
        return .heatMap(HeatMap(title: title, xLabel: axisLabel(axes[0], short: short), yLabel: axisLabel(axes[1], short: true),
                                columns: xs, rows: ys, values: grid, colourScale: signed ? .diverging : .viridis, centre: 0,
                                colourBarLabel: quantity == "claim" ? "margin" : "mean over seeds", showValues: true,
                                valueFormat: "%.2f", cellLabels: signed ? labels : nil))
    }
}
