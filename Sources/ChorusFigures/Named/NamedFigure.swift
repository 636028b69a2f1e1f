import Foundation

/// One figure of a run, as panels laid out at render time for the chosen paper width.
public struct NamedFigure: Sendable {
    /// File name without extension, e.g. `accuracy` (written as accuracy.png/.pdf/.svg).
    public var name: String
    /// One sentence on what the figure shows (gallery, `chorus figures` output).
    public var caption: String
    /// The figure's title (drawn only with `FigureStyle.titles`).
    public var title: String
    /// The panels, laid out at render time.
    public var panels: [Panel]
    /// One legend below all panels (small multiples that share their series).
    public var sharedLegend: Bool
    /// The width the figure is drawn at when none is asked for: a single column for one or
    /// two panels, both columns for more.
    public var naturalWidth: PaperWidth
    /// Most columns of panels (3; 2 for heat maps with long axis labels, which need the width).
    public var maxColumns: Int
    /// The narrowest a panel may be (inches): a heat map, with its row labels and colour bar,
    /// needs about 2.3 in, so at single-column width its panels go one per row.
    public var minPanelWidth: Double

    /// A figure with every field given.
    public init(name: String, caption: String, title: String, panels: [Panel], sharedLegend: Bool = false,
                naturalWidth: PaperWidth? = nil, maxColumns: Int = 3, minPanelWidth: Double? = nil) {
        self.name = name; self.caption = caption; self.title = title; self.panels = panels
        self.sharedLegend = sharedLegend
        self.naturalWidth = naturalWidth ?? (panels.count <= 1 ? .single : .double)
        self.maxColumns = max(1, maxColumns)
        let heatMaps = panels.contains { if case .heatMap = $0 { return true } else { return false } }
        self.minPanelWidth = minPanelWidth ?? (heatMaps ? 2.3 : 1.6)
    }

    /// Columns of panels at a width of `inches`: one column under 5 in (two for four panels or
    /// more), else up to three; never more than `limit`, nor so many that a panel is narrower
    /// than `minWidth` inches.
    static func columns(panels n: Int, inches: Double, limit: Int = 3, minWidth: Double = 1.6) -> Int {
        let fit = max(1, Int(inches / minWidth))
        if inches < 5 { return min(limit, fit, n >= 4 ? 2 : 1) }
        return min(limit, fit, 3, max(1, n))
    }

    /// The grid and size at `width` (nil = `naturalWidth`). A panel is about 0.72 times as
    /// high as it is wide, between 1.9 and 2.7 in; a shared legend adds a band.
    public func layout(width: PaperWidth? = nil) -> (grid: FigureGrid, size: FigureSize) {
        let w = width ?? naturalWidth
        let columns = Self.columns(panels: panels.count, inches: w.inches, limit: maxColumns, minWidth: minPanelWidth)
        let rows = (panels.count + columns - 1) / columns
        let cells = panels + Array(repeating: Panel.empty, count: rows * columns - panels.count)
        let perRow = min(2.7, max(1.9, 0.72 * w.inches / Double(columns)))
        // A single panel draws its own title; the figure's title would repeat it.
        let grid = FigureGrid(rows: rows, columns: columns, panels: cells, title: panels.count == 1 ? "" : title,
                              sharedLegend: sharedLegend)
        return (grid, w.size(rows: rows, rowHeight: perRow, extra: legendExtra(width: w.inches)))
    }

    /// Height (in) for legend rows beyond the first: a shared legend, or a lone panel's legend
    /// below it, with an entry about 1.4 in wide at 9 pt (1.75 character heights a row).
    func legendExtra(width inches: Double) -> Double {
        var labels: [String] = []
        for p in (sharedLegend || panels.count == 1 ? panels : []) {
            switch p {
            case .line(let c): labels += c.series.filter { $0.showInLegend }.map(\.name) + c.references.compactMap(\.label)
            case .bar(let b): labels += b.groups.map(\.name)
            default: break
            }
        }
        let n = Set(labels.filter { !$0.isEmpty }).count
        guard n > 0 else { return 0 }
        let widest = labels.map { TextMetrics.widthInEm($0) }.max() ?? 0
        let perEntry = (widest * 9 + 30) / 72   // label at ~9 pt plus sample and gap, in inches
        let columns = max(1, Int(inches * 0.9 / perEntry))
        let rows = (n + columns - 1) / columns
        return (sharedLegend ? 0.3 : 0) + Double(max(0, rows - 1)) * 0.17
    }

    /// Draws the figure into `dir` as `<prefix><name>.<format>` for each format; returns the files.
    public func render(into dir: URL, prefix: String = "", width: PaperWidth? = nil,
                       formats: [FigureFormat] = FigureFormat.allCases, style: FigureStyle = .paper) throws -> [URL] {
        let (grid, size) = layout(width: width)
        return try grid.render(toBase: dir.appendingPathComponent(prefix + name), formats: formats, size: size, style: style)
    }
}
