import Foundation
import Testing
@testable import ChorusSimulation

/// Presets registry and YAML emission.
@Suite struct PresetsTests {
    @Test func theRegistryListsDefaultQuickAndPaper() throws {
        #expect(Presets.names == ["default", "quick", "paper", "long"])
        #expect(try Presets.config(named: "default") == { var c = SimulationConfig(); c.name = "default"; return c }())
        #expect(try Presets.config(named: "paper") == SimulationConfig.paper)
        let q = try Presets.config(named: "quick")
        #expect(q.seeds.count == 2 && q.task.trainQuestions == 40 && q.task.testQuestions == 40 && q.iterations == 2)
        #expect(q.regimes == Regime.baseNames)
        #expect(try Presets.config(named: "paper").regimes == Regime.names)   // every regime and its placebo twin
        for p in Presets.all { #expect(!p.summary.isEmpty && p.config().name == p.name) }
    }

    @Test func anUnknownPresetListsTheKnownOnes() {
        #expect(throws: SimulationError.unknownName(kind: "preset", name: "papr", allowed: ["default", "quick", "paper", "long"])) {
            try Presets.config(named: "papr")
        }
    }

    @Test func everyPresetIsValidAndAcceptedByTheModel() throws {
        for name in Presets.names {
            let c = try Presets.config(named: name)
            #expect(c.validationIssues().isEmpty, "\(name): \(c.validationIssues())")
            _ = try Experiment(config: c)
        }
    }

    @Test func everyPresetRoundTripsThroughYAML() throws {
        for name in Presets.names {
            let text = try Presets.yaml(named: name)
            #expect(try SimulationConfig.load(yaml: text, source: name) == Presets.config(named: name), "\(name)")
            // Also over a different base: the YAML names every key.
            var other = SimulationConfig(); other.iterations = 1; other.debate.rounds = 4; other.finetune.data = .accumulate
            #expect(try SimulationConfig.load(yaml: text, base: other) == Presets.config(named: name), "\(name)")
        }
    }

    @Test func awkwardValuesRoundTrip() throws {
        for name in ["yes", "3", "a: b", "x\\y", "#hash", " padded ", "null", "ünïcode run", "1e5", "-", "quote\"d"] {
            var c = SimulationConfig()
            c.name = name
            c.seeds = [0, UInt64.max, 12345678901234567]
            c.task.learnability = 0.1
            c.task.verifiability = 1e-7
            c.task.styleHeterogeneity = 1e-300   // (1e300 is now out of range: issue 10 bounds)
            c.finetune.criticMixWeight = 2.0 / 3.0
            c.debate.stayWeight = -0.0000123
            c.output.transcripts = [0, 5]
            let text = c.yaml()
            #expect(try SimulationConfig.load(yaml: text) == c, "\(name)\n\(text)")
        }
    }

    @Test func theYAMLCommentsEveryKey() throws {
        let text = SimulationConfig().yaml()
        let leaves = ConfigKeysTests.leaves()
        #expect(leaves.count >= 30)
        for leaf in leaves {
            // A key added to SimulationConfig needs an entry in ConfigKeys (ConfigKeysTests).
            #expect(ConfigKeys.named(leaf) != nil, "no entry for \(leaf) in ConfigKeys")
            if let k = ConfigKeys.named(leaf) { #expect(text.contains("# " + ConfigYAMLWriter.comment(k)), "\(leaf)") }
        }
        for section in ["task", "agents", "debate", "finetune", "output"] {
            #expect(ConfigKeys.sections.contains { $0.name == section } && text.contains("\n\(section):\n"))
        }
        #expect(text.contains("seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"))
        #expect(text.contains("critic_mix_weight: 0.6666666666666666\n"))
    }
}
