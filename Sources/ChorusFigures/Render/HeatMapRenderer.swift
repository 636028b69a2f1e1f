import Foundation

/// Draws a validated `HeatMap` into a cell of the page, with its colour bar on the right.
struct HeatMapRenderer {
    let map: HeatMap
    let canvas: Canvas
    /// Panel letter, e.g. "(a)"; empty = none.
    var letter = ""

    var scaleRange: ClosedRange<Double> { map.colourRange }

    func colour(_ v: Double) -> RGB {
        let r = scaleRange
        let t = (v - r.lowerBound) / (r.upperBound - r.lowerBound)
        return ColourMaps.colour(t, map.colourScale == .viridis ? ColourMaps.viridis : ColourMaps.diverging)
    }

    func draw(in cell: Rect) {
        let h = canvas.charHeight
        let nc = map.columns.count, nr = map.rows.count
        let range = scaleRange
        let barTicks = Ticks.linear(range.lowerBound, range.upperBound, target: 5)
        let barTickWidth = barTicks.labels.map { canvas.textWidth($0) }.max() ?? 0
        let barWidth = 1.2 * h
        let extra = 1.2 * h + barWidth + 0.6 * h + barTickWidth + (map.colourBarLabel.isEmpty ? 0.5 * h : 2.4 * h)
        let spec = AxesSpec(title: map.title, xLabel: map.xLabel, yLabel: map.yLabel,
                            xTicks: Ticks(values: (0..<nc).map(Double.init), labels: map.columns, step: 0),
                            yTicks: Ticks(values: (0..<nr).map(Double.init), labels: map.rows, step: 0),
                            xWorld: -0.5...(Double(nc) - 0.5), yWorld: -0.5...(Double(nr) - 0.5),
                            xCategorical: true, yCategorical: true, rightExtra: extra, grid: false,
                            legend: .none, entries: [])
        let axes = Axes(spec: spec.with(letter: letter), canvas: canvas, cell: cell)
        axes.enterPlot()
        for i in 0..<nr {
            for j in 0..<nc {
                let v = map.values[i][j]
                canvas.colour(v.isFinite ? colour(v) : RGB(hex: 0xDDDDDD))
                canvas.rectangle(Rect(x0: Double(j) - 0.5, y0: Double(i) - 0.5, x1: Double(j) + 0.5, y1: Double(i) + 0.5))
            }
        }
        if map.showValues || map.cellLabels != nil {
            canvas.usePage()
            let cw = axes.plot.width / Double(nc), ch = axes.plot.height / Double(nr)
            for i in 0..<nr {
                for j in 0..<nc {
                    let v = map.values[i][j]
                    let label = map.cellLabels?[i][j] ?? (v.isFinite ? HeatMapRenderer.format(v, map.valueFormat) : "")
                    guard !label.isEmpty else { continue }
                    let scale = min(0.9, 0.85 * cw / max(1e-9, canvas.textWidth(label)), 0.6 * ch / h)
                    guard scale >= max(0.35, canvas.minTextScale) else { continue } // too small to read: leave the cell plain
                    canvas.colour(v.isFinite && ColourMaps.isDark(colour(v)) ? .white : .black)
                    canvas.text(label, x: axes.pageX(Double(j)), y: axes.pageY(Double(i)), just: 0.5, scale: scale)
                }
            }
        }
        axes.drawFrame()
        drawColourBar(axes.plot, ticks: barTicks, range: range, width: barWidth)
    }

    /// A value for a cell: printf format, true minus sign, no "−0.00".
    static func format(_ v: Double, _ format: String) -> String {
        var text = String(format: format, v)
        if text.hasPrefix("-"), !text.contains(where: { ("1"..."9").contains($0) }) { text.removeFirst() }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    private func drawColourBar(_ plot: Rect, ticks: Ticks, range: ClosedRange<Double>, width: Double) {
        let h = canvas.charHeight
        canvas.usePage()
        let x0 = plot.x1 + 1.2 * h, x1 = x0 + width
        let steps = 120
        let dy = plot.height / Double(steps)
        for k in 0..<steps {
            let t = (Double(k) + 0.5) / Double(steps)
            canvas.colour(colour(range.lowerBound + t * (range.upperBound - range.lowerBound)))
            // Slight overlap so no hairline gaps show between slices.
            canvas.rectangle(Rect(x0: x0, y0: plot.y0 + Double(k) * dy, x1: x1, y1: plot.y0 + Double(k + 1) * dy + 0.05 * dy))
        }
        canvas.colour(.black)
        canvas.width(0.6)
        canvas.style(.solid)
        canvas.line([x0, x1, x1, x0, x0], [plot.y0, plot.y0, plot.y1, plot.y1, plot.y0])
        for (v, s) in zip(ticks.values, ticks.labels) {
            let y = plot.y0 + (v - range.lowerBound) / (range.upperBound - range.lowerBound) * plot.height
            guard y >= plot.y0 - 1e-9, y <= plot.y1 + 1e-9 else { continue }
            canvas.line([x1, x1 + 0.4 * h], [y, y])
            canvas.text(s, x: x1 + 0.6 * h, y: y, just: 0)
        }
        if !map.colourBarLabel.isEmpty {
            let tickWidth = ticks.labels.map { canvas.textWidth($0) }.max() ?? 0
            let scale = min(Axes.labelScale, plot.height / canvas.textWidth(map.colourBarLabel))
            canvas.text(map.colourBarLabel, x: x1 + 0.6 * h + tickWidth + 1.3 * h, y: (plot.y0 + plot.y1) / 2,
                        just: 0.5, vertical: true, scale: scale)
        }
    }
}

extension HeatMap {
    /// The values at the two ends of the colour scale: `range`, or the data's range
    /// (diverging: symmetric around `centre`).
    var colourRange: ClosedRange<Double> {
        if let r = range { return r }
        let finite = values.flatMap { $0 }.filter { $0.isFinite }
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if colourScale == .diverging {
            let m = max(abs(lo - centre), abs(hi - centre), 1e-12)
            lo = centre - m; hi = centre + m
        }
        if hi - lo < 1e-12 { lo -= 0.5; hi += 0.5 }
        return lo...hi
    }
}
