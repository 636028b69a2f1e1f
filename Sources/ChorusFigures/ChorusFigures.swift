// ChorusFigures: paper-ready charts drawn with PLplot's cairo drivers.
//
// API (plain Swift values; no PLplot type is public):
//
//   var chart = LineChart(title: "Held-out accuracy", xLabel: "iteration", yLabel: "accuracy",
//                         logX: false, legend: .below)
//   chart.series.append(Series("multiagent", x: iters, y: mean, lower: lo95, upper: hi95))
//   chart.series.append(Series("single-agent", x: iters, y: mean2, lineStyle: .dashed, marker: .square))
//   chart.series.append(.scatter("runs", x: exact, y: estimated))            // markers only
//   chart.references.append(.identity())                                     // y = x
//   chart.references.append(.horizontal(0, label: "zero"))                  // dashed grey line
//   try chart.render(to: URL(fileURLWithPath: "figures/accuracy.png"))       // .png/.svg/.pdf
//   try chart.render(to: url, format: .pdf, size: FigureSize(width: 800, height: 500))
//
//   Series("mean ± CI", x: xs, summaries: summaries)   // from Describe.tInterval / bootstrap
//   try FigureOutput.check(url)                         // fail early on a bad path/extension
//
//   BarChart(title:categories:groups:[BarGroup(name, values:, lower:, upper:)]) — grouped bars
//   with error bars (flip matrices); HeatMap(columns:rows:values:colourScale:) — phase diagrams
//   with a colour bar (viridis or diverging); FigureGrid(rows:columns:panels:[.line(c1), .bar(b)]) —
//   several panels in one file. Every figure type conforms to `Figure` (`render(to:format:size:)`).
//
// Paper figures: `render(to:format:size:style:)` with `FigureStyle.paper` sets text in points
// (9 pt, never under 8 pt) and lines in points (≥ 0.75 pt), sizes in points
// (`FigureSize.inches(3.5, 2.6)`, `PaperWidth.single/.double`), PNG at a dpi recorded in the file,
// optional titles and panel letters; the default `render(to:format:size:)` keeps the screen look.
//
// Named figures (Named/): `NamedFigure` (a figure laid out for a paper width), `EstimatorBias`
// (the `chorus demo` study: estimators' bias against N) and `ValidationFigures` (the
// `chorus validate` figures, from the studies' curve tables `<figure>.curves.csv`);
// `RunFigures.figures(for: runDir)` — every figure of a run directory drawn from its tables
// (`SimulationRunFigures` from summary.csv/metrics.csv, `AnalyzeRunFigures` from the analyze
// CSVs, `ValidationFigures` for a validate folder), as `NamedFigure`s (`chorus figures`).
// The module reads tables and metric names only (ChorusStats, ChorusRecords, ChorusAnalysis).
//
// Colours default to the Okabe–Ito colour-blind-safe palette by series index. A NaN y (or band
// bound) leaves a gap; infinities, empty series and mismatched lengths are `FigureError`s.
// Unknown formats, missing PLplot devices and unwritable paths are `FigureError`s raised before
// PLplot starts (PLplot itself would exit() or prompt). All rendering in the process is
// serialised behind one lock (PLplot is not thread-safe); each figure uses its own PLplot
// stream and is written atomically (temporary file in the destination folder, then rename).
import Foundation

/// Anything that can be drawn to a PNG, SVG or PDF file.
public protocol Figure: Sendable {
    /// Checks the data without drawing.
    func validate() throws
    /// Draws the figure to `url`. The format comes from `format`, or else from the file
    /// extension (.png, .svg, .pdf); `size` is in points (a PNG has size × dpi / 72 pixels),
    /// `style` sets the text and line sizes, the PNG resolution, titles and panel letters.
    /// - Throws: `FigureError`.
    func render(to url: URL, format: FigureFormat?, size: FigureSize, style: FigureStyle) throws
}

extension Figure {
    /// Draws the figure in the screen style (text scales with `size`; a PNG of `size` pixels).
    public func render(to url: URL, format: FigureFormat? = nil, size: FigureSize = .paper) throws {
        try render(to: url, format: format, size: size, style: .screen)
    }

    /// Draws the figure once per format as `<base>.png`, `<base>.pdf`, `<base>.svg`; returns the files.
    @discardableResult
    public func render(toBase base: URL, formats: [FigureFormat] = FigureFormat.allCases, size: FigureSize,
                       style: FigureStyle) throws -> [URL] {
        try formats.map { f in
            let url = base.appendingPathExtension(f.rawValue)
            try render(to: url, format: f, size: size, style: style)
            return url
        }
    }
}

extension LineChart: Figure {
    public func render(to url: URL, format: FigureFormat?, size: FigureSize, style: FigureStyle) throws {
        try validate()
        try FigureRenderer.render(FigureGrid(rows: 1, columns: 1, panels: [.line(self)]), to: url, format: format, size: size, style: style)
    }
}

extension BarChart: Figure {
    public func render(to url: URL, format: FigureFormat?, size: FigureSize, style: FigureStyle) throws {
        try validate()
        try FigureRenderer.render(FigureGrid(rows: 1, columns: 1, panels: [.bar(self)]), to: url, format: format, size: size, style: style)
    }
}

extension HeatMap: Figure {
    public func render(to url: URL, format: FigureFormat?, size: FigureSize, style: FigureStyle) throws {
        try validate()
        try FigureRenderer.render(FigureGrid(rows: 1, columns: 1, panels: [.heatMap(self)]), to: url, format: format, size: size, style: style)
    }
}

extension FigureGrid: Figure {
    public func render(to url: URL, format: FigureFormat?, size: FigureSize, style: FigureStyle) throws {
        try validate()
        try FigureRenderer.render(self, to: url, format: format, size: size, style: style)
    }
}

/// Checks an output path before expensive work: the format and the destination's writability.
public enum FigureOutput {
    /// - Throws: `FigureError.unknownFormat` or `.cannotWrite`, exactly as `render` would.
    public static func check(_ url: URL, format: FigureFormat? = nil) throws {
        _ = try format ?? FigureFormat(path: url)
        try FigureRenderer.checkDestination(url)
    }
}
