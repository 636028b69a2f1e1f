import Foundation

/// Draws a validated `BarChart` into a cell of the page.
struct BarChartRenderer {
    let chart: BarChart
    let canvas: Canvas
    /// Panel letter, e.g. "(a)"; empty = none.
    var letter = ""

    private func colour(_ i: Int) -> RGB { chart.groups[i].colour ?? Palette.colour(i) }

    func legendEntries() -> [LegendEntry] {
        chart.groups.enumerated().filter { !$0.element.name.isEmpty }.map {
            LegendEntry(label: $0.element.name, colour: colour($0.offset), solidBox: true)
        }
    }

    func draw(in cell: Rect) {
        let c = chart.categories.count, g = chart.groups.count
        let yr: ClosedRange<Double>
        if let r = chart.yRange { yr = r } else {
            let all = chart.groups.flatMap { $0.values + ($0.lower ?? []) + ($0.upper ?? []) }.filter { $0.isFinite }
            var lo = min(0, all.min() ?? 0), hi = max(0, all.max() ?? 1)
            if hi - lo < 1e-12 { hi = lo + 1 }
            let d = (hi - lo) * 0.06
            if lo < 0 { lo -= d }
            if hi > 0 { hi += d }
            yr = lo...hi
        }
        let xr = -0.5...(Double(c) - 0.5)
        let xt = Ticks(values: (0..<c).map(Double.init), labels: chart.categories, step: 0)
        let yt = Ticks.linear(yr.lowerBound, yr.upperBound, target: max(3, min(7, Int(cell.height / (6 * canvas.charHeight)))))
        let entries = legendEntries()
        let spec = AxesSpec(title: chart.title, xLabel: chart.xLabel, yLabel: chart.yLabel, xTicks: xt, yTicks: yt,
                            xWorld: xr, yWorld: yr, xCategorical: true, grid: chart.grid,
                            legend: chart.legend, entries: entries)
        let axes = Axes(spec: spec.with(letter: letter), canvas: canvas, cell: cell)
        axes.drawGrid()
        axes.enterPlot()
        let slot = 0.8 / Double(g)
        let base = min(max(0, yr.lowerBound), yr.upperBound)
        for (gi, group) in chart.groups.enumerated() {
            for ci in 0..<c {
                let x0 = Double(ci) - 0.4 + Double(gi) * slot + 0.06 * slot
                let x1 = x0 + 0.88 * slot
                let v = group.values[ci]
                if v.isFinite {
                    canvas.colour(colour(gi))
                    canvas.rectangle(Rect(x0: x0, y0: min(base, v), x1: x1, y1: max(base, v)))
                }
                if let lo = group.lower?[ci], let hi = group.upper?[ci], lo.isFinite, hi.isFinite {
                    let xm = (x0 + x1) / 2, cap = 0.22 * slot
                    canvas.colour(.black)
                    canvas.width(0.8)
                    canvas.style(.solid)
                    canvas.line([xm, xm], [lo, hi])
                    canvas.line([xm - cap, xm + cap], [lo, lo])
                    canvas.line([xm - cap, xm + cap], [hi, hi])
                }
            }
        }
        // Baseline at zero when the axis spans it.
        if yr.lowerBound < 0 && yr.upperBound > 0 {
            canvas.colour(.black); canvas.width(0.6)
            canvas.line([xr.lowerBound, xr.upperBound], [0, 0])
        }
        axes.drawFrame()
        axes.drawLegend()
    }
}
