import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusSimulation
import ChorusRecords

/// The one key table (`ConfigKeys`): it covers every field, drives validation at every bound,
/// and is the key table of docs/configuration.md.
@Suite struct ConfigKeysTests {
    /// The leaf key paths of `SimulationConfig`'s schema, in declaration order.
    static func leaves() -> [String] {
        let schema = ConfigTree.schema()
        var out: [String] = []
        func walk(_ prefix: String) {
            for k in schema.requested[prefix] ?? [] {
                let path = prefix.isEmpty ? k : prefix + "." + k
                if schema.requested[path] != nil { walk(path) } else { out.append(path) }
            }
        }
        walk("")
        return out
    }

    @Test func theTableListsEveryFieldOnceInDeclarationOrder() {
        let paths = ConfigKeys.all.map(\.path)
        #expect(paths == Self.leaves())
        #expect(Set(paths).count == paths.count)
        // Sections appear in the order of their keys.
        var seen: [String] = []
        for k in ConfigKeys.all { if let s = k.section, seen.last != s { seen.append(s) } }
        #expect(seen == ConfigKeys.sections.map(\.name))
    }

    @Test func everyKeyPathReadsTheFieldItNames() throws {
        // The typed key path and the YAML key path name the same field: change the value
        // through the key path and the YAML text at the path changes with it.
        let base = SimulationConfig()
        for k in ConfigKeys.all where k.range != nil {
            var c = base
            let range = try #require(k.range)
            let target = range.upperBound
            if let kp = k.keyPath as? WritableKeyPath<SimulationConfig, Int> { c[keyPath: kp] = Int(target) }
            else if let kp = k.keyPath as? WritableKeyPath<SimulationConfig, Double> { c[keyPath: kp] = target }
            else { Issue.record("\(k.path): numeric key without an Int or Double key path"); continue }
            let node = try #require(ConfigTree.find(ConfigPath(parsing: k.path), in: ConfigTree.node(of: c)))
            #expect(Double(ConfigKeys.yamlText(node)) == target, "\(k.path)")
        }
    }

    @Test func everyFixedBoundIsEnforcedWithAMessageNamingKeyValueAndRange() throws {
        let base = SimulationConfig()
        var checked = 0
        for k in ConfigKeys.all {
            guard let range = k.range else { continue }
            func issues(_ x: Double) -> [ConfigIssue] {
                var c = base
                if let kp = k.keyPath as? WritableKeyPath<SimulationConfig, Int> { c[keyPath: kp] = Int(x) }
                if let kp = k.keyPath as? WritableKeyPath<SimulationConfig, Double> { c[keyPath: kp] = x }
                // Memory and base_pull rules depend on other keys: look only at this key's own issues.
                return k.issues(in: c)
            }
            let step = k.kind == .integer ? 1.0 : max(1e-9, abs(range.upperBound) * 1e-9)
            #expect(issues(range.lowerBound).isEmpty, "\(k.path) = \(range.lowerBound) must be allowed")
            if !(k.path == "finetune.base_pull") {
                #expect(issues(range.upperBound).isEmpty, "\(k.path) = \(range.upperBound) must be allowed")
            }
            for bad in [range.lowerBound - step, range.upperBound + step] {
                let found = issues(bad)
                #expect(!found.isEmpty && found.allSatisfy { $0.path == k.path }, "\(k.path) = \(bad): \(found)")
                if case .invalidValue(let path, let value, let allowed)? = found.first?.error {
                    #expect(path == k.path && !value.isEmpty && allowed.contains("\(NumberText.shortest(range.lowerBound))"),
                            "\(k.path): \(found)")
                } else { Issue.record("\(k.path) = \(bad): \(found)") }
            }
            if k.kind == .number {
                #expect(issues(.nan).map(\.path) == [k.path], "\(k.path) = NaN")
                #expect(issues(.infinity).map(\.path) == [k.path], "\(k.path) = inf")
            }
            checked += 1
        }
        #expect(checked >= 25)
    }

    @Test func docsConfigurationMdHoldsTheGeneratedTable() throws {
        let root = Paths.packageRoot
        let text = try String(contentsOf: root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let table = ConfigKeys.markdownTable()
        #expect(text.contains(table), "docs/configuration.md's key table differs from ConfigKeys.markdownTable(); replace it with:\n\(table)")
    }

    @Test func onlyNameAndSeedsCannotBeSwept() throws {
        #expect(ConfigKeys.all.filter { !$0.sweepable }.map(\.path) == ["name", "seeds"])
        var spec = SweepSpec()
        spec.axes = [SweepAxis(key: "seeds", values: .list(["[1]", "[2]"]))]
        #expect(throws: SweepError.self) { try spec.checkShape(source: "spec") }
        spec.axes = [SweepAxis(key: "debate.rounds", values: .list(["1", "2"]))]
        try spec.checkShape(source: "spec")
        #expect(SweepPlan.isInteger("debate.rounds") && !SweepPlan.isInteger("agents.temperature"))
        #expect(SweepPlan.label("finetune.learning_rate") == "Learning rate (finetune.learning_rate)")
        #expect(SweepPlan.label("task.chains_per_question") == "Candidate reasoning chains per que… (task.chains_per_question)")
    }
}
