/// One series of a line chart: points (x, y), an optional shaded band [lower, upper]
/// (e.g. a 95% confidence interval), and its look.
///
/// Missing values: a NaN in `y` (or in a band bound) leaves a gap in the line (or band);
/// infinite values and non-finite `x` are errors (`FigureError.invalidData`).
public struct Series: Sendable, Hashable {
    /// How the points are drawn.
    public enum Mode: String, Sendable, Hashable {
        /// A line through the points (plus markers if `marker` is set).
        case line
        /// Markers only (a scatter plot); `marker` defaults to a circle.
        case markers
    }

    /// The series' legend label.
    public var name: String
    /// The x coordinates.
    public var x: [Double]
    /// The y coordinates, same length as x (NaN: a gap).
    public var y: [Double]
    /// Lower edge of the shaded band, same length as x (nil = no band).
    public var lower: [Double]?
    /// Upper edge of the shaded band, same length as x (nil = no band).
    public var upper: [Double]?
    /// Colour; nil = `Palette.colour(index of the series)`.
    public var colour: RGB?
    /// How the line is dashed.
    public var lineStyle: LineStyle
    /// Line width relative to the default (1 = default).
    public var lineWidth: Double
    /// The point marker; nil: none (a circle in `markers` mode).
    public var marker: Marker?
    /// A line through the points, or markers only.
    public var mode: Mode
    /// Opacity of the band, 0...1.
    public var bandOpacity: Double
    /// Whether the series gets a legend entry (an empty name never does).
    public var showInLegend: Bool

    /// A series with every field given.
    public init(_ name: String, x: [Double], y: [Double],
                lower: [Double]? = nil, upper: [Double]? = nil,
                colour: RGB? = nil, lineStyle: LineStyle = .solid, lineWidth: Double = 1,
                marker: Marker? = nil, mode: Mode = .line, bandOpacity: Double = 0.2,
                showInLegend: Bool = true) {
        self.name = name; self.x = x; self.y = y; self.lower = lower; self.upper = upper
        self.colour = colour; self.lineStyle = lineStyle; self.lineWidth = lineWidth
        self.marker = marker; self.mode = mode; self.bandOpacity = bandOpacity
        self.showInLegend = showInLegend
    }

    /// A scatter series (markers only).
    public static func scatter(_ name: String, x: [Double], y: [Double], colour: RGB? = nil,
                               marker: Marker = .circle) -> Series {
        Series(name, x: x, y: y, colour: colour, marker: marker, mode: .markers)
    }
}

/// A straight reference line across the plot: y = x for "predicted vs exact", a horizontal
/// theory or zero line, a vertical marker.
public struct ReferenceLine: Sendable, Hashable {
    /// Where the line runs.
    public enum Kind: Sendable, Hashable {
        /// y = value.
        case horizontal(Double)
        /// x = value.
        case vertical(Double)
        /// y = slope · x + intercept (in data coordinates, on linear axes).
        case diagonal(slope: Double, intercept: Double)
    }

    /// Where the line runs.
    public var kind: Kind
    /// Legend label; nil or empty = no legend entry.
    public var label: String?
    /// The line's colour.
    public var colour: RGB
    /// How the line is dashed.
    public var lineStyle: LineStyle
    /// Line width relative to the default.
    public var lineWidth: Double

    /// A reference line with every field given.
    public init(_ kind: Kind, label: String? = nil, colour: RGB = .grey,
                lineStyle: LineStyle = .dashed, lineWidth: Double = 1) {
        self.kind = kind; self.label = label; self.colour = colour
        self.lineStyle = lineStyle; self.lineWidth = lineWidth
    }

    /// The identity line y = x.
    public static func identity(label: String? = "y = x") -> ReferenceLine {
        ReferenceLine(.diagonal(slope: 1, intercept: 0), label: label)
    }

    /// A horizontal line y = value (e.g. the zero line of a bias plot).
    public static func horizontal(_ y: Double, label: String? = nil, colour: RGB = .grey,
                                  lineStyle: LineStyle = .dashed) -> ReferenceLine {
        ReferenceLine(.horizontal(y), label: label, colour: colour, lineStyle: lineStyle)
    }
}

/// A line chart: several series with optional confidence bands, reference lines and a legend.
///
/// ```swift
/// var chart = LineChart(title: "Accuracy", xLabel: "iteration", yLabel: "accuracy")
/// chart.series.append(Series("multiagent", x: its, y: acc, lower: lo, upper: hi))
/// try chart.render(to: URL(fileURLWithPath: "figures/accuracy.png"))
/// ```
public struct LineChart: Sendable, Hashable {
    /// The chart's title (empty: none).
    public var title: String
    /// The x axis: label, range and scale.
    public var xAxis: Axis
    /// The y axis: label, range and scale.
    public var yAxis: Axis
    /// The series, drawn in order.
    public var series: [Series]
    /// Reference lines drawn under the series.
    public var references: [ReferenceLine]
    /// Where the legend goes.
    public var legend: LegendPlacement
    /// Light grid lines at the major ticks.
    public var grid: Bool

    /// A line chart with every field given.
    public init(title: String = "", xLabel: String = "", yLabel: String = "",
                series: [Series] = [], references: [ReferenceLine] = [],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                logX: Bool = false, logY: Bool = false,
                legend: LegendPlacement = .below, grid: Bool = true) {
        self.title = title
        self.xAxis = Axis(xLabel, range: xRange, scale: logX ? .log10 : .linear)
        self.yAxis = Axis(yLabel, range: yRange, scale: logY ? .log10 : .linear)
        self.series = series; self.references = references
        self.legend = legend; self.grid = grid
    }
}
