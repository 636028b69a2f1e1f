/// One group of a grouped bar chart: one value per category (e.g. one regime's flip rates
/// over the flip kinds), with optional error bars.
public struct BarGroup: Sendable, Hashable {
    /// The group's legend label (e.g. a regime).
    public var name: String
    /// One bar height per category of the chart.
    public var values: [Double]
    /// Lower ends of the error bars (absolute values, not offsets); nil = no error bars.
    public var lower: [Double]?
    /// Upper ends of the error bars (absolute values, not offsets).
    public var upper: [Double]?
    /// Colour; nil = `Palette.colour(index of the group)`.
    public var colour: RGB?

    /// A group with one value per category and optional error bars and colour.
    public init(_ name: String, values: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                colour: RGB? = nil) {
        self.name = name; self.values = values; self.lower = lower; self.upper = upper
        self.colour = colour
    }
}

/// A grouped bar chart: categories along x, one bar per group within each category
/// (e.g. a flip matrix: categories = right→wrong, wrong→right, …; groups = regimes).
public struct BarChart: Sendable, Hashable {
    /// The chart's title (empty: none).
    public var title: String
    /// The category labels along the x axis, left to right.
    public var categories: [String]
    /// The groups, drawn side by side within each category.
    public var groups: [BarGroup]
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// Fixed y range; nil = from min(0, data) to max(0, data) plus a margin.
    public var yRange: ClosedRange<Double>?
    /// Where the legend of the groups goes.
    public var legend: LegendPlacement
    /// Light horizontal grid lines at the major ticks.
    public var grid: Bool

    /// A bar chart with every field given.
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
    /// A line chart.
    case line(LineChart)
    /// A bar chart.
    case bar(BarChart)
    /// A heat map.
    case heatMap(HeatMap)
    /// An empty cell.
    case empty
}

/// Several charts in one file, `rows × columns`, filled row by row (e.g. a two-panel
/// accuracy / disagreement figure).
public struct FigureGrid: Sendable, Hashable {
    /// Rows of panels.
    public var rows: Int
    /// Columns of panels.
    public var columns: Int
    /// The panels, row by row from the top left (at most rows × columns).
    public var panels: [Panel]
    /// Optional title over the whole figure.
    public var title: String
    /// One legend for the whole figure, below the panels (the union of the panels' entries,
    /// by label), instead of one per panel: for small multiples whose panels share their
    /// series. Give series the same colour in every panel.
    public var sharedLegend: Bool

    /// A grid with every field given.
    public init(rows: Int, columns: Int, panels: [Panel], title: String = "", sharedLegend: Bool = false) {
        self.rows = rows; self.columns = columns; self.panels = panels; self.title = title
        self.sharedLegend = sharedLegend
    }
}
