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

/// The data of one study figure, gathered as the rows of its curve table (`<figure>.curves.csv`,
/// `ChorusRecords.CurveTable`), with the run's seed and size on every row. ChorusFigures draws
/// the figure from the table (`ValidationFigures`); the study says nothing about how it looks.
public struct StudyCurves: Sendable {
    /// The study's number, 1–7.
    public let study: Int
    /// The figure's file name without extension, e.g. `study1_bias_vs_N`.
    public let figure: String
    let seed: UInt64, size: String
    /// The curve table's rows, in the order they were added.
    public private(set) var rows: [CurveRow] = []

    /// An empty curve table for figure `figure` of study `study`, stamped with the options' seed
    /// and size.
    public init(_ figure: String, study: Int, options: ValidationOptions) {
        self.figure = figure; self.study = study; seed = options.seed; size = options.quick ? "quick" : "full"
    }

    /// Adds a series of a panel: points (x, y) with an optional 95% interval [lower, upper].
    mutating func add(panel: String, series: String, group: String = "", kind: CurveRow.Kind = .estimate,
                      x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil, replicates: Int) {
        for i in x.indices {
            rows.append(CurveRow(study: study, figure: figure, panel: panel, series: series, group: group, kind: kind,
                                 x: x[i], y: y[i], lower: lower?[i] ?? .nan, upper: upper?[i] ?? .nan,
                                 replicates: replicates, seed: seed, size: size))
        }
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
    /// The figures' data, one curve table each (written as `<figure>.curves.csv`).
    public var curves: [StudyCurves] = []
    /// Every check of the study, in order.
    public var checks: [Check] = []
    /// Lines printed under the study's title (a compact table of the main numbers).
    public var summary: [String] = []
    /// An empty result of study `number`.
    public init(number: Int, title: String) { self.number = number; self.title = title }

    /// The figures' names (file names without extension), in order.
    public var figures: [String] { curves.map(\.figure) }

    /// Every table to write: the study's own, then one curve table per figure.
    public var allTables: [(name: String, table: TidyTable)] {
        tables + curves.map { (CurveTable.fileName(figure: $0.figure), CurveTable.table($0.rows)) }
    }

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
