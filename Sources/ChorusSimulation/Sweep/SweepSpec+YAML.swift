import Foundation
import Yams

extension SweepSpec {
    /// The keys a sweep spec file may have at its top level.
    static let topKeys = ["name", "base", "axes", "design", "samples", "design_seed", "seeds", "seed_offset",
                          "metrics", "claims", "figure"]

    /// Reads a sweep spec from YAML (docs/scaling.md, "The sweep spec"):
    /// ```
    /// name: phase
    /// base: {preset: paper, config: my.yaml, set: [task.test_questions=100]}
    /// axes:
    ///   - {key: agents.count, values: [2, 4, 8]}
    ///   - {key: finetune.learning_rate, grid: {from: 0.1, to: 1, count: 4}}
    ///   - {key: task.verifiability, range: {from: 0, to: 2}}     # sampled designs
    /// design: grid            # or lhs, sobol, halton (with samples: N)
    /// seeds: 10
    /// seed_offset: 10000
    /// metrics: [accuracy.final, entropy.chain]    # names the simulator writes (SweepQuantities)
    /// claims: [1, 3]          # or true (all six, the default) or false
    /// figure: {metric: contrast.accuracy.final.minus_iteration1, regime: multiagent}
    /// ```
    /// A relative `base.config` path is read relative to the spec file's folder (`directory`).
    /// - Throws: `SweepError.invalidSpec` naming the source, the field and, where known, the line.
    public static func parse(yaml: String, source: String, directory: String? = nil) throws -> SweepSpec {
        let root: Node
        do {
            guard let n = try Yams.compose(yaml: yaml) else {
                throw SweepError.invalidSpec(source: source, field: "(top level)", reason: "empty file")
            }
            root = n
        } catch let e as SweepError { throw e } catch {
            throw SweepError.invalidSpec(source: source, field: "(top level)", reason: "invalid YAML: \(error)")
        }
        func fail(_ field: String, _ node: Node?, _ reason: String) -> SweepError {
            .invalidSpec(source: source + (node?.mark.map { ":\($0.line)" } ?? ""), field: field, reason: reason)
        }
        func mapping(_ node: Node, _ field: String, allowed: [String]) throws -> [(String, Node)] {
            guard case .mapping(let m) = node else { throw fail(field, node, "expected a mapping") }
            var out: [(String, Node)] = []
            for (k, v) in m {
                guard let key = k.string else { throw fail(field, k, "keys must be text") }
                guard allowed.contains(key) else {
                    throw fail(field == "(top level)" ? key : "\(field).\(key)", k, "unknown key; allowed: \(allowed.joined(separator: ", "))")
                }
                guard !out.contains(where: { $0.0 == key }) else { throw fail("\(field).\(key)", k, "given twice") }
                out.append((key, v))
            }
            return out
        }
        func scalar(_ node: Node, _ field: String) throws -> String {
            guard case .scalar(let s) = node else { throw fail(field, node, "expected a single value") }
            return s.string
        }
        func number(_ node: Node, _ field: String) throws -> Double {
            guard let x = Double(try scalar(node, field)), x.isFinite else { throw fail(field, node, "expected a finite number") }
            return x
        }
        func integer(_ node: Node, _ field: String, min: Int) throws -> Int {
            guard let x = Int(try scalar(node, field)), x >= min else { throw fail(field, node, "expected an integer ≥ \(min)") }
            return x
        }
        func texts(_ node: Node, _ field: String) throws -> [String] {
            guard case .sequence(let items) = node else { throw fail(field, node, "expected a list") }
            return try items.map { item in
                if case .scalar(let s) = item { return s.string }
                // A list of scalars (e.g. a regimes value [a, b]) in YAML flow form.
                guard case .sequence(let inner) = item, let parts = Optional(inner.compactMap(\.string)), parts.count == inner.count else {
                    throw fail(field, item, "values must be scalars or lists of scalars")
                }
                return "[" + parts.joined(separator: ", ") + "]"
            }
        }

        var spec = SweepSpec()
        for (key, v) in try mapping(root, "(top level)", allowed: topKeys) {
            switch key {
            case "name": spec.name = try scalar(v, key)
            case "base":
                for (k, b) in try mapping(v, "base", allowed: ["preset", "config", "set"]) {
                    switch k {
                    case "preset": spec.preset = try scalar(b, "base.preset")
                    case "config":
                        let path = try scalar(b, "base.config")
                        if let directory, !path.hasPrefix("/") {
                            spec.configFile = URL(fileURLWithPath: directory).appendingPathComponent(path).path
                        } else { spec.configFile = path }
                    default: spec.set = try texts(b, "base.set")
                    }
                }
            case "axes":
                guard case .sequence(let items) = v else { throw fail("axes", v, "expected a list of {key, values|grid|range}") }
                for (i, item) in items.enumerated() {
                    let field = "axes[\(i)]"
                    let m = try mapping(item, field, allowed: ["key", "values", "grid", "range"])
                    guard let keyNode = m.first(where: { $0.0 == "key" })?.1 else { throw fail(field, item, "missing key") }
                    let axisKey = try scalar(keyNode, "\(field).key")
                    let kinds = m.filter { $0.0 != "key" }
                    guard kinds.count == 1 else { throw fail(field, item, "give exactly one of values, grid, range") }
                    let (kind, body) = kinds[0]
                    let src = source + (item.mark.map { ":\($0.line)" } ?? "")
                    switch kind {
                    case "values": spec.axes.append(try SweepAxis.list(key: axisKey, try texts(body, "\(field).values"), source: src))
                    case "grid":
                        let g = try mapping(body, "\(field).grid", allowed: ["from", "to", "count"])
                        guard g.count == 3 else { throw fail("\(field).grid", body, "needs from, to and count") }
                        let d = Dictionary(uniqueKeysWithValues: g)
                        spec.axes.append(try SweepAxis.grid(key: axisKey, from: try number(d["from"]!, "\(field).grid.from"),
                                                            to: try number(d["to"]!, "\(field).grid.to"),
                                                            count: try integer(d["count"]!, "\(field).grid.count", min: 1), source: src))
                    default:
                        let g = try mapping(body, "\(field).range", allowed: ["from", "to"])
                        guard g.count == 2 else { throw fail("\(field).range", body, "needs from and to") }
                        let d = Dictionary(uniqueKeysWithValues: g)
                        spec.axes.append(try SweepAxis.range(key: axisKey, try number(d["from"]!, "\(field).range.from"),
                                                             try number(d["to"]!, "\(field).range.to"), source: src))
                    }
                }
            case "design":
                let t = try scalar(v, key)
                guard let d = Design(rawValue: t) else { throw fail(key, v, "'\(t)' is not one of \(Design.allCases.map(\.rawValue).joined(separator: ", "))") }
                spec.design = d
            case "samples": spec.samples = try integer(v, key, min: 1)
            case "design_seed": spec.designSeed = UInt64(try integer(v, key, min: 0))
            case "seeds": spec.seeds = try integer(v, key, min: 1)
            case "seed_offset": spec.seedOffset = UInt64(try integer(v, key, min: 0))
            case "metrics": spec.metrics = try texts(v, key)
            case "claims":
                if case .sequence(let items) = v {
                    spec.claims = try items.enumerated().map { i, item in
                        guard let n = Int(try scalar(item, "claims[\(i)]")), SweepQuantities.claimNumbers.contains(n) else {
                            throw fail("claims[\(i)]", item, "'\(item.string ?? "")' is not a claim; the claims are \(SweepQuantities.claimList)")
                        }
                        return n
                    }.sorted()
                } else {
                    let t = try scalar(v, key)
                    guard t == "true" || t == "false" else { throw fail(key, v, "expected true, false or a list of claim numbers (\(SweepQuantities.claimList))") }
                    spec.claims = t == "true" ? SweepQuantities.claimNumbers : []
                }
            default:
                var f = Figure()
                for (k, b) in try mapping(v, "figure", allowed: ["claim", "metric", "regime", "iteration", "title"]) {
                    switch k {
                    case "claim": f.claim = try integer(b, "figure.claim", min: 1)
                    case "metric": f.metric = try scalar(b, "figure.metric")
                    case "regime": f.regime = try scalar(b, "figure.regime")
                    case "title": f.title = try scalar(b, "figure.title")
                    default: f.iteration = try integer(b, "figure.iteration", min: 0)
                    }
                }
                spec.figure = f
            }
        }
        try spec.checkShape(source: source)
        return spec
    }

    /// Reads a sweep spec file. - Throws: `SweepError.invalidSpec` (also for an unreadable file).
    public static func load(contentsOf path: String) throws -> SweepSpec {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SweepError.invalidSpec(source: path, field: "(file)", reason: "cannot read it (missing, a directory, or not UTF-8 text)")
        }
        return try parse(yaml: text, source: path, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Checks what can be checked without the configuration: at least one axis, no key twice,
    /// a design that fits the axes, metric names and claim numbers that exist
    /// (`SweepQuantities`), a figure that names one kept thing.
    /// - Throws: `SweepError.invalidSpec`.
    public func checkShape(source: String) throws {
        guard !axes.isEmpty else { throw SweepError.invalidSpec(source: source, field: "axes", reason: "give at least one axis") }
        var seen = Set<String>()
        for a in axes {
            guard seen.insert(a.key).inserted else {
                throw SweepError.invalidSpec(source: source, field: "axis \(a.key)", reason: "the key is swept twice; give each key one axis")
            }
            if a.key != SweepSpec.seedOffsetKey, let entry = ConfigKeys.named(a.key), !entry.sweepable {
                throw SweepError.invalidSpec(source: source, field: "axis \(a.key)", reason: "'\(a.key)' cannot be swept; use seeds / seed_offset (or an axis over seed_offset)")
            }
        }
        switch design {
        case .grid:
            if let a = axes.first(where: { if case .range = $0.values { return true }; return false }) {
                throw SweepError.invalidSpec(source: source, field: "axis \(a.key)", reason: "a range (lo..hi) needs a sampled design (lhs, sobol, halton); a grid needs values or lo:hi:n")
            }
            guard samples == nil else { throw SweepError.invalidSpec(source: source, field: "samples", reason: "only sampled designs (lhs, sobol, halton) take samples") }
            let count = axes.reduce(1.0) { n, a in if case .list(let v) = a.values { return n * Double(v.count) }; return n }
            guard count <= 1_000_000 else { throw SweepError.invalidSpec(source: source, field: "axes", reason: "the grid has \(Int(count)) points; at most 1000000") }
        case .lhs, .sobol, .halton:
            guard let n = samples, n >= 1, n <= 1_000_000 else {
                throw SweepError.invalidSpec(source: source, field: "samples", reason: "design \(design.rawValue) needs samples: 1…1000000")
            }
            if design == .sobol, axes.count > 40 { throw SweepError.invalidSpec(source: source, field: "axes", reason: "GSL's Sobol sequence has at most 40 dimensions") }
        }
        if let f = figure {
            guard (f.claim == nil) != (f.metric == nil) else {
                throw SweepError.invalidSpec(source: source, field: "figure", reason: "name either a claim or a metric")
            }
            if f.metric != nil, f.regime == nil {
                throw SweepError.invalidSpec(source: source, field: "figure.regime", reason: "a metric figure needs the regime")
            }
        }
        try SweepQuantities.check(self, source: source)
    }
}
