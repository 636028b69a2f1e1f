import Foundation

/// One point of a curve, a row of a curve table: the data of a figure as a tidy table (one
/// point a row, keyed by study, figure, panel and series, with the run's seed and size and the
/// point's replicate count on every row). `chorus validate` writes one such table per figure
/// (`<figure>.curves.csv`) and ChorusFigures draws the figure from it; nothing else describes the
/// figure.
public struct CurveRow: Sendable, Hashable {
    /// What a row's series is; ChorusFigures draws each kind its own way.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A Monte Carlo estimate: a line with markers, with its band when `lower`/`upper` are finite.
        case estimate
        /// A cloud of points (markers only).
        case points
        /// An analytic or fitted curve (dashed): the theory of the series of the same name in its
        /// panel (in that series' colour, no legend entry of its own), else a reference of its own.
        case theory
    }

    /// Study number (`chorus validate --study`).
    public var study: Int
    /// The figure's file name without extension, e.g. `study1_bias_vs_N`.
    public var figure: String
    /// The panel's title; panels are drawn in order of first appearance.
    public var panel: String
    /// The series' legend label (its key within the panel).
    public var series: String
    /// Series of one group share a line style and a colour cycle (e.g. answer against chain
    /// metrics); empty for none.
    public var group: String
    /// How the series is drawn: estimate, points or theory.
    public var kind: Kind
    /// The point's x coordinate.
    public var x: Double
    /// The point's y coordinate.
    public var y: Double
    /// The lower end of the 95% interval of `y` (NaN when the point has none).
    public var lower: Double
    /// The upper end of the 95% interval of `y` (NaN when the point has none).
    public var upper: Double
    /// Monte Carlo replicates behind the point (1 for an exact or analytic value).
    public var replicates: Int
    /// The run's root seed (`--seed`).
    public var seed: UInt64
    /// `quick` or `full` (`--quick`).
    public var size: String

    /// A row with every field given; without an interval `lower` and `upper` are NaN.
    public init(study: Int, figure: String, panel: String, series: String, group: String = "", kind: Kind,
                x: Double, y: Double, lower: Double = .nan, upper: Double = .nan, replicates: Int, seed: UInt64, size: String) {
        self.study = study; self.figure = figure; self.panel = panel; self.series = series; self.group = group
        self.kind = kind; self.x = x; self.y = y; self.lower = lower; self.upper = upper
        self.replicates = replicates; self.seed = seed; self.size = size
    }

    /// Equal cell by cell, NaN equal to NaN (as the table writes them: `NA`).
    public static func == (a: CurveRow, b: CurveRow) -> Bool {
        CurveTable.cells(a) == CurveTable.cells(b)
    }

    public func hash(into h: inout Hasher) { h.combine(CurveTable.cells(self)) }
}

/// The curve table's columns, writer and reader (docs/validation.md, "Figure tables").
public enum CurveTable {
    /// The file of a figure's curve table: `<figure>.curves.csv` (beside tables of the same stem).
    public static func fileName(figure: String) -> String { figure + ".curves.csv" }

    /// The columns, in order.
    public static let columns = ["study", "figure", "panel", "series", "group", "kind", "x", "y", "lower", "upper",
                                 "replicates", "seed", "size"]

    /// A row's cells, numbers in `NumberText`'s round-trip form.
    static func cells(_ r: CurveRow) -> [String] {
        [String(r.study), r.figure, r.panel, r.series, r.group, r.kind.rawValue, NumberText.cell(r.x), NumberText.cell(r.y),
         NumberText.cell(r.lower), NumberText.cell(r.upper), String(r.replicates), String(r.seed), r.size]
    }

    /// The rows as a table.
    public static func table(_ rows: [CurveRow]) -> TidyTable {
        TidyTable(columns: columns, rows: rows.map(cells))
    }

    /// The rows of a curve table read from `path` (named in errors).
    /// - Throws: `TableError.missingColumn`, or `.malformed` naming the line and column of a bad cell.
    public static func rows(_ t: TidyTable, path: String) throws -> [CurveRow] {
        var index: [String: Int] = [:]
        for (i, c) in t.columns.enumerated() where index[c] == nil { index[c] = i }
        for c in columns where index[c] == nil { throw TableError.missingColumn(path: path, column: c) }
        return try t.rows.enumerated().map { (n, cells) in
            func cell(_ c: String) -> String { cells[index[c]!] }
            func bad(_ c: String, _ expected: String) -> TableError {
                .malformed(path: path, line: n + 2, reason: "column '\(c)': '\(cell(c))' is not \(expected)")
            }
            func number(_ c: String) throws -> Double {
                guard let v = NumberText.parseCell(cell(c)) else { throw bad(c, "a number") }
                return v
            }
            guard let study = Int(cell("study")) else { throw bad("study", "a whole number") }
            guard let kind = CurveRow.Kind(rawValue: cell("kind")) else {
                throw bad("kind", "one of " + CurveRow.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let replicates = Int(cell("replicates")), replicates >= 1 else { throw bad("replicates", "a whole number ≥ 1") }
            guard let seed = UInt64(cell("seed")) else { throw bad("seed", "a seed (a whole number ≥ 0)") }
            return CurveRow(study: study, figure: cell("figure"), panel: cell("panel"), series: cell("series"), group: cell("group"),
                            kind: kind, x: try number("x"), y: try number("y"), lower: try number("lower"), upper: try number("upper"),
                            replicates: replicates, seed: seed, size: cell("size"))
        }
    }

    /// Reads a curve table.
    /// - Throws: `TableError`, `FileIOError`.
    public static func read(from url: URL) throws -> [CurveRow] {
        try rows(TidyTable.read(from: url), path: url.path)
    }
}
