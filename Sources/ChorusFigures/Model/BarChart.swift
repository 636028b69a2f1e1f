/// One group of a grouped bar chart: one value per category (e.g. one regime's flip rates
/// over the flip kinds), with optional error bars.
public struct BarGroup: Sendable, Hashable {
    public var name: String
    public var values: [Double]
    /// Lower ends of the error bars (absolute values, not offsets); nil = no error bars.
    public var lower: [Double]?
    /// Upper ends of the error bars (absolute values, not offsets).
    public var upper: [Double]?
    /// Colour; nil = `Palette.colour(index of the group)`.
    public var colour: RGB?

    public init(_ name: String, values: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                colour: RGB? = nil) {
        self.name = name; self.values = values; self.lower = lower; self.upper = upper
        self.colour = colour
    }
}

/// A grouped bar chart: categories along x, one bar per group within each category
/// (e.g. a flip matrix: categories = right→wrong, wrong→right, …; groups = regimes).
public struct BarChart: Sendable, Hashable {
    public var title: String
    public var categories: [String]
    public var groups: [BarGroup]
    public var xLabel: String
    public var yLabel: String
    /// Fixed y range; nil = from min(0, data) to max(0, data) plus a margin.
    public var yRange: ClosedRange<Double>?
    public var legend: LegendPlacement
    public var grid: Bool

    public init(title: String = "", categories: [String], groups: [BarGroup] = [],
                xLabel: String = "", yLabel: String = "", yRange: ClosedRange<Double>? = nil,
                legend: LegendPlacement = .below, grid: Bool = true) {
        self.title = title; self.categories = categories; self.groups = groups
        self.xLabel = xLabel; self.yLabel = yLabel; self.yRange = yRange
        self.legend = legend; self.grid = grid
    }
}

/// One panel of a `FigureGrid`.
public enum Panel: Sendable, Hashable {
    case line(LineChart)
    case bar(BarChart)
    case heatMap(HeatMap)
    /// An empty cell.
    case empty
}

/// Several charts in one file, `rows × columns`, filled row by row (e.g. a two-panel
/// accuracy / disagreement figure).
public struct FigureGrid: Sendable, Hashable {
    public var rows: Int
    public var columns: Int
    public var panels: [Panel]
    /// Optional title over the whole figure.
    public var title: String
    /// One legend for the whole figure, below the panels (the union of the panels' entries,
    /// by label), instead of one per panel: for small multiples whose panels share their
    /// series. Give series the same colour in every panel.
    public var sharedLegend: Bool

    public init(rows: Int, columns: Int, panels: [Panel], title: String = "", sharedLegend: Bool = false) {
        self.rows = rows; self.columns = columns; self.panels = panels; self.title = title
        self.sharedLegend = sharedLegend
    }
}
