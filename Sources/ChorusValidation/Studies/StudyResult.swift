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
    public init(seed: UInt64 = 20250101, quick: Bool = false, threads: Int? = nil) {
        self.seed = seed; self.quick = quick; self.threads = threads
    }
}

/// One pass/fail line of a study: a measured value against its reference.
public struct Check: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Against an analytic value, with a tolerance from the Monte Carlo error
        /// (plus a stated truncation allowance where the theory is an expansion).
        case analytic
        /// The sign or ordering that a theory predicts, without an analytic value.
        case direction
    }
    public var study: Int
    public var name: String
    public var kind: Kind
    public var measured: Double
    public var expected: Double
    /// Allowed |measured − expected| (analytic) — or the margin a direction must clear.
    public var tolerance: Double
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
    public var number: Int
    public var title: String
    /// (file name, table) pairs, written as CSV.
    public var tables: [(name: String, table: TidyTable)] = []
    public var figures: [StudyFigure] = []
    public var checks: [Check] = []
    /// Lines printed under the study's title (a compact table of the main numbers).
    public var summary: [String] = []
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

/// Deterministic parallel map: item i is computed from its own seeded stream by whichever
/// thread, and stored at index i, so the result does not depend on the thread count.
func parallelMap<T: Sendable>(_ count: Int, threads: Int?, _ body: @Sendable (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let out = results
    let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count))
    if workers == 1 {
        for i in 0..<count { out[i] = body(i) }
    } else {
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                if i >= count { break }
                out[i] = body(i)
            }
        }
    }
    return results.map { $0! }
}

/// A lock-protected counter for handing out work items.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    /// Returns the current value and increments it.
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; let v = value; value += 1; return v }
}

/// Mean and standard error of a sample (se = sd/√n; 0 for one value).
func meanSE(_ x: [Double]) -> (mean: Double, se: Double) {
    let n = Double(x.count)
    let m = x.reduce(0, +) / n
    guard x.count > 1 else { return (m, 0) }
    let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
    return (m, (v / n).squareRoot())
}
