import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis

/// Options shared by the validation studies.
public struct ValidationOptions: Sendable {
    /// Root seed; every random draw of a study flows from `SeedStream(seed:)` children.
    public var seed: UInt64
    /// Smaller sizes (for tests and smoke runs); the analytic checks still apply, with
    /// tolerances that follow from the larger Monte Carlo error.
    public var quick: Bool
    /// Threads for the Monte Carlo loops (results do not depend on it); nil = all cores.
    public var threads: Int?
    /// Options with every field given; the defaults are those of `chorus validate`.
    public init(seed: UInt64 = 20250101, quick: Bool = false, threads: Int? = nil) {
        self.seed = seed; self.quick = quick; self.threads = threads
    }
}

/// One pass/fail line of a study: a measured value against its reference.
public struct Check: Sendable, Equatable {
    /// What a check compares a measured value with.
    public enum Kind: String, Sendable {
        /// Against an analytic value, with a tolerance from the Monte Carlo error
        /// (plus a stated truncation allowance where the theory is an expansion).
        case analytic
        /// The sign or ordering that a theory predicts, without an analytic value.
        case direction
    }
    /// The study's number, 1–7.
    public var study: Int
    /// What is checked, in one line.
    public var name: String
    /// Analytic or direction.
    public var kind: Kind
    /// The measured value.
    public var measured: Double
    /// The analytic value, or the reference a direction must exceed.
    public var expected: Double
    /// Allowed |measured − expected| (analytic) — or the margin a direction must clear.
    public var tolerance: Double
    /// Whether the check passed.
    public var passed: Bool
    /// How the tolerance was derived, and anything else a reader needs.
    public var detail: String

    /// An analytic check: passes when |measured − expected| ≤ tolerance.
    public static func analytic(_ study: Int, _ name: String, measured: Double, expected: Double,
                                tolerance: Double, detail: String) -> Check {
        Check(study: study, name: name, kind: .analytic, measured: measured, expected: expected,
              tolerance: tolerance, passed: abs(measured - expected) <= tolerance && measured.isFinite, detail: detail)
    }

    /// A direction check: passes when measured − reference > margin.
    public static func direction(_ study: Int, _ name: String, measured: Double, reference: Double,
                                 margin: Double, detail: String) -> Check {
        Check(study: study, name: name, kind: .direction, measured: measured, expected: reference,
              tolerance: margin, passed: measured - reference > margin, detail: detail)
    }

    /// The printed line: PASS/FAIL, name, measured vs expected ± tolerance.
    public var line: String {
        let op = kind == .analytic ? "vs" : "exceeds"
        return "\(passed ? "PASS" : "FAIL")  [\(study)] \(name): \(fmt(measured)) \(op) \(fmt(expected)) "
            + (kind == .analytic ? "± \(fmt(tolerance))" : "by > \(fmt(tolerance))") + "  (\(detail))"
    }
}

/// One line series of a study figure.
public struct StudySeries: Sendable {
    public enum Style: String, Sendable { case line, dashed, markers }
    public var name: String
    public var x: [Double], y: [Double]
    public var lower: [Double]?, upper: [Double]?
    public var style: Style
    /// Palette index of the colour; nil = the series' position (dashed lines: black).
    public var colour: Int?
    public init(_ name: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil, style: Style = .line, colour: Int? = nil) {
        self.name = name; self.x = x; self.y = y; self.lower = lower; self.upper = upper; self.style = style; self.colour = colour
    }
}

/// One panel of a study figure (ChorusAnalysis does not draw; `chorus validate` renders these
/// with ChorusFigures).
public struct StudyPanel: Sendable {
    public var title: String, xLabel: String, yLabel: String
    public var logX = false, logY = false
    public var series: [StudySeries]
    /// Draw y = x.
    public var identity = false
    /// Horizontal reference lines.
    public var horizontal: [Double] = []
    /// This panel's own legend placement ("topRight", ...), overriding the figure's rule.
    public var legend: String?
    public init(title: String, xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false,
                series: [StudySeries], identity: Bool = false, horizontal: [Double] = [], legend: String? = nil) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.logX = logX; self.logY = logY
        self.series = series; self.identity = identity; self.horizontal = horizontal; self.legend = legend
    }
}

/// A study figure: one or more panels on a grid, written to `file` (a PNG name).
public struct StudyFigure: Sendable {
    public var file: String, title: String
    public var rows: Int, columns: Int
    public var panels: [StudyPanel]
    /// Where the first panel's legend goes in a multi-panel figure ("bottomRight", "topRight", ...).
    public var legendCorner: String
    public init(file: String, title: String, rows: Int = 1, columns: Int = 1, panels: [StudyPanel], legendCorner: String = "bottomRight") {
        self.file = file; self.title = title; self.rows = rows; self.columns = columns; self.panels = panels
        self.legendCorner = legendCorner
    }
}

/// What a study produces: tables (CSV), figures, checks and a printed summary.
public struct StudyResult: Sendable {
    /// The study's number, 1–7.
    public var number: Int
    /// The study's title.
    public var title: String
    /// (file name, table) pairs, written as CSV.
    public var tables: [(name: String, table: TidyTable)] = []
    public var figures: [StudyFigure] = []
    /// Every check of the study, in order.
    public var checks: [Check] = []
    /// Lines printed under the study's title (a compact table of the main numbers).
    public var summary: [String] = []
    /// An empty result of study `number`.
    public init(number: Int, title: String) { self.number = number; self.title = title }

    /// True when every check passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }
}

/// Formats a number compactly for printed tables.
func fmt(_ x: Double, _ digits: Int = 4) -> String {
    if x.isNaN { return "NA" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    if x != 0 && (abs(x) < 1e-3 || abs(x) >= 1e5) { return String(format: "%.\(digits - 1)e", x) }
    return String(format: "%.\(digits)g", x)
}

/// Mean and standard error of a sample (se = sd/√n; 0 for one value).
func meanSE(_ x: [Double]) -> (mean: Double, se: Double) {
    let n = Double(x.count)
    let m = x.reduce(0, +) / n
    guard x.count > 1 else { return (m, 0) }
    let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
    return (m, (v / n).squareRoot())
}
