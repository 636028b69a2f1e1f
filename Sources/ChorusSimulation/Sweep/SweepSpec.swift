import Foundation
import ChorusStats
import ChorusRecords

/// What a sweep runs: a base configuration, axes over configuration keys, a design that turns
/// the axes into points, the seeds of every point, and what to summarise
/// (docs/scaling.md, "The sweep spec").
///
/// The same spec is read from YAML (`SweepSpec.parse(yaml:)`) or built from command-line flags
/// (`--axis key=values`, `--design`, `--seeds`, …); `canonicalText` is its normal form, stored
/// with the points so that `merge` can tell whether shard outputs belong to one sweep.
public struct SweepSpec: Sendable, Equatable {
    /// How axes become points.
    public enum Design: String, Sendable, CaseIterable {
        /// Every combination of the axes' values, the first axis varying slowest.
        case grid
        /// A Latin hypercube of `samples` points over the axes' ranges (seeded by `designSeed`).
        case lhs
        /// The first `samples` points of GSL's Sobol sequence.
        case sobol
        /// The first `samples` points of GSL's Halton sequence.
        case halton
    }

    /// What a figure of the sweep shows.
    public struct Figure: Sendable, Equatable {
        /// A claim number (its margin and verdict), or nil for a metric.
        public var claim: Int?
        /// A metric name (mean over seeds with its 95% CI), e.g. `contrast.accuracy.final.minus_iteration1`.
        public var metric: String?
        /// The regime whose metric is shown.
        public var regime: String?
        /// Iteration of the metric; nil = the last.
        public var iteration: Int?
        /// The figure's title (default: the quantity's name).
        public var title: String?
        /// A figure with these fields.
        public init(claim: Int? = nil, metric: String? = nil, regime: String? = nil, iteration: Int? = nil, title: String? = nil) {
            self.claim = claim; self.metric = metric; self.regime = regime; self.iteration = iteration; self.title = title
        }
    }

    /// The sweep's name, recorded in its tables.
    public var name: String = "sweep"
    /// Base preset (default: `default`).
    public var preset: String?
    /// Base YAML configuration (laid over the preset, or over the defaults).
    public var configFile: String?
    /// `key.path=value` overrides applied to the base.
    public var set: [String] = []
    /// The swept keys and their values.
    public var axes: [SweepAxis] = []
    /// How points are laid out: a grid, or a sampled design.
    public var design: Design = .grid
    /// Points of a sampled design (lhs, sobol, halton).
    public var samples: Int?
    /// Seed of the Latin hypercube's permutations.
    public var designSeed: UInt64 = 1
    /// Seeds per point (nil: as many as the base configuration has).
    public var seeds: Int?
    /// Every point runs seeds offset+1 … offset+seeds; an axis `seed_offset` overrides it.
    public var seedOffset: UInt64 = 0
    /// Metric names kept in the tidy table and the summary (empty: all); each must be one of
    /// `SweepQuantities.metricNames`.
    public var metrics: [String] = []
    /// The claims judged at every point, by number (docs/model.md §10; `SweepQuantities.claimNumbers`),
    /// ascending; empty: none. Default: all six.
    public var claims: [Int] = SweepQuantities.claimNumbers
    /// The figure the merge draws when the spec names one (nil: the default figures).
    public var figure: Figure?

    /// An empty spec (`default` preset, no axes, grid).
    public init() {}

    /// The claim selection as text: `true` (all), `false` (none) or the numbers (`1,3`); part of
    /// the canonical text and of every point's id.
    public var claimsText: String {
        if claims.isEmpty { return "false" }
        if claims == SweepQuantities.claimNumbers { return "true" }
        return claims.map(String.init).joined(separator: ",")
    }

    /// The special axis key that shifts the seeds of a point.
    public static let seedOffsetKey = "seed_offset"

    /// The spec's normal form: one `field: value` line each, axes in order. Two specs with the
    /// same canonical text give the same points (the figure is not part of it: it is drawn from
    /// the points and may change between runs and merges).
    public var canonicalText: String {
        var s = "chorus-sweep-spec 1\n"
        s += "name: \(name)\npreset: \(preset ?? "-")\nconfig: \(configFile ?? "-")\n"
        for a in set { s += "set: \(a)\n" }
        for a in axes { s += "axis: \(a.canonicalText)\n" }
        s += "design: \(design.rawValue)\nsamples: \(samples.map(String.init) ?? "-")\ndesign_seed: \(designSeed)\n"
        s += "seeds: \(seeds.map(String.init) ?? "-")\nseed_offset: \(seedOffset)\n"
        s += "metrics: \(metrics.joined(separator: ","))\nclaims: \(claimsText)\n"
        return s
    }
}

/// One swept configuration key and its values.
public struct SweepAxis: Sendable, Equatable {
    /// An axis's values: listed, or a range.
    public enum Values: Sendable, Equatable {
        /// Explicit values, as YAML scalars (`0.5`, `3`, `true`, `accumulate`, `[a, b]`).
        case list([String])
        /// A continuous (or, for an integer key, whole-number) range for sampled designs.
        case range(lower: Double, upper: Double)
    }

    /// A configuration key path (`agents.count`) or `seed_offset`.
    public var key: String
    /// The axis's values.
    public var values: Values

    /// An axis with this key and values.
    public init(key: String, values: Values) { self.key = key; self.values = values }

    var canonicalText: String {
        switch values {
        case .list(let v): return "\(key) list \(v.joined(separator: " | "))"
        case .range(let a, let b): return "\(key) range \(a) \(b)"
        }
    }

    /// Parses a command-line axis: `key=v1,v2,…` (a list), `key=lo:hi:n` (n evenly spaced
    /// values from lo to hi, a grid) or `key=lo..hi` (a range for sampled designs). Commas
    /// inside brackets belong to one value (`regimes=[single-agent,multiagent],[multiagent]`).
    /// - Throws: `SweepError.invalidSpec` naming the flag.
    public static func parse(_ text: String) throws -> SweepAxis {
        let source = "--axis \(text)"
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw SweepError.invalidSpec(source: source, field: "axis", reason: "expected key=v1,v2,… or key=lo:hi:n or key=lo..hi")
        }
        let key = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let rhs = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        if rhs.contains(".."), !rhs.contains(",") {
            let ends = rhs.components(separatedBy: "..")
            guard ends.count == 2, let lo = Double(ends[0]), let hi = Double(ends[1]) else {
                throw SweepError.invalidSpec(source: source, field: "axis \(key)", reason: "a range is lo..hi with two numbers, e.g. 0.1..1")
            }
            return try range(key: key, lo, hi, source: source)
        }
        let parts = rhs.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, !rhs.contains("[") {
            guard let lo = Double(parts[0]), let hi = Double(parts[1]), let n = Int(parts[2]) else {
                throw SweepError.invalidSpec(source: source, field: "axis \(key)", reason: "a grid is lo:hi:n (numbers, n an integer), e.g. 0.1:1:4")
            }
            return try grid(key: key, from: lo, to: hi, count: n, source: source)
        }
        var values: [String] = [], current = "", depth = 0
        for ch in rhs {
            if ch == "[" { depth += 1 } else if ch == "]" { depth -= 1 }
            if ch == ",", depth == 0 { values.append(current.trimmingCharacters(in: .whitespaces)); current = "" } else { current.append(ch) }
        }
        values.append(current.trimmingCharacters(in: .whitespaces))
        return try list(key: key, values, source: source)
    }

    /// An axis of explicit values. - Throws: `SweepError.invalidSpec` for an empty or repeated value.
    static func list(key: String, _ values: [String], source: String) throws -> SweepAxis {
        guard !values.isEmpty, !values.contains("") else {
            throw SweepError.invalidSpec(source: source, field: "axis \(key)", reason: "values must be non-empty")
        }
        guard Set(values).count == values.count else {
            throw SweepError.invalidSpec(source: source, field: "axis \(key)", reason: "a value is repeated: \(values.joined(separator: ", "))")
        }
        return SweepAxis(key: key, values: .list(values))
    }

    /// n evenly spaced values from `lo` to `hi` (shortest decimal text of each).
    static func grid(key: String, from lo: Double, to hi: Double, count n: Int, source: String) throws -> SweepAxis {
        guard lo.isFinite, hi.isFinite, n >= 1, n <= 100_000, n == 1 || lo != hi else {
            throw SweepError.invalidSpec(source: source, field: "axis \(key)", reason: "a grid needs finite ends and 1…100000 values (distinct ends for more than one)")
        }
        let values = (0..<n).map { i -> String in
            let x = n == 1 ? lo : lo + (hi - lo) * Double(i) / Double(n - 1)
            // 12 significant digits: 0.1:0.5:3 gives 0.3, not 0.30000000000000004.
            return SweepAxis.text(Double(String(format: "%.12g", x)) ?? x)
        }
        return try list(key: key, values, source: source)
    }

    static func range(key: String, _ lo: Double, _ hi: Double, source: String) throws -> SweepAxis {
        guard lo.isFinite, hi.isFinite, lo < hi else {
            throw SweepError.invalidSpec(source: source, field: "axis \(key)", reason: "a range needs finite ends lo < hi, got \(lo)..\(hi)")
        }
        return SweepAxis(key: key, values: .range(lower: lo, upper: hi))
    }

    /// A number as the shortest text that reads back as the same Double (integers without ".0").
    static func text(_ x: Double) -> String { NumberText.shortest(x) }
}
