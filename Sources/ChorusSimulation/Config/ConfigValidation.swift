import Foundation
import ChorusRecords
/// One out-of-range value: the key path it sits at and the error describing it.
public struct ConfigIssue: Sendable, Equatable {
    /// The key path of the value, e.g. `debate.rounds`.
    public var path: String
    /// The error describing what is wrong and what was expected.
    public var error: SimulationError
}

extension SimulationConfig {
    /// Largest magnitude of a continuous model parameter (`ConfigKeys.maxScale`).
    public static var maxScale: Double { ConfigKeys.maxScale }
    /// Smallest temperature (`ConfigKeys.minTemperature`).
    public static var minTemperature: Double { ConfigKeys.minTemperature }
    /// Largest learning rate (`ConfigKeys.maxRate`).
    public static var maxRate: Double { ConfigKeys.maxRate }
    /// Longest `name` (`ConfigKeys.maxNameLength`).
    public static var maxNameLength: Int { ConfigKeys.maxNameLength }

    /// Throws the first out-of-range value (see `validationIssues()`).
    public func validate() throws {
        if let first = validationIssues().first { throw first.error }
    }

    /// Every out-of-range value, in declaration order, each naming its key path, the value and
    /// what is allowed: the checks of `ConfigKeys.all`, each section's rule over several keys
    /// (the memory bound of `task`) after the section's keys. Upper bounds are generous sanity
    /// limits that keep a typo from asking for terabytes; they are documented in
    /// docs/configuration.md (generated from the same table).
    public func validationIssues() -> [ConfigIssue] {
        var v = ConfigValidator()
        var section: String?
        func close(_ name: String?) {
            if let name, let rule = ConfigKeys.sections.first(where: { $0.name == name })?.check { rule(self, &v) }
        }
        for key in ConfigKeys.all {
            if key.section != section { close(section); section = key.section }
            key.check(self, &v)
        }
        close(section)
        return v.issues
    }
}

/// Collects range checks; every message names the key path, the value and what is allowed.
struct ConfigValidator {
    var issues: [ConfigIssue] = []

    mutating func require(_ ok: Bool, _ path: String, _ value: String, _ allowed: String) {
        if !ok { issues.append(ConfigIssue(path: path, error: .invalidValue(path: path, value: value, allowed: allowed))) }
    }

    mutating func int(_ x: Int, _ path: String, _ range: ClosedRange<Int>, note: String? = nil) {
        require(range.contains(x), path, "\(x)", note ?? "an integer in \(range.lowerBound)...\(range.upperBound)")
    }

    /// A finite number in a closed range, e.g. "a number in 0...1000".
    mutating func range(_ x: Double, _ path: String, _ r: ClosedRange<Double>) {
        require(x.isFinite && r.contains(x), path, "\(x)", "a number in \(ConfigValidator.text(r.lowerBound))...\(ConfigValidator.text(r.upperBound))")
    }

    static func text(_ x: Double) -> String { NumberText.shortest(x) }

    mutating func probability(_ x: Double, _ path: String) {
        require(x >= 0 && x <= 1, path, "\(x)", "a probability in [0, 1]")
    }
}
