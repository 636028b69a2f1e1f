import Foundation

/// Draws a validated `LineChart` into a cell of the page.
struct LineChartRenderer {
    let chart: LineChart
    let canvas: Canvas
    /// Panel letter, e.g. "(a)"; empty = none.
    var letter = ""

    private var xLog: Bool { chart.xAxis.scale == .log10 }
    private var yLog: Bool { chart.yAxis.scale == .log10 }
    private func wx(_ v: Double) -> Double { xLog ? log10(v) : v }
    private func wy(_ v: Double) -> Double { yLog ? log10(v) : v }

    /// World range of an axis: the fixed range, or the data's range plus a margin.
    static func range(_ values: [Double], axis: Axis, pad: Double) -> ClosedRange<Double> {
        let log = axis.scale == .log10
        if let r = axis.range { return log ? log10(r.lowerBound)...log10(r.upperBound) : r }
        let w = values.filter { $0.isFinite && (!log || $0 > 0) }.map { log ? log10($0) : $0 }
        guard var lo = w.min(), var hi = w.max() else { return 0...1 }
        if hi - lo <= 1e-12 * max(1, abs(hi)) {
            let d = log ? 0.5 : max(0.5, abs(hi) * 0.1)
            lo -= d; hi += d
        } else {
            let d = (hi - lo) * pad
            lo -= d; hi += d
        }
        return lo...hi
    }

    func draw(in cell: Rect) {
        // Ranges.
        var xs: [Double] = [], ys: [Double] = []
        for s in chart.series {
            xs += s.x; ys += s.y
            if let lo = s.lower, let hi = s.upper { ys += lo; ys += hi }
        }
        for r in chart.references {
            switch r.kind {
            case .horizontal(let v): ys.append(v)
            case .vertical(let v): xs.append(v)
            case .diagonal: break
            }
        }
        // Room for markers at the ends; lines alone run edge to edge.
        let scatter = chart.series.contains { $0.mode == .markers }
        let marked = chart.series.contains { $0.marker != nil }
        let xr = Self.range(xs, axis: chart.xAxis, pad: scatter ? 0.04 : marked ? 0.02 : 0)
        let yr = Self.range(ys, axis: chart.yAxis, pad: 0.05)
        // About one labelled tick per 9 (x) or 6 (y) character heights of the cell.
        let h = canvas.charHeight
        // Text in points is small against the cell: denser ticks (about one per 5 / 4 heights).
        let xTarget = max(3, min(8, Int(cell.width / ((canvas.physical ? 5 : 9) * h))))
        let yTarget = max(3, min(7, Int(cell.height / ((canvas.physical ? 4 : 6) * h))))
        // Whole-number x data (iterations, rounds) get whole-number ticks: no "1.5" between rounds.
        let integerX = !xs.isEmpty && xs.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
        var xt = xLog ? Ticks.logarithmic(pow(10, xr.lowerBound), pow(10, xr.upperBound), target: xTarget) : Ticks.linear(xr.lowerBound, xr.upperBound, target: xTarget, integer: integerX)
        // Long labels (e.g. "−0.015") that would touch: fewer ticks until they fit with a gap.
        var fewer = xTarget
        while !xLog && fewer > 2 && xt.labels.reduce(0, { $0 + canvas.textWidth($1) + 1.5 * h }) > cell.width {
            fewer -= 1
            xt = Ticks.linear(xr.lowerBound, xr.upperBound, target: fewer, integer: integerX)
        }
        var yt = yLog ? Ticks.logarithmic(pow(10, yr.lowerBound), pow(10, yr.upperBound), target: yTarget) : Ticks.linear(yr.lowerBound, yr.upperBound, target: yTarget)
        // At least three labelled values on a linear y axis, so a reader can tell the scale.
        var target = yTarget
        while !yLog && yt.values.count < 3 && target < 12 {
            target += 1
            yt = Ticks.linear(yr.lowerBound, yr.upperBound, target: target)
        }

        let spec = AxesSpec(title: chart.title, xLabel: chart.xAxis.label, yLabel: chart.yAxis.label,
                            xTicks: xt, yTicks: yt, xWorld: xr, yWorld: yr, xLog: xLog, yLog: yLog,
                            grid: chart.grid, legend: chart.legend, entries: legendEntries())
        let axes = Axes(spec: spec.with(letter: letter), canvas: canvas, cell: cell)
        axes.drawGrid()
        axes.enterPlot()
        for (i, s) in chart.series.enumerated() { drawBand(s, colour: colour(i)) }
        for r in chart.references { drawReference(r, xRange: xr, yRange: yr) }
        for (i, s) in chart.series.enumerated() { drawSeries(s, colour: colour(i)) }
        axes.drawFrame()
        axes.drawLegend()
    }

    private func colour(_ i: Int) -> RGB { chart.series[i].colour ?? Palette.colour(i) }

    func legendEntries() -> [LegendEntry] {
        var out: [LegendEntry] = []
        for (i, s) in chart.series.enumerated() where s.showInLegend && !s.name.isEmpty {
            out.append(LegendEntry(label: s.name, colour: colour(i), lineStyle: s.lineStyle, lineWidth: s.lineWidth * 1.6,
                                   showLine: s.mode == .line,
                                   marker: s.mode == .markers ? (s.marker ?? .circle) : s.marker,
                                   bandOpacity: s.lower != nil ? max(s.bandOpacity, 0.15) : nil))
        }
        for r in chart.references {
            guard let l = r.label, !l.isEmpty else { continue }
            out.append(LegendEntry(label: l, colour: r.colour, lineStyle: r.lineStyle, lineWidth: r.lineWidth * 1.2))
        }
        return out
    }

    /// Indices split into runs where `ok` holds (NaN gaps end a run).
    static func runs(_ n: Int, _ ok: (Int) -> Bool) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int? = nil
        for i in 0..<n {
            if ok(i) { if start == nil { start = i } }
            else if let s = start { out.append(s..<i); start = nil }
        }
        if let s = start { out.append(s..<n) }
        return out
    }

    private func drawBand(_ s: Series, colour: RGB) {
        guard let lo = s.lower, let hi = s.upper, s.bandOpacity > 0 else { return }
        // Points in x order, so the polygon does not cross itself.
        let order = s.x.indices.sorted { s.x[$0] < s.x[$1] }
        canvas.colour(colour, alpha: s.bandOpacity)
        for run in Self.runs(order.count, { lo[order[$0]].isFinite && hi[order[$0]].isFinite }) where run.count >= 2 {
            let idx = run.map { order[$0] }
            let px = idx.map { wx(s.x[$0]) } + idx.reversed().map { wx(s.x[$0]) }
            let py = idx.map { wy(hi[$0]) } + idx.reversed().map { wy(lo[$0]) }
            canvas.fill(px, py)
        }
    }

    private func drawSeries(_ s: Series, colour: RGB) {
        canvas.colour(colour)
        if s.mode == .line {
            canvas.width(1.6 * s.lineWidth)
            canvas.style(s.lineStyle)
            for run in Self.runs(s.x.count, { s.y[$0].isFinite }) where run.count >= 2 {
                canvas.line(run.map { wx(s.x[$0]) }, run.map { wy(s.y[$0]) })
            }
            canvas.style(.solid)
        }
        let marker = s.mode == .markers ? (s.marker ?? .circle) : s.marker
        if let m = marker {
            let idx = s.x.indices.filter { s.y[$0].isFinite }
            canvas.markers(idx.map { wx(s.x[$0]) }, idx.map { wy(s.y[$0]) }, marker: m,
                           scale: s.mode == .markers ? 0.75 : 0.65)
        }
    }

    private func drawReference(_ r: ReferenceLine, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        canvas.colour(r.colour)
        canvas.width(1.2 * r.lineWidth)
        canvas.style(r.lineStyle)
        switch r.kind {
        case .horizontal(let v):
            canvas.line([xRange.lowerBound, xRange.upperBound], [wy(v), wy(v)])
        case .vertical(let v):
            canvas.line([wx(v), wx(v)], [yRange.lowerBound, yRange.upperBound])
        case .diagonal(let a, let b):
            // Sampled along x so it is also right on log axes (where it is a curve).
            let n = (xLog || yLog) ? 200 : 2
            var px: [Double] = [], py: [Double] = []
            for k in 0...n - 1 {
                let w = xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(k) / Double(n - 1)
                let x = xLog ? pow(10, w) : w
                let y = a * x + b
                if yLog && y <= 0 { continue }
                px.append(w); py.append(wy(y))
            }
            canvas.line(px, py)
        }
        canvas.style(.solid)
    }
}
