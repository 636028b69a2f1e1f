/// A heat map: a value per (row, column) cell drawn as a colour, with a colour bar — e.g. a
/// phase diagram of a sweep (one parameter per axis, a claim's margin as the colour).
///
/// `values[i][j]` is the cell in row `i` and column `j`; row 0 is at the **bottom** (like a y
/// axis). A NaN cell is drawn light grey (missing); infinities are errors.
public struct HeatMap: Sendable, Hashable {
    /// How values map to colours.
    public enum ColourScale: String, Sendable, Hashable, CaseIterable {
        /// Viridis (perceptually uniform, colour-blind-safe): low = dark purple, high = yellow.
        case viridis
        /// Blue–white–red (ColorBrewer RdBu, reversed), centred on `centre`: for signed values.
        case diverging
    }

    /// The map's title (empty: none).
    public var title: String
    /// The x-axis label.
    public var xLabel: String
    /// The y-axis label.
    public var yLabel: String
    /// Column labels, left to right.
    public var columns: [String]
    /// Row labels, bottom to top.
    public var rows: [String]
    /// The cell values, `values[row][column]`, row 0 at the bottom.
    public var values: [[Double]]
    /// How values map to colours.
    public var colourScale: ColourScale
    /// Values mapped to the ends of the scale; nil = the data's range (diverging: symmetric
    /// around `centre`). Values outside are clamped.
    public var range: ClosedRange<Double>?
    /// The value drawn white on the diverging scale.
    public var centre: Double
    /// The colour bar's label.
    public var colourBarLabel: String
    /// Writes each cell's value (or its `cellLabels` entry) in the cell.
    public var showValues: Bool
    /// printf-style format of the values written in cells.
    public var valueFormat: String
    /// Text per cell instead of the value (same shape as `values`; "" = nothing).
    public var cellLabels: [[String]]?

    /// A heat map with every field given.
    public init(title: String = "", xLabel: String = "", yLabel: String = "",
                columns: [String], rows: [String], values: [[Double]],
                colourScale: ColourScale = .viridis, range: ClosedRange<Double>? = nil, centre: Double = 0,
                colourBarLabel: String = "", showValues: Bool = false, valueFormat: String = "%.2f",
                cellLabels: [[String]]? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.columns = columns; self.rows = rows; self.values = values
        self.colourScale = colourScale; self.range = range; self.centre = centre
        self.colourBarLabel = colourBarLabel; self.showValues = showValues
        self.valueFormat = valueFormat; self.cellLabels = cellLabels
    }
}
