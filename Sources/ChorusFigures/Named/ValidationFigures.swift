import Foundation
import ChorusRecords

/// The figures of `chorus validate` (docs/validation.md), drawn from the curve tables the
/// studies write (`<figure>.curves.csv`, `ChorusRecords.CurveTable`): the tables hold the data (panels,
/// series, points, intervals, replicates, seed); this file holds how each figure looks (axes,
/// scales, reference lines, caption). `chorus validate` draws them, and `chorus figures DIR`
/// redraws them from a validate folder.
///
/// How rows become series, in every figure: panels and series in order of first appearance;
/// `estimate` rows are a line with circles and, where `lower`/`upper` are finite, a 95% band;
/// `points` rows are markers only; a `theory` series is dashed, in the colour of the panel's
/// series of the same name (without a legend entry of its own) or, when it has no such series,
/// in black with its own entry. Colours cycle within a `group`; the first group's lines are
/// solid and later groups' dashed.
public enum ValidationFigures {
    /// How one panel looks.
    struct PanelLook: Sendable {
        var xLabel: String
        var yLabel: String
        var logX = false, logY = false
        /// Draw y = x.
        var identity = false
        /// Horizontal reference lines.
        var horizontal: [Double] = []
    }

    /// How one figure looks, by figure name.
    struct Look: Sendable {
        var name: String
        var caption: String
        /// The figure's title (drawn with `--titles`), from its rows.
        var title: @Sendable ([CurveRow]) -> String
        /// The look of panel i (the last one repeats for later panels).
        var panels: [PanelLook]
    }

    /// Every validation figure, in study order.
    static let looks: [Look] = [
        Look(name: "study1_bias_vs_N",
             caption: "Study 1: bias of the entropy estimators against N, a panel per distribution family and alphabet size K, with 95% bands and plug-in's first-order bias −(K−1)/(2N).",
             title: { "Entropy estimators: bias against N (\(replicates($0, except: "NSB")) samples a cell; NSB \(replicates($0, series: "NSB")))" },
             panels: [PanelLook(xLabel: "N", yLabel: "bias (nats)", logX: true, horizontal: [0])]),
        Look(name: "study1_rmse_vs_N",
             caption: "Study 1: RMSE of the entropy estimators against N, a panel per distribution family and alphabet size K (log–log).",
             title: { "Entropy estimators: RMSE against N (\(replicates($0, except: "NSB")) samples a cell; NSB \(replicates($0, series: "NSB")))" },
             panels: [PanelLook(xLabel: "N", yLabel: "RMSE (nats)", logX: true, logY: true)]),
        Look(name: "study2_heterozygosity",
             caption: "Study 2: heterozygosity of a categorical distribution refitted on its own samples, replacing or accumulating the data, with 95% bands and the theory (1 − 1/N)^t H0.",
             title: { _ in "Heterozygosity under refitting" },
             panels: [PanelLook(xLabel: "generation t", yLabel: "E[1 − Σ p²]")]),
        Look(name: "study2_gaussian_refit",
             caption: "Study 2: a Gaussian refitted on its own samples: E[ln σ²] (MLE and unbiased variance, replace and accumulate) and E[σ²] of the MLE (log scale), with 95% bands and theory (dashed).",
             title: { "Gaussian refitted on its own samples (\(replicates($0)) paths)" },
             panels: [PanelLook(xLabel: "generation n", yLabel: "E[ln σ²]"), PanelLook(xLabel: "generation n", yLabel: "E[σ²]", logY: true)]),
        Look(name: "study3_entropy_change",
             caption: "Study 3: entropy change of a softmax policy after one policy-gradient step, predicted by the covariance law against exact, one point per random policy, with y = x.",
             title: { "Entropy change of a softmax policy: covariance prediction vs exact (\(pointsPerSeries($0)) random policies)" },
             panels: [PanelLook(xLabel: "predicted ΔH (covariance)", yLabel: "exact ΔH", identity: true)]),
        Look(name: "study3_reward_vs_entropy",
             caption: "Study 3: REINFORCE self-training, exact accuracy against mean policy entropy per iteration, one colour per run, with each run's fit R = −a e^H + b (dashed).",
             title: { _ in "Self-training: accuracy against entropy" },
             panels: [PanelLook(xLabel: "mean policy entropy H (nats)", yLabel: "exact accuracy R")]),
        Look(name: "study4_debate_martingale",
             caption: "Study 4: expected correctness of Dirichlet-belief agents by debate round, per update rule and number of agents m, with 95% bands (the symmetric update is a martingale).",
             title: { _ in "Debate as a martingale" },
             panels: [PanelLook(xLabel: "debate round", yLabel: "expected correctness")]),
        Look(name: "study5_metric_trust",
             caption: "Study 5: Spearman ρ of each sample metric with the exact society disagreement against questions Q, a panel per number of agents N (answer metrics solid, chain metrics dashed).",
             title: { _ in "How well sample metrics track exact society diversity" },
             panels: [PanelLook(xLabel: "questions Q", yLabel: "Spearman ρ with exact disagreement", logX: true)]),
        Look(name: "study5_scatter",
             caption: "Study 5: three sample metrics against the exact answer disagreement at the smallest N and Q, one point per condition, with y = x.",
             title: { _ in "Sample metrics against exact disagreement" },
             panels: [PanelLook(xLabel: "exact disagreement.answer", yLabel: "sample metric", identity: true)]),
        Look(name: "study7_fit_consistency",
             caption: "Study 7: RMSE of chorus fit's critic weights against the number of questions Q (log–log), with the 1/√Q rate through the first w_support point.",
             title: { _ in "chorus fit: RMSE of the critic weights against questions" },
             panels: [PanelLook(xLabel: "questions Q", yLabel: "RMSE", logX: true, logY: true)]),
    ]

    /// The names of the validation figures, in study order.
    public static var names: [String] { looks.map(\.name) }

    /// The most replicates of the rows (of one series, or of all but one series).
    static func replicates(_ rows: [CurveRow], series: String? = nil, except: String? = nil) -> Int {
        rows.filter { r in series.map { r.series == $0 } ?? true }.filter { r in except.map { r.series != $0 } ?? true }
            .map(\.replicates).max() ?? 0
    }

    /// The points of the first series of the first panel.
    static func pointsPerSeries(_ rows: [CurveRow]) -> Int {
        guard let first = rows.first else { return 0 }
        return rows.filter { $0.panel == first.panel && $0.series == first.series && $0.kind == first.kind }.count
    }

    /// Every validation figure whose curve table is in `dir` (`<figure>.curves.csv`), in study order.
    /// - Throws: `TableError` naming the file, line and column of a bad cell; `FileIOError`.
    public static func read(_ dir: URL) throws -> [NamedFigure] {
        try looks.compactMap { look in
            let url = dir.appendingPathComponent(CurveTable.fileName(figure: look.name))
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return figure(look.name, rows: try CurveTable.read(from: url))
        }
    }

    /// The figure `name` drawn from its rows; nil for a name that is not a validation figure or
    /// rows without a point.
    public static func figure(_ name: String, rows: [CurveRow]) -> NamedFigure? {
        guard let look = looks.first(where: { $0.name == name }), !rows.isEmpty else { return nil }
        let panelNames = uniqueInOrder(rows.map(\.panel))
        // Several panels share one legend below them (a series keeps its name, and so its
        // entry, across panels), so no legend covers data.
        let shared = panelNames.count > 1
        let charts = panelNames.enumerated().map { (i, title) in
            chart(title: title, rows: rows.filter { $0.panel == title }, look: look.panels[min(i, look.panels.count - 1)],
                  legend: shared ? .none : .below)
        }
        // A lone panel's title (its parameters: sizes, replicates) is drawn only with --titles,
        // so the caption carries it.
        let caption = shared ? look.caption : look.caption + " " + panelNames[0] + "."
        return NamedFigure(name: name, caption: caption, title: look.title(rows), panels: charts.map { .line($0) },
                           sharedLegend: shared)
    }

    /// One panel: its series from its rows.
    static func chart(title: String, rows: [CurveRow], look: PanelLook, legend: LegendPlacement) -> LineChart {
        var c = LineChart(title: title, xLabel: look.xLabel, yLabel: look.yLabel, logX: look.logX, logY: look.logY, legend: legend)
        struct Key: Hashable { var series: String; var kind: CurveRow.Kind }
        let keys = uniqueInOrder(rows.map { Key(series: $0.series, kind: $0.kind) })
        let groups = uniqueInOrder(rows.filter { $0.kind != .theory }.map(\.group))
        var colours: [String: RGB] = [:], countInGroup: [String: Int] = [:]
        for k in keys where k.kind != .theory {
            let group = rows.first { $0.series == k.series && $0.kind == k.kind }!.group
            let i = countInGroup[group, default: 0]
            countInGroup[group] = i + 1
            colours[k.series] = Palette.colour(i)
        }
        for k in keys {
            let pts = rows.filter { $0.series == k.series && $0.kind == k.kind }
            let x = pts.map(\.x), y = pts.map(\.y)
            switch k.kind {
            case .estimate:
                let banded = pts.contains { $0.lower.isFinite || $0.upper.isFinite }
                let dashed = (groups.firstIndex(of: pts[0].group) ?? 0) > 0
                c.series.append(Series(k.series, x: x, y: y, lower: banded ? pts.map(\.lower) : nil, upper: banded ? pts.map(\.upper) : nil,
                                       colour: colours[k.series], lineStyle: dashed ? .dashed : .solid, marker: .circle))
            case .points:
                c.series.append(.scatter(k.series, x: x, y: y, colour: colours[k.series]))
            case .theory:
                let own = colours[k.series]
                c.series.append(Series(k.series, x: x, y: y, colour: own ?? .black, lineStyle: .dashed, lineWidth: 1.5,
                                       showInLegend: own == nil))
            }
        }
        if look.identity { c.references.append(.identity()) }
        for h in look.horizontal { c.references.append(.horizontal(h)) }
        return c
    }

    static func uniqueInOrder<T: Hashable>(_ xs: [T]) -> [T] {
        var seen = Set<T>(), out: [T] = []
        for x in xs where seen.insert(x).inserted { out.append(x) }
        return out
    }
}
