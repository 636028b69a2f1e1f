internal import CPLplot
import Foundation

/// What a plot's frame needs to know: texts, ticks, world ranges, legend.
struct AxesSpec {
    var title: String
    var xLabel: String
    var yLabel: String
    var xTicks: Ticks
    var yTicks: Ticks
    /// World ranges (log10 of the data on log axes).
    var xWorld: ClosedRange<Double>
    var yWorld: ClosedRange<Double>
    var xLog = false
    var yLog = false
    /// Category axis (bar charts): no tick marks on x, labels may shrink to fit.
    var xCategorical = false
    /// Category axis on y (heat maps): no tick marks on y.
    var yCategorical = false
    /// Room kept free right of the plot (mm), e.g. for a colour bar.
    var rightExtra = 0.0
    var grid = true
    var legend: LegendPlacement = .below
    var entries: [LegendEntry] = []
    /// Panel letter drawn in the cell's top-left corner, e.g. "(a)"; empty = none.
    var letter = ""
}

extension AxesSpec {
    /// The same spec with a panel letter.
    func with(letter: String) -> AxesSpec { var s = self; s.letter = letter; return s }
}

/// The frame of one plot in a cell of the page: margins, grid, box, ticks, labels, title and
/// legend. All lengths in millimetres, scaled from the canvas' character height.
struct Axes {
    let spec: AxesSpec
    let canvas: Canvas
    let cell: Rect
    /// The plotting area (inside the axes).
    private(set) var plot = Rect(x0: 0, y0: 0, x1: 1, y1: 1)
    private var legendColumns = 1
    private var legend: LegendLayout
    private var h: Double { canvas.charHeight }
    /// Left edge of the room for the title: right of the panel letter.
    private var titleLeft: Double {
        spec.letter.isEmpty ? cell.x0 : cell.x0 + 0.3 * h + canvas.textWidth(spec.letter, scale: Axes.labelScale) + 0.6 * h
    }
    /// Scale of the x tick labels (categories shrink to fit their slot).
    private var xLabelScale = 1.0
    /// Category labels split into lines (bar charts); one line each otherwise.
    private var xTickLines: [[String]] = []
    /// Extra height taken by second lines of category labels (mm).
    private var xTickExtra = 0.0
    private var titleScale = Axes.titleScale
    private var xAxisLabelScale = Axes.labelScale
    private var yAxisLabelScale = Axes.labelScale
    /// The texts drawn (cut with "…" when they cannot shrink enough to fit).
    private var titleText: String
    private var xLabelText: String
    private var yLabelText: String
    static let titleScale = 1.2
    static let labelScale = 1.08

    init(spec: AxesSpec, canvas: Canvas, cell: Rect) {
        self.spec = spec; self.canvas = canvas; self.cell = cell
        titleText = spec.title; xLabelText = spec.xLabel; yLabelText = spec.yLabel
        let shown = spec.legend == .none ? [] : spec.entries
        self.legend = LegendLayout(entries: shown, canvas: canvas)
        layout()
    }

    private var yTickWidth: Double { spec.yTicks.labels.map { canvas.textWidth($0) }.max() ?? 0 }

    /// Splits a category label into at most two lines: at explicit newlines, or at the space
    /// nearest its middle.
    static func split(_ label: String) -> [String] {
        if label.contains("\n") { return label.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        let chars = Array(label)
        let spaces = chars.indices.filter { chars[$0] == " " }
        guard let cut = spaces.min(by: { abs($0 - chars.count / 2) < abs($1 - chars.count / 2) }) else { return [label] }
        return [String(chars[..<cut]), String(chars[(cut + 1)...])]
    }

    private mutating func layout() {
        var top = spec.title.isEmpty ? 1.0 * h : 2.6 * h
        if !spec.letter.isEmpty { top = max(top, 2.0 * h) }
        var left = 0.8 * h + yTickWidth + 0.7 * h
        if !spec.yLabel.isEmpty { left += 1.9 * h }
        // Half of the last x tick label may stick out to the right of the plot.
        var right = max(1.2 * h, 0.5 * (spec.xTicks.labels.last.map { canvas.textWidth($0) } ?? 0) + 0.4 * h)
        if spec.xCategorical { right = 1.2 * h }
        right += spec.rightExtra
        if !legend.entries.isEmpty && spec.legend == .right {
            legend.fit(width: 0.4 * cell.width)
            right = legend.widest + 2.4 * h
        }

        // Category labels: one line if they fit their slot, else two lines, shrunk if need be.
        xTickLines = spec.xTicks.labels.map { [$0] }
        if spec.xCategorical, !spec.xTicks.values.isEmpty {
            let slot = (cell.width - left - right) / Double(spec.xTicks.values.count)
            func widest(_ lines: [[String]]) -> Double { lines.flatMap { $0 }.map { canvas.textWidth($0) }.max() ?? 0 }
            if widest(xTickLines) > 0.95 * slot || spec.xTicks.labels.contains(where: { $0.contains("\n") }) {
                xTickLines = spec.xTicks.labels.map(Axes.split)
            }
            let w = widest(xTickLines)
            if w > 0.95 * slot { xLabelScale = canvas.readable(max(0.6, 0.95 * slot / w)) }
            // Still too wide at the smallest readable size: cut each line with an ellipsis.
            xTickLines = xTickLines.map { $0.map { Axes.cut($0, toWidth: 0.95 * slot, scale: xLabelScale, canvas: canvas) } }
            let lines = xTickLines.map(\.count).max() ?? 1
            xTickExtra = Double(lines - 1) * 1.15 * h * xLabelScale
        }

        var bottom = 2.7 * h + xTickExtra
        if !spec.xLabel.isEmpty { bottom += 1.9 * h }
        if !legend.entries.isEmpty {
            switch spec.legend {
            case .below:
                legend.fit(width: cell.width - 1.0 * h)
                legendColumns = legend.columns(fitting: cell.width - left - right)
                bottom += legend.height(columns: legendColumns) + 0.6 * h
            default:
                legendColumns = 1
            }
        }
        plot = Rect(x0: cell.x0 + left, y0: cell.y0 + bottom, x1: cell.x1 - right, y1: cell.y1 - top)
        if plot.width < 4 * h || plot.height < 4 * h {
            // Degenerate cell: keep a minimal plot so PLplot never sees an empty viewport.
            plot = Rect(x0: cell.x0 + 0.1 * cell.width, y0: cell.y0 + 0.1 * cell.height,
                        x1: cell.x1 - 0.05 * cell.width, y1: cell.y1 - 0.05 * cell.height)
        }
        if [.topLeft, .topRight, .bottomLeft, .bottomRight].contains(spec.legend) {
            legend.fit(width: 0.6 * plot.width)
        }
        // Titles and axis labels shrink (never grow) to fit.
        // Text that cannot shrink enough (a minimum size in points) is cut with an ellipsis.
        if !spec.title.isEmpty {
            // Panel titles in points are only slightly larger than the labels; room is the cell
            // right of the panel letter.
            let room = cell.x1 - 0.5 * h - titleLeft
            let largest = canvas.physical ? Axes.labelScale : Axes.titleScale
            titleScale = canvas.readable(min(largest, room / canvas.textWidth(spec.title)))
            titleText = Axes.cut(spec.title, toWidth: room, scale: titleScale, canvas: canvas)
        }
        if !spec.xLabel.isEmpty {
            xAxisLabelScale = canvas.readable(min(Axes.labelScale, plot.width / canvas.textWidth(spec.xLabel)))
            xLabelText = Axes.cut(spec.xLabel, toWidth: plot.width, scale: xAxisLabelScale, canvas: canvas)
        }
        if !spec.yLabel.isEmpty {
            yAxisLabelScale = canvas.readable(min(Axes.labelScale, plot.height / canvas.textWidth(spec.yLabel)))
            yLabelText = Axes.cut(spec.yLabel, toWidth: plot.height, scale: yAxisLabelScale, canvas: canvas)
        }
    }

    /// `text`, shortened with "…" until it is at most `width` mm wide at `scale`.
    static func cut(_ text: String, toWidth width: Double, scale: Double, canvas: Canvas) -> String {
        guard canvas.textWidth(text, scale: scale) > width * 1.001 else { return text }
        var t = text
        while t.count > 1 && canvas.textWidth(t + "…", scale: scale) > width { t.removeLast() }
        return t.trimmingCharacters(in: .whitespaces) + "…"
    }

    var world: Rect {
        Rect(x0: spec.xWorld.lowerBound, y0: spec.yWorld.lowerBound,
             x1: spec.xWorld.upperBound, y1: spec.yWorld.upperBound)
    }

    /// Page position (mm) of a world x / y.
    func pageX(_ wx: Double) -> Double {
        plot.x0 + (wx - spec.xWorld.lowerBound) / (spec.xWorld.upperBound - spec.xWorld.lowerBound) * plot.width
    }
    func pageY(_ wy: Double) -> Double {
        plot.y0 + (wy - spec.yWorld.lowerBound) / (spec.yWorld.upperBound - spec.yWorld.lowerBound) * plot.height
    }
    private func worldX(_ v: Double) -> Double { spec.xLog ? log10(v) : v }
    private func worldY(_ v: Double) -> Double { spec.yLog ? log10(v) : v }

    /// Switches to the plot's world coordinates (clipped to the plot area).
    func enterPlot() { canvas.useArea(plot, world: world) }

    /// Light grid lines at the labelled ticks.
    func drawGrid() {
        guard spec.grid else { return }
        enterPlot()
        canvas.colour(RGB(hex: 0xE3E3E3))
        canvas.width(0.45)
        canvas.style(.solid)
        let w = world
        if !spec.xCategorical {
            for v in spec.xTicks.values { let x = worldX(v); canvas.line([x, x], [w.y0, w.y1]) }
        }
        for v in spec.yTicks.values { let y = worldY(v); canvas.line([w.x0, w.x1], [y, y]) }
    }

    /// The black box with tick marks, tick labels, axis labels and title.
    func drawFrame() {
        enterPlot()
        canvas.colour(.black)
        canvas.width(0.6)
        canvas.style(.solid)
        c_plsmaj(0.55 * h, 1)
        c_plsmin(0.3 * h, 1)
        let xopt: String, yopt: String
        let xstep: Double, ystep: Double
        if spec.xCategorical { xopt = "bc"; xstep = 0 }
        else if spec.xLog { xopt = "bcstl"; xstep = 0 }
        else { xopt = "bct"; xstep = spec.xTicks.step }
        if spec.yCategorical { yopt = "bc"; ystep = 0 }
        else if spec.yLog { yopt = "bcstl"; ystep = 0 } else { yopt = "bct"; ystep = spec.yTicks.step }
        c_plbox(xopt, xstep, 0, yopt, ystep, 0)

        canvas.usePage()
        canvas.colour(.black)
        let wx = spec.xWorld, wy = spec.yWorld
        for (v, lines) in zip(spec.xTicks.values, xTickLines) {
            let x = spec.xCategorical ? v : worldX(v)
            guard x >= wx.lowerBound - 1e-9 * abs(wx.upperBound - wx.lowerBound), x <= wx.upperBound + 1e-9 * abs(wx.upperBound - wx.lowerBound) else { continue }
            for (i, s) in lines.enumerated() {
                canvas.text(s, x: pageX(x), y: plot.y0 - 1.25 * h - Double(i) * 1.15 * h * xLabelScale, just: 0.5, scale: xLabelScale)
            }
        }
        for (v, s) in zip(spec.yTicks.values, spec.yTicks.labels) {
            let y = worldY(v)
            guard y >= wy.lowerBound - 1e-9 * abs(wy.upperBound - wy.lowerBound), y <= wy.upperBound + 1e-9 * abs(wy.upperBound - wy.lowerBound) else { continue }
            canvas.text(s, x: plot.x0 - 0.7 * h, y: pageY(y), just: 1)
        }
        if !xLabelText.isEmpty {
            canvas.text(xLabelText, x: (plot.x0 + plot.x1) / 2, y: plot.y0 - 3.4 * h - xTickExtra, just: 0.5, scale: xAxisLabelScale)
        }
        if !yLabelText.isEmpty {
            canvas.text(yLabelText, x: plot.x0 - 0.7 * h - yTickWidth - 1.35 * h, y: (plot.y0 + plot.y1) / 2,
                        just: 0.5, vertical: true, scale: yAxisLabelScale)
        }
        if !spec.letter.isEmpty {
            canvas.text(spec.letter, x: cell.x0 + 0.3 * h, y: cell.y1 - 0.8 * h, just: 0, scale: Axes.labelScale)
        }
        if !titleText.isEmpty {
            // Centred over the plot, but kept inside the cell (and clear of the panel letter).
            let half = canvas.textWidth(titleText, scale: titleScale) / 2
            let xc = min(max((plot.x0 + plot.x1) / 2, titleLeft + half), cell.x1 - 0.5 * h - half)
            canvas.text(titleText, x: xc, y: plot.y1 + 1.35 * h, just: 0.5, scale: titleScale)
        }
    }

    /// The legend where the spec puts it.
    func drawLegend() {
        guard !legend.entries.isEmpty else { return }
        let inset = 0.9 * h
        switch spec.legend {
        case .none: return
        case .below:
            let w = legend.width(columns: legendColumns)
            // Centred under the plot, but kept inside the cell.
            let x = max(cell.x0 + 0.5 * h, min((plot.x0 + plot.x1) / 2 - w / 2, cell.x1 - 0.5 * h - w))
            let yTop = plot.y0 - 2.3 * h - xTickExtra - (spec.xLabel.isEmpty ? 0 : 1.9 * h) - 0.3 * h
            legend.draw(x: x, yTop: yTop, columns: legendColumns, framed: false)
        case .right:
            legend.draw(x: plot.x1 + 1.4 * h, yTop: plot.y1, columns: 1, framed: false)
        case .topLeft:
            legend.draw(x: plot.x0 + inset, yTop: plot.y1 - inset, columns: 1, framed: true)
        case .topRight:
            legend.draw(x: plot.x1 - inset - legend.width(columns: 1), yTop: plot.y1 - inset, columns: 1, framed: true)
        case .bottomLeft:
            legend.draw(x: plot.x0 + inset, yTop: plot.y0 + inset + legend.height(columns: 1), columns: 1, framed: true)
        case .bottomRight:
            legend.draw(x: plot.x1 - inset - legend.width(columns: 1), yTop: plot.y0 + inset + legend.height(columns: 1),
                        columns: 1, framed: true)
        }
    }
}
