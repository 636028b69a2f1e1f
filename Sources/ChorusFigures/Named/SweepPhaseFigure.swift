import Foundation
import ChorusSimulation

/// The figure of a sweep (`chorus sweep run|merge`): for two axes a phase diagram — a heat map
/// of a claim's margin or a metric's mean over the grid, each cell marked from its 95% CI:
/// "+" holds / CI above 0, "−" fails / CI below 0, "?" undecided (CI straddles 0: the point is
/// underpowered, which is not the same as the effect being absent); for one axis a line with
/// its 95% band. Axis labels are the parameters' descriptions.
public enum SweepPhaseFigure {
    /// - Throws: `FigureError`/`SweepError` when the sweep is not a 1- or 2-axis grid.
    public static func make(plan: SweepPlan, collected: SweepMerge.Collected, figure: SweepSpec.Figure) throws -> any Figure {
        let spec = plan.spec
        guard spec.design == .grid, (1...2).contains(spec.axes.count) else {
            throw SweepError.invalidSpec(source: "figure", field: "axes", reason: "a figure needs a grid design over 1 or 2 axes (this sweep: \(spec.design.rawValue), \(spec.axes.count) axes); use the tables for other designs")
        }
        let quantity = figure.title ?? (figure.claim.map { "Claim \($0) margin" }
            ?? "\(figure.metric ?? "") (\(figure.regime ?? ""), \(figure.iteration.map { "iteration \($0)" } ?? "last iteration"))")
        let values = plan.points.map { SweepMerge.figureValue(figure, point: $0, file: collected.points[$0.index]) }
        let xKey = spec.axes[0].key
        guard case .list(let xs) = spec.axes[0].values else { throw SweepError.invalidSpec(source: "figure", field: xKey, reason: "not a list axis") }
        if spec.axes.count == 1 {
            let xNum = xs.map { Double($0) }
            guard xNum.allSatisfy({ $0 != nil }) else {
                throw SweepError.invalidSpec(source: "figure", field: xKey, reason: "a 1-axis figure needs numeric values")
            }
            var x: [Double] = [], y: [Double] = [], lo: [Double] = [], hi: [Double] = []
            for (i, v) in values.enumerated() {
                guard let e = v?.estimate else { continue }
                x.append(xNum[i]!); y.append(e.mean); lo.append(e.lower); hi.append(e.upper)
            }
            return LineChart(title: quantity + " — mean and 95% CI",
                             xLabel: SweepPlan.label(xKey), yLabel: figure.claim != nil ? "margin" : (figure.metric ?? ""),
                             series: [Series(figure.claim.map { "claim \($0)" } ?? (figure.metric ?? ""), x: x, y: y, lower: lo, upper: hi, marker: .circle)],
                             references: [.horizontal(0)])
        }
        let yKey = spec.axes[1].key
        guard case .list(let ys) = spec.axes[1].values else { throw SweepError.invalidSpec(source: "figure", field: yKey, reason: "not a list axis") }
        // Grid order: the first axis varies slowest, so point = i·|ys| + j.
        var grid = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
        var labels = [[String]](repeating: [String](repeating: "", count: xs.count), count: ys.count)
        for i in xs.indices {
            for j in ys.indices {
                guard let v = values[i * ys.count + j] else { labels[j][i] = "missing"; continue }
                let mark: String
                switch v.verdict {
                case "holds", "positive": mark = "+"
                case "fails", "negative": mark = "−"
                default: mark = "?"
                }
                if let e = v.estimate {
                    grid[j][i] = e.mean
                    labels[j][i] = String(format: "%@ %.3f", mark, e.mean)
                } else {
                    labels[j][i] = mark
                }
            }
        }
        return HeatMap(title: quantity + ";  + CI > 0,  − CI < 0,  ? undecided",
                       xLabel: SweepPlan.label(xKey), yLabel: SweepPlan.label(yKey),
                       columns: xs, rows: ys, values: grid, colourScale: .diverging, centre: 0,
                       colourBarLabel: figure.claim != nil ? "margin" : "mean over seeds",
                       showValues: true, cellLabels: labels)
    }
}
