import Foundation
import ChorusStats

/// A sweep resolved into points: every point's configuration built, validated and named by
/// the digest of its resolved configuration (seeds included) and of what is kept from it,
/// before anything runs.
public struct SweepPlan: Sendable {
    /// One point of the sweep.
    public struct Point: Sendable {
        /// Position in the design (0-based): the order of the tables.
        public var index: Int
        /// (axis key, value as text) in axis order.
        public var settings: [Setting]
        /// The resolved, validated configuration (seeds included).
        public var config: SimulationConfig
        /// 32 hex digits naming the point's file: `StableDigest` of the configuration's YAML and
        /// the kept metrics.
        public var id: String
    }

    /// One axis value of a point.
    public struct Setting: Sendable, Equatable {
        /// The axis key.
        public var key: String
        /// The value as text.
        public var value: String
    }

    /// The sweep specification.
    public let spec: SweepSpec
    /// The base configuration the axes change.
    public let base: SimulationConfig
    /// The resolved points: all of them, or those of the shard the plan was made for.
    public let points: [Point]
    /// Points in the whole design.
    public let count: Int

    /// Resolves the spec's base configuration (preset, file, `set`) and every point — or, with
    /// `shard`, only the points of that shard: resolving costs about 8 ms a point (release), so
    /// each of 64 shards of a 10,000-point sweep would otherwise spend 85 s resolving points it
    /// does not run. The whole plan is validated once before submission (`chorus sweep plan`,
    /// which the Slurm and parallel scripts run first) and by `merge`.
    /// - Throws: `SimulationError` for a bad base; `SweepError.invalidPoint` naming the axis, the
    ///   value and the point for a value that gives an invalid configuration; `SweepError.invalidSpec`
    ///   for a bad design.
    public init(spec: SweepSpec, shard: (index: Int, count: Int)? = nil) throws {
        try spec.checkShape(source: "spec")
        var builder: ConfigBuilder
        let presetConfig = try Presets.config(named: spec.preset ?? "default")
        if let file = spec.configFile {
            builder = try ConfigBuilder(contentsOf: file, base: spec.preset == nil ? SimulationConfig() : presetConfig)
        } else {
            builder = ConfigBuilder(config: presetConfig, source: "preset \(spec.preset ?? "default")")
        }
        for a in spec.set { try builder.set(a) }
        let base = try builder.build()
        self.spec = spec
        self.base = base
        let settings = try SweepPlan.settings(spec: spec, base: base)
        var points: [Point] = []
        points.reserveCapacity(settings.count)
        var seen: [String: Int] = [:]
        for (i, s) in settings.enumerated() {
            if let shard, i % shard.count != shard.index { continue }
            let config = try SweepPlan.config(spec: spec, base: base, settings: s, index: i)
            let id = SweepPlan.digest(config: config, spec: spec)
            if let j = seen[id] {
                throw SweepError.invalidSpec(source: "spec", field: "axes", reason: "points \(j) and \(i) resolve to the same configuration (a value that changes nothing, e.g. two samples rounding to one integer); sweep each configuration once")
            }
            seen[id] = i
            points.append(Point(index: i, settings: s, config: config, id: id))
        }
        self.points = points
        self.count = settings.count
    }

    /// The points of shard `shard` of `count` (0-based): every point whose index ≡ shard (mod count).
    public func shard(_ shard: Int, of count: Int) -> [Point] {
        points.filter { $0.index % count == shard }
    }

    /// The digest naming a point: its configuration's YAML (without the key comments, so that
    /// editing a key's documentation does not rename every point) plus the kept metrics and
    /// claims flag.
    static func digest(config: SimulationConfig, spec: SweepSpec) -> String {
        StableDigest.hex(config.yaml(comments: false) + "\n# kept: " + spec.metrics.joined(separator: ",") + " claims=\(spec.claimsText)\n")
    }

    /// The (key, value) settings of every point, in design order.
    static func settings(spec: SweepSpec, base: SimulationConfig) throws -> [[Setting]] {
        switch spec.design {
        case .grid:
            var out: [[Setting]] = [[]]
            for a in spec.axes {
                guard case .list(let values) = a.values else { continue }
                out = out.flatMap { prefix in values.map { prefix + [Setting(key: a.key, value: $0)] } }
            }
            return out
        case .lhs, .sobol, .halton:
            let n = spec.samples ?? 1, d = spec.axes.count
            let unit: [[Double]]
            switch spec.design {
            case .lhs: unit = try SpaceFilling.latinHypercube(dimension: d, count: n, stream: SeedStream(seed: spec.designSeed).child("sweep-design"))
            case .sobol: unit = try SpaceFilling.quasiRandom(.sobol, dimension: d, count: n)
            default: unit = try SpaceFilling.quasiRandom(.halton, dimension: d, count: n)
            }
            return unit.map { u in
                spec.axes.enumerated().map { j, a in Setting(key: a.key, value: value(of: a, at: u[j], base: base)) }
            }
        }
    }

    /// The value of an axis at a unit coordinate u ∈ [0, 1): a list's ⌊u·k⌋-th value; a range's
    /// lo + u·(hi − lo), or for an integer key one of the integers lo…hi, each with equal share.
    static func value(of axis: SweepAxis, at u: Double, base: SimulationConfig) -> String {
        switch axis.values {
        case .list(let v): return v[min(v.count - 1, Int(u * Double(v.count)))]
        case .range(let lo, let hi):
            if isInteger(axis.key) {
                let a = lo.rounded(.up), b = hi.rounded(.down)
                let k = max(0, b - a) + 1
                return SweepAxis.text(a + min(k - 1, (u * k).rounded(.down)))
            }
            return SweepAxis.text(lo + u * (hi - lo))
        }
    }

    /// Whether the key holds a whole number (its kind in `ConfigKeys`).
    static func isInteger(_ key: String) -> Bool {
        key == SweepSpec.seedOffsetKey || ConfigKeys.named(key)?.kind == .integer
    }

    /// The configuration of one point: the axes' values laid over the base, then the seeds.
    static func config(spec: SweepSpec, base: SimulationConfig, settings: [Setting], index: Int) throws -> SimulationConfig {
        var builder = ConfigBuilder(config: base, source: "base")
        var offset = spec.seedOffset
        func invalid(_ s: Setting, _ reason: String) -> SweepError {
            .invalidPoint(axis: s.key, value: s.value, point: index, reason: reason)
        }
        for s in settings {
            if s.key == SweepSpec.seedOffsetKey {
                guard let o = UInt64(s.value), o <= UInt64.max / 2 else { throw invalid(s, "seed_offset must be a non-negative integer") }
                offset = o
                continue
            }
            do { try builder.set(s.key, to: s.value, source: "axis \(s.key)") } catch let e as SimulationError {
                throw invalid(s, "\(e.unlocated)")
            }
        }
        var c = builder.config
        let count = spec.seeds ?? base.seeds.count
        c.seeds = (1...UInt64(count)).map { offset + $0 }
        do {
            c = try ConfigBuilder(config: c, source: "point").build()
            _ = try Experiment(config: c)
        } catch let e as SimulationError {
            let reason = "\(e.unlocated)"
            // Name the axis whose key the error is about, else every axis of the point.
            let culprit = settings.first { reason.contains("'\($0.key)'") }
            if let culprit { throw invalid(culprit, reason) }
            let all = settings.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            throw SweepError.invalidPoint(axis: settings.map(\.key).joined(separator: " × "), value: all, point: index,
                                          reason: "impossible combination: \(reason)")
        }
        return c
    }
}
