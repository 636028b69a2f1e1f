import ChorusRecords

/// Everything the code knows about one configuration key besides its field in
/// `SimulationConfig`: its key path, kind, meaning, allowed values (as text and as a check),
/// and whether a sweep may vary it. `ConfigKeys.all` lists every key once; validation
/// (`SimulationConfig.validationIssues`), the YAML comments (`SimulationConfig.yaml`), the key
/// table of docs/configuration.md (`ConfigKeys.markdownTable`, pinned by a test) and the
/// sweep's axis checks (`SweepSpec.checkShape`, `SweepPlan`) all derive from it.
///
/// Defaults are not repeated here: they are the field initialisers of `SimulationConfig`
/// (read back through `keyPath` for the docs). Values are applied — by `--set`, a YAML file or a
/// sweep axis — through the one `Codable` path (`ConfigBuilder.set`), which types them by the
/// field; `keyPath` gives typed access for tests and tools.
public struct ConfigKey: Sendable {
    /// The value's type as a user writes it.
    public enum Kind: Sendable, Equatable {
        /// A whole number, a real number, `true`/`false`, free text, or a list of values.
        case integer, number, boolean, text, list
        /// One of the given names.
        case choice([String])
    }

    /// The snake_case key path, e.g. `debate.rounds`.
    public let path: String
    /// The value's type, which decides how it is parsed and documented.
    public let kind: Kind
    /// One sentence: what the key means.
    public let meaning: String
    /// The allowed values in words, e.g. `1...64`.
    public let allowed: String
    /// Whether a sweep axis may vary it (`name` and `seeds` are not: seeds are the replicates).
    public let sweepable: Bool
    /// The typed field (a `WritableKeyPath<SimulationConfig, Value>`).
    public let keyPath: any PartialKeyPath<SimulationConfig> & Sendable
    /// The fixed closed range of a numeric key (nil when the bounds depend on other keys or
    /// the key is not a number); its ends are allowed, values beyond them are not.
    public internal(set) var range: ClosedRange<Double>? = nil
    /// A short axis label for figures of sweeps (`Learning rate`); nil: the meaning's first phrase.
    public internal(set) var shortLabel: String? = nil
    /// Appends an issue for every value that breaks the rule.
    let check: @Sendable (SimulationConfig, inout ConfigValidator) -> Void

    /// The section (`debate` of `debate.rounds`), or nil for a top-level key.
    public var section: String? {
        path.firstIndex(of: ".").map { String(path[..<$0]) }
    }

    /// The issues of this key alone in `config`.
    public func issues(in config: SimulationConfig) -> [ConfigIssue] {
        var v = ConfigValidator()
        check(config, &v)
        return v.issues
    }

    /// The same key with a short axis label.
    func labelled(_ label: String) -> ConfigKey { var k = self; k.shortLabel = label; return k }

    // MARK: constructors, one per kind of rule

    /// An integer in a fixed range: "an integer in 1...64".
    static func integer(_ path: String, _ kp: WritableKeyPath<SimulationConfig, Int> & Sendable, _ range: ClosedRange<Int>,
                        _ meaning: String, allowed: String? = nil) -> ConfigKey {
        ConfigKey(path: path, kind: .integer, meaning: meaning, allowed: allowed ?? "\(range.lowerBound)...\(range.upperBound)",
                  sweepable: true, keyPath: kp, range: Double(range.lowerBound)...Double(range.upperBound)) { c, v in v.int(c[keyPath: kp], path, range) }
    }

    /// An integer whose range depends on other keys (computed from the configuration).
    static func integer(_ path: String, _ kp: WritableKeyPath<SimulationConfig, Int> & Sendable,
                        bounds: @escaping @Sendable (SimulationConfig) -> ClosedRange<Int>,
                        note: @escaping @Sendable (SimulationConfig) -> String,
                        _ meaning: String, allowed: String) -> ConfigKey {
        ConfigKey(path: path, kind: .integer, meaning: meaning, allowed: allowed, sweepable: true, keyPath: kp) { c, v in
            v.int(c[keyPath: kp], path, bounds(c), note: note(c))
        }
    }

    /// A finite number in a closed range: "a number in 0...1000".
    static func number(_ path: String, _ kp: WritableKeyPath<SimulationConfig, Double> & Sendable, _ range: ClosedRange<Double>,
                       _ meaning: String, allowed: String? = nil,
                       also: (@Sendable (SimulationConfig, inout ConfigValidator) -> Void)? = nil) -> ConfigKey {
        let text = "\(NumberText.shortest(range.lowerBound))...\(NumberText.shortest(range.upperBound))"
        return ConfigKey(path: path, kind: .number, meaning: meaning, allowed: allowed ?? text, sweepable: true, keyPath: kp, range: range) { c, v in
            v.range(c[keyPath: kp], path, range)
            also?(c, &v)
        }
    }

    /// true or false (the decoder enforces the type; nothing to check).
    static func flag(_ path: String, _ kp: WritableKeyPath<SimulationConfig, Bool> & Sendable, _ meaning: String) -> ConfigKey {
        ConfigKey(path: path, kind: .boolean, meaning: meaning, allowed: "true, false", sweepable: true, keyPath: kp) { _, _ in }
    }

    /// One of an enumeration's cases (the decoder enforces them).
    static func choice<E: RawRepresentable & CaseIterable>(_ path: String, _ kp: WritableKeyPath<SimulationConfig, E> & Sendable,
                                                           _ meaning: String) -> ConfigKey where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        return ConfigKey(path: path, kind: .choice(names), meaning: meaning, allowed: names.joined(separator: ", "),
                         sweepable: true, keyPath: kp) { _, _ in }
    }
}

/// A section of keys (`task`, `agents`, …): its meaning, and a rule over several of its keys
/// checked after them.
public struct ConfigSection: Sendable {
    /// The section's key prefix, e.g. `debate`.
    public let name: String
    /// One sentence: what the section's keys configure.
    public let meaning: String
    let check: (@Sendable (SimulationConfig, inout ConfigValidator) -> Void)?
}
