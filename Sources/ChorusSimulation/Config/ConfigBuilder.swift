import Foundation
import Yams
import ChorusRecords

/// Builds a `SimulationConfig` from a base (a preset, a YAML file or string) and command-line
/// changes (`--set key.path=value`, `--seeds`, `--regimes`), then validates it. Every error is
/// a `SimulationError.located` naming its source (the file, or the `--set` argument) and, where
/// the YAML parser gives it, the 1-based line.
///
/// How a YAML text is applied: it is parsed to a node tree; every key in it must be a key the
/// `Codable` structure asks for at that path (the schema is derived by decoding the defaults
/// with a recording decoder, so fields added to `SimulationConfig` are covered automatically);
/// the tree is laid over the current configuration's tree (omitted keys keep their values) and
/// decoded strictly (integers must be integers, lists lists, enums one of their cases).
public struct ConfigBuilder {
    /// The configuration so far (not yet validated).
    public private(set) var config: SimulationConfig

    /// Where values came from, latest last, to locate validation errors.
    private var origins: [Origin] = []

    private struct Origin {
        var source: String
        /// The paths this origin set (nil = everything it names, looked up in `tree`).
        var scope: ConfigPath?
        /// The user's tree, for line numbers.
        var tree: Node?
    }

    /// Starts from a configuration value, e.g. a preset (`source` names it in errors).
    public init(config: SimulationConfig, source: String) {
        self.config = config
        origins.append(Origin(source: source, scope: nil, tree: nil))
    }

    /// Starts from `base` with a YAML text laid over it.
    public init(yaml: String, source: String, base: SimulationConfig = SimulationConfig()) throws {
        self.init(config: base, source: source)
        let tree = try ConfigBuilder.parse(yaml, source: source)
        try apply(tree, source: source)
        origins.append(Origin(source: source, scope: nil, tree: tree))
    }

    /// Starts from `base` with a YAML file laid over it.
    public init(contentsOf path: String, base: SimulationConfig = SimulationConfig()) throws {
        let data = try ConfigFile.read(path)
        guard let text = String(data: data, encoding: .utf8) else {
            throw SimulationError.unreadable(path: path, reason: "not UTF-8 text")
        }
        try self.init(yaml: text, source: path, base: base)
    }

    /// Applies one `key.path=value` assignment. The value is read as YAML (`3`, `0.5`, `true`,
    /// `[1, 2]`); for a key that holds a list, a plain `a,b,c` is read as the list `[a, b, c]`.
    public mutating func set(_ assignment: String) throws {
        let source = "--set \(assignment)"
        guard let eq = assignment.firstIndex(of: "=") else {
            throw SimulationError.located(source: source, line: nil,
                                          error: .invalidValue(path: assignment, value: "no '='", allowed: "KEY.PATH=VALUE, e.g. debate.rounds=3"))
        }
        try set(String(assignment[..<eq]), to: String(assignment[assignment.index(after: eq)...]), source: source)
    }

    /// Sets the value at a key path (`debate.rounds`) from its YAML text.
    public mutating func set(_ keyPath: String, to value: String, source: String? = nil) throws {
        let source = source ?? "--set \(keyPath)=\(value)"
        let keys = keyPath.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keys.isEmpty, keys.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }) else {
            throw SimulationError.located(source: source, line: nil,
                                          error: .invalidValue(path: keyPath, value: JSONText.quote(keyPath), allowed: "a key path of snake_case keys joined by dots, e.g. debate.rounds"))
        }
        let path = ConfigPath(keys.map { .key($0) })
        var valueNode: Node
        // Limits first (size, nesting, anchors): a refused value is an error, not a string.
        try YAMLGuard.check(value, source: source)
        if let parsed = try? Yams.compose(yaml: value) {
            try YAMLGuard.checkTree(parsed, source: source)
            valueNode = ConfigTree.unmarked(parsed)
        } else { valueNode = Node(value) }
        // A plain `a,b` for a list-valued key means the list [a, b].
        if case .sequence = ConfigTree.find(path, in: ConfigTree.node(of: config)) ?? Node(""),
           case .scalar(let s) = valueNode, !ConfigNodeDecoder.isNull(valueNode) {
            let items = s.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            valueNode = .sequence(.init(items.map { Node($0) }))
        }
        var tree = valueNode
        for k in keys.reversed() { tree = .mapping(.init([(Node(k), tree)])) }
        try apply(tree, source: source)
        origins.append(Origin(source: source, scope: path, tree: nil))
    }

    /// Sets the seeds from `1-20`, `1,2,3` or a mix (`1-3,7`).
    public mutating func setSeeds(_ spec: String) throws {
        let source = "--seeds \(spec)"
        do { config.seeds = try SeedList.parse(spec) } catch let e as SimulationError {
            throw SimulationError.located(source: source, line: nil, error: e)
        }
        origins.append(Origin(source: source, scope: ConfigPath([.key("seeds")]), tree: nil))
    }

    /// Sets the regimes from a comma-separated list (`single-agent,multiagent`).
    public mutating func setRegimes(_ list: String) throws {
        config.regimes = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        origins.append(Origin(source: "--regimes \(list)", scope: ConfigPath([.key("regimes")]), tree: nil))
    }

    /// Validates and returns the configuration; a range error names the source that set the
    /// offending key (the latest `--set`/`--seeds`/`--regimes` covering it, else the file and
    /// its line, else the base).
    public func build() throws -> SimulationConfig {
        guard let issue = config.validationIssues().first else { return config }
        let path = ConfigPath(parsing: issue.path)
        for o in origins.reversed() {
            if let scope = o.scope {
                if path.isWithin(scope) || scope.isWithin(path) { throw SimulationError.located(source: o.source, line: nil, error: issue.error) }
            } else if let tree = o.tree, ConfigTree.find(path, in: tree) != nil || ConfigTree.find(path.withoutTrailingIndices, in: tree) != nil {
                throw SimulationError.located(source: o.source, line: ConfigTree.line(of: path, in: tree), error: issue.error)
            }
        }
        throw SimulationError.located(source: origins.first?.source ?? "configuration", line: nil, error: issue.error)
    }

    // MARK: internals

    static func parse(_ yaml: String, source: String) throws -> Node {
        do {
            return try YAMLGuard.compose(yaml, source: source) ?? .mapping(.init([]))
        } catch let e as SimulationError {
            throw e
        } catch let e as YamlError {
            let (reason, line) = describe(e)
            throw SimulationError.located(source: source, line: line, error: .unreadable(path: source, reason: reason))
        } catch {
            throw SimulationError.located(source: source, line: nil, error: .unreadable(path: source, reason: "\(error)"))
        }
    }

    private static func describe(_ e: YamlError) -> (String, Int?) {
        switch e {
        case .scanner(let c, let p, let m, _), .parser(let c, let p, let m, _), .composer(let c, let p, let m, _):
            return ("invalid YAML: \(p)" + (c.map { " (\($0.text))" } ?? ""), m.line)
        case .duplicatedKeysInMapping(let d, let c):
            return ("duplicate key(s) \(d.joined(separator: ", ")) in one mapping", c.mark.line)
        default:
            return ("invalid YAML: \(e)", nil)
        }
    }

    private mutating func apply(_ tree: Node, source: String) throws {
        guard case .mapping = tree else {
            throw SimulationError.located(source: source, line: tree.mark?.line,
                                          error: .wrongType(path: "(top level)", expected: "a mapping of configuration keys", found: ConfigNodeDecoder.describe(tree)))
        }
        do {
            let schema = ConfigTree.schema()
            try ConfigTree.checkKeys(tree, schema: schema)
            let log = ConfigKeyLog()
            let merged = ConfigTree.merge(ConfigTree.node(of: config), tree)
            let decoded = try ConfigTree.decode(merged, log: log)
            schema.merge(log)
            try ConfigTree.checkKeys(tree, schema: schema)
            config = decoded
        } catch {
            throw SimulationError.located(source: source, line: error.line, error: error.error)
        }
    }
}

extension SimulationConfig {
    /// Loads and validates a configuration from YAML text laid over `base` (default: defaults).
    public static func load(yaml: String, source: String = "<yaml>", base: SimulationConfig = SimulationConfig()) throws -> SimulationConfig {
        try ConfigBuilder(yaml: yaml, source: source, base: base).build()
    }

    /// Loads and validates a configuration file laid over `base`.
    public static func load(contentsOf path: String, base: SimulationConfig = SimulationConfig()) throws -> SimulationConfig {
        try ConfigBuilder(contentsOf: path, base: base).build()
    }

    /// This configuration with `key.path=value` assignments applied, validated.
    public func setting(_ assignments: [String]) throws -> SimulationConfig {
        var b = ConfigBuilder(config: self, source: "configuration")
        for a in assignments { try b.set(a) }
        return try b.build()
    }
}

extension SimulationError {
    /// The error without its location.
    public var unlocated: SimulationError {
        if case .located(_, _, let e) = self { return e.unlocated }
        return self
    }
}

/// Seed lists from the command line.
public enum SeedList {
    /// Parses `1-20`, `1,2,3` or a mix such as `1-3,7` into distinct seeds in the order given.
    public static func parse(_ spec: String) throws -> [UInt64] {
        let allowed = "seeds as a range 1-20, a list 1,2,3 or both (1-3,7); non-negative integers, each once, at most 100000"
        func bad() -> SimulationError { .invalidValue(path: "seeds", value: JSONText.quote(spec), allowed: allowed) }
        var seeds: [UInt64] = []
        for item in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let t = item.trimmingCharacters(in: .whitespaces)
            let ends = t.split(separator: "-", omittingEmptySubsequences: false)
            if ends.count == 1, let v = UInt64(t) {
                seeds.append(v)
            } else if ends.count == 2, let a = UInt64(ends[0]), let b = UInt64(ends[1]), a <= b, b - a < 100_000 {
                seeds.append(contentsOf: a...b)
            } else {
                throw bad()
            }
            if seeds.count > 100_000 { throw bad() }
        }
        guard !seeds.isEmpty, Set(seeds).count == seeds.count else { throw bad() }
        return seeds
    }
}
