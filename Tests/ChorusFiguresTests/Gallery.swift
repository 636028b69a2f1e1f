import Foundation
import Testing
@testable import ChorusFigures

/// Writes example figures into $CHORUS_FIGURE_GALLERY for a person to look at (skipped
/// otherwise): `CHORUS_FIGURE_GALLERY=/tmp/gallery swift test --filter Gallery`.
@Suite("Gallery", .enabled(if: ProcessInfo.processInfo.environment["CHORUS_FIGURE_GALLERY"] != nil,
                           "figures for a person to look at: set CHORUS_FIGURE_GALLERY to a folder to write them"))
struct Gallery {
    var dir: URL { URL(fileURLWithPath: ProcessInfo.processInfo.environment["CHORUS_FIGURE_GALLERY"]!) }

    @Test func examples() throws {
        try sampleChart(title: "Held-out accuracy (sample data)").render(to: dir.appendingPathComponent("line.png"))
        try sampleChart(title: "Held-out accuracy (sample data)").render(to: dir.appendingPathComponent("line.svg"))

        // Predicted vs exact scatter with y = x.
        var g = Xorshift(seed: 7)
        let exact = (0..<60).map { _ in g.unit() * 2 }
        let est = exact.map { $0 * 0.9 + (g.unit() - 0.5) * 0.2 }
        var scatter = LineChart(title: "Estimated vs exact entropy", xLabel: "exact H (nats)", yLabel: "estimated H (nats)",
                                legend: .topLeft)
        scatter.series.append(.scatter("plug-in", x: exact, y: est))
        scatter.series.append(.scatter("Miller–Madow", x: exact, y: est.map { $0 + 0.08 }, marker: .triangle))
        scatter.references.append(.identity())
        try scatter.render(to: dir.appendingPathComponent("scatter.png"), size: .column)

        // Log-x with many series and a long legend.
        let n = stride(from: 0.0, through: 2.0, by: 0.1).map { 5 * pow(10, $0) }
        var many = LineChart(title: "Many series on a log axis", xLabel: "sample size N", yLabel: "bias (nats)", logX: true)
        for k in 0..<7 {
            many.series.append(Series("estimator number \(k + 1)", x: n, y: n.map { -Double(k + 1) / $0 },
                                      marker: k % 2 == 0 ? Marker.forIndex(k) : nil))
        }
        many.references.append(.horizontal(0))
        try many.render(to: dir.appendingPathComponent("many.png"))

        let bars = BarChart(title: "Answer flips between rounds", categories: ["right → wrong", "wrong → right", "stayed right", "stayed wrong"],
                            groups: [BarGroup("multiagent", values: [0.04, 0.12, 0.62, 0.22], lower: [0.03, 0.1, 0.58, 0.19], upper: [0.05, 0.14, 0.66, 0.25]),
                                     BarGroup("single-agent", values: [0.02, 0.05, 0.65, 0.28], lower: [0.015, 0.04, 0.61, 0.25], upper: [0.025, 0.06, 0.69, 0.31]),
                                     BarGroup("no-summary", values: [0.06, 0.09, 0.6, 0.25])],
                            yLabel: "fraction of responses")
        try bars.render(to: dir.appendingPathComponent("bars.png"))

        // Legend to the right, log y, a small figure, corner legends.
        var logY = LineChart(title: "KL from base (log y), legend right", xLabel: "iteration", yLabel: "KL (nats)",
                             logY: true, legend: .right)
        let it = (0...5).map(Double.init)
        logY.series.append(Series("critic", x: it, y: it.map { 0.01 * pow(3, $0) }, lower: it.map { 0.008 * pow(3, $0) },
                                  upper: it.map { 0.012 * pow(3, $0) }, marker: .circle))
        logY.series.append(Series("generator", x: it, y: it.map { 0.01 * pow(2, $0) }, marker: .square))
        logY.series.append(Series("single-agent", x: it, y: it.map { 0.01 * pow(1.5, $0) }, lineStyle: .dashDot))
        try logY.render(to: dir.appendingPathComponent("logy-right.png"))
        var small = sampleChart(title: "Small 640×400, legend bottom right")
        small.legend = .bottomRight
        try small.render(to: dir.appendingPathComponent("small.png"), size: FigureSize(width: 640, height: 400))
        var neg = LineChart(title: "Negative and tiny values # escaped", xLabel: "x", yLabel: "y × 10⁻³", legend: .topRight)
        neg.series.append(Series("dotted", x: [0, 1, 2, 3], y: [-0.0012, -0.0008, 0.0003, 0.0011], lineStyle: .dotted, marker: .diamond))
        try neg.render(to: dir.appendingPathComponent("neg.png"), size: .column)

        // Log-log over many decades, and a 2×3 grid of small panels.
        let big = (0...12).map { pow(10, Double($0) / 2) }
        var loglog = LineChart(title: "Tokens vs cost (log–log)", xLabel: "tokens", yLabel: "seconds", logX: true, logY: true)
        loglog.series.append(Series("linear", x: big, y: big.map { $0 * 1e-4 }, marker: .circle))
        loglog.series.append(Series("n log n", x: big, y: big.map { $0 * log($0 + 1) * 1e-5 }, lineStyle: .dashed))
        try loglog.render(to: dir.appendingPathComponent("loglog.png"), size: .column)
        var panels: [Panel] = []
        for i in 0..<5 {
            var c = sampleChart(title: "panel \(i + 1)")
            c.xAxis.range = 0...20.5
            panels.append(.line(c))
        }
        panels.append(.bar(bars))
        try FigureGrid(rows: 2, columns: 3, panels: panels, title: "Six panels").render(to: dir.appendingPathComponent("grid6.png"))

        // Phase diagrams: viridis with values, diverging with labels and a missing cell.
        let lrs = ["0.01", "0.03", "0.1", "0.3", "1"], precisions = ["0.5", "1", "2", "4"]
        let vals = precisions.indices.map { i in lrs.indices.map { j in 0.3 + 0.15 * Double(j) - 0.1 * Double(i) } }
        try HeatMap(title: "Disagreement at iteration 5 / base", xLabel: "learning rate × epochs",
                    yLabel: "evidence precision", columns: lrs, rows: precisions, values: vals,
                    colourBarLabel: "ratio to base", showValues: true).render(to: dir.appendingPathComponent("heat.png"))
        var margins = vals.map { $0.map { $0 - 0.5 } }
        margins[1][2] = .nan
        let marks = margins.map { $0.map { $0.isNaN ? "" : ($0 > 0 ? "✓" : "✗") } }
        try HeatMap(title: "Claim 4 margin", xLabel: "learning rate × epochs", yLabel: "evidence precision",
                    columns: lrs, rows: precisions, values: margins, colourScale: .diverging,
                    colourBarLabel: "margin", cellLabels: marks).render(to: dir.appendingPathComponent("heat-div.png"), size: .column)

        // Fixed range with far outliers: lines, band and reference lines are clipped cleanly.
        var outliers = LineChart(title: "Fixed y range 0–1, outliers at ±10¹⁵", yRange: 0...1, legend: .topRight)
        outliers.series.append(Series("s", x: [0, 1, 2, 3], y: [0.5, 1e15, -1e15, 0.5], lower: [0.3, 1e14, -1e16, 0.3],
                                      upper: [0.7, 1e16, 1e3, 0.7], marker: .circle))
        outliers.references.append(ReferenceLine(.diagonal(slope: 0.2, intercept: 0.1), label: "y = 0.2x + 0.1"))
        outliers.references.append(ReferenceLine(.vertical(1.5), label: "x = 1.5", lineStyle: .dotted))
        try outliers.render(to: dir.appendingPathComponent("outliers.png"), size: .column)

        // Like the reproduce figure: 1×2 at 1800×800, seven regimes with bands and markers.
        let regimes = ["multiagent", "single-agent", "no-critic", "no-summary", "single-no-debate", "majority-ft", "star"]
        func panel(_ title: String, _ y: String, _ f: (Int, Double) -> Double) -> LineChart {
            var c = LineChart(title: title, xLabel: "finetuning iteration", yLabel: y)
            for (i, r) in regimes.enumerated() {
                let it = (0...5).map(Double.init)
                c.series.append(Series(r, x: it, y: it.map { f(i, $0) }, lower: it.map { f(i, $0) - 0.02 },
                                       upper: it.map { f(i, $0) + 0.02 }, lineStyle: i < 2 ? .solid : .dashed,
                                       marker: Marker.allCases[i % Marker.allCases.count]))
            }
            return c
        }
        let acc = panel("Held-out accuracy (final-round majority)", "accuracy") { i, t in 0.45 + 0.02 * Double(7 - i) * log(1 + t) / 2 }
        let dis = panel("Society disagreement (chains)", "P(two agents' chains differ)") { i, t in 0.6 * exp(-Double(i) * t / 12) }
        try FigureGrid(rows: 1, columns: 2, panels: [.line(acc), .line(dis)])
            .render(to: dir.appendingPathComponent("reproduce-like.png"), size: FigureSize(width: 1800, height: 800))

        // A legend label longer than the figure is wide shrinks to fit.
        var long = sampleChart(title: "Long legend label")
        long.series[0].name = "multiagent finetuning with summaries, critics and five iterations of self-generated data, averaged over seeds"
        try long.render(to: dir.appendingPathComponent("long-legend.png"), size: FigureSize(width: 900, height: 600))

        var right = sampleChart(title: "Disagreement")
        right.yAxis.label = "disagreement"
        let grid = FigureGrid(rows: 1, columns: 2, panels: [.line(sampleChart(title: "Accuracy")), .line(right)],
                              title: "Multiagent vs single-agent finetuning (sample data)")
        try grid.render(to: dir.appendingPathComponent("grid.png"), size: FigureSize(width: 2000, height: 900))
        try grid.render(to: dir.appendingPathComponent("grid.pdf"))
    }
}

/// A tiny deterministic generator for gallery data (not used in any computation).
struct Xorshift {
    var s: UInt64
    init(seed: UInt64) { s = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func unit() -> Double {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17
        return Double(s >> 11) / Double(1 << 53)
    }
}
