import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusSimulation

/// YAML configuration: loading, unknown keys, wrong types, ranges, `--set` overrides.
@Suite struct ConfigTests {
    static let topKeys = ["name", "seeds", "regimes", "iterations", "placebo_seeds", "task", "agents", "debate", "finetune", "output"]
    static let debateKeys = ["rounds", "summarize", "summary_noise", "raw_noise", "context_budget",
                             "stay_weight", "support_weight", "evidence_weight", "prior_weight"]

    /// The error thrown by `body`, or nil.
    func error(_ body: () throws -> Void) -> SimulationError? {
        do { try body(); return nil } catch let e as SimulationError { return e } catch { return nil }
    }

    @Test func emptyTextGivesTheDefaults() throws {
        #expect(try SimulationConfig.load(yaml: "") == SimulationConfig())
        #expect(try SimulationConfig.load(yaml: "# only a comment\n") == SimulationConfig())
    }

    @Test func partialTextOverlaysTheDefaults() throws {
        let c = try SimulationConfig.load(yaml: """
            iterations: 3
            seeds: [4, 5]
            debate:
              rounds: 3
              summarize: false
            finetune:
              data: accumulate
              learning_rate: 0.25
            """)
        var expected = SimulationConfig()
        expected.iterations = 3; expected.seeds = [4, 5]
        expected.debate.rounds = 3; expected.debate.summarize = false
        expected.finetune.data = .accumulate; expected.finetune.learningRate = 0.25
        #expect(c == expected)
    }

    @Test func theSchemaIsDerivedFromTheStructure() {
        let schema = ConfigTree.schema()
        #expect(schema.requested[""] == Self.topKeys)
        #expect(schema.requested["debate"] == Self.debateKeys)
        #expect(schema.requested["agents"] == ["count", "temperature"])
    }

    @Test func unknownKeyAtDepthOneNamesPathLineAndAllowedKeys() {
        let e = error { _ = try SimulationConfig.load(yaml: "name: x\niteratons: 3\n", source: "run.yaml") }
        #expect(e == .located(source: "run.yaml", line: 2, error: .unknownKey(path: "iteratons", allowed: Self.topKeys)))
        #expect(e?.description.hasPrefix("run.yaml:2: unknown configuration key 'iteratons'; allowed here: name, seeds, regimes,") == true)
    }

    @Test func unknownKeyAtDepthTwoNamesPathLineAndAllowedKeys() {
        let e = error { _ = try SimulationConfig.load(yaml: "debate:\n  rounds: 2\n  round: 3\n", source: "c.yaml") }
        #expect(e == .located(source: "c.yaml", line: 3, error: .unknownKey(path: "debate.round", allowed: Self.debateKeys)))
    }

    @Test func unknownKeyIsReportedBeforeATypeErrorLaterInTheFile() {
        let e = error { _ = try SimulationConfig.load(yaml: "agents:\n  cuont: 3\ndebate:\n  rounds: two\n") }
        #expect(e?.unlocated == .unknownKey(path: "agents.cuont", allowed: ["count", "temperature"]))
    }

    @Test func wrongTypesNameTheExpectedTypeAndTheValueFound() {
        let cases: [(String, SimulationError, Int)] = [
            ("debate:\n  rounds: two\n", .wrongType(path: "debate.rounds", expected: "an integer", found: "\"two\""), 2),
            ("debate:\n  rounds: 2.5\n", .wrongType(path: "debate.rounds", expected: "an integer", found: "2.5"), 2),
            ("agents:\n  temperature: hot\n", .wrongType(path: "agents.temperature", expected: "a number", found: "\"hot\""), 2),
            ("debate:\n  summarize: maybe\n", .wrongType(path: "debate.summarize", expected: "true or false", found: "\"maybe\""), 2),
            ("seeds: 5\n", .wrongType(path: "seeds", expected: "a list", found: "5"), 1),
            ("seeds: [1, -2]\n", .wrongType(path: "seeds[1]", expected: "a non-negative integer", found: "-2"), 1),
            ("debate: 3\n", .wrongType(path: "debate", expected: "a mapping of keys", found: "3"), 1),
            ("iterations:\n", .wrongType(path: "iterations", expected: "an integer", found: "null (no value)"), 1),
            ("regimes: [multiagent, [a]]\n", .wrongType(path: "regimes[1]", expected: "a string", found: "a list"), 1),
            ("- 1\n- 2\n", .wrongType(path: "(top level)", expected: "a mapping of configuration keys", found: "a list"), 1),
        ]
        for (text, expected, line) in cases {
            let e = error { _ = try SimulationConfig.load(yaml: text, source: "t.yaml") }
            #expect(e == .located(source: "t.yaml", line: line, error: expected), "\(text)")
        }
    }

    @Test func anUnknownEnumCaseListsTheAllowedCases() {
        let e = error { _ = try SimulationConfig.load(yaml: "finetune:\n  data: sometimes\n") }
        #expect(e?.unlocated == .invalidValue(path: "finetune.data", value: "\"sometimes\"", allowed: "replace, accumulate"))
    }

    @Test func invalidYAMLAndDuplicateKeysAreUnreadableWithALine() {
        let e1 = error { _ = try SimulationConfig.load(yaml: "name: a\ndebate: [1, 2\n", source: "bad.yaml") }
        guard case .located("bad.yaml", let line, .unreadable("bad.yaml", let reason))? = e1 else {
            Issue.record("unexpected \(String(describing: e1))"); return
        }
        #expect(line != nil && reason.hasPrefix("invalid YAML"))
        let e2 = error { _ = try SimulationConfig.load(yaml: "iterations: 1\niterations: 2\n", source: "dup.yaml") }
        guard case .located("dup.yaml", _, .unreadable(_, let r2))? = e2 else { Issue.record("unexpected \(String(describing: e2))"); return }
        #expect(r2.contains("duplicate key"))
    }

    @Test func eachRangeErrorNamesItsKeyAndWhatIsAllowed() {
        let cases: [(String, String)] = [
            ("name=''", "name"),
            ("seeds=[]", "seeds"),
            ("seeds=[1, 2, 1]", "seeds[2]"),
            ("regimes=[]", "regimes"),
            ("regimes=multiagent,multiagent", "regimes[1]"),
            ("iterations=-1", "iterations"),
            ("task.train_questions=0", "task.train_questions"),
            ("task.test_questions=0", "task.test_questions"),
            ("task.chains_per_question=1", "task.chains_per_question"),
            ("task.wrong_answers=0", "task.wrong_answers"),
            ("task.wrong_answers=12", "task.wrong_answers"),
            ("task.styles=0", "task.styles"),
            ("task.feature_dimension=0", "task.feature_dimension"),
            ("task.learnability=-0.5", "task.learnability"),
            ("task.verifiability=-1", "task.verifiability"),
            ("task.style_heterogeneity=.inf", "task.style_heterogeneity"),
            ("task.base_accuracy=0", "task.base_accuracy"),
            ("task.base_accuracy=1", "task.base_accuracy"),
            ("task.base_logit_scale=-1", "task.base_logit_scale"),
            ("task.styles=13", "task.styles"),
            ("agents.count=65", "agents.count"),
            ("finetune.base_pull=2", "finetune.base_pull"),
            ("agents.count=0", "agents.count"),
            ("agents.temperature=0", "agents.temperature"),
            ("agents.temperature=-1", "agents.temperature"),
            ("debate.rounds=0", "debate.rounds"),
            ("debate.summary_noise=-0.1", "debate.summary_noise"),
            ("debate.raw_noise=-0.1", "debate.raw_noise"),
            ("debate.context_budget=0", "debate.context_budget"),
            ("debate.stay_weight=.nan", "debate.stay_weight"),
            ("debate.support_weight=.inf", "debate.support_weight"),
            ("debate.evidence_weight=-.inf", "debate.evidence_weight"),
            ("debate.prior_weight=.nan", "debate.prior_weight"),
            ("finetune.learning_rate=-1", "finetune.learning_rate"),
            ("finetune.epochs=-1", "finetune.epochs"),
            ("finetune.critic_learning_rate=-1", "finetune.critic_learning_rate"),
            ("finetune.base_pull=-1", "finetune.base_pull"),
            ("finetune.critic_mix_weight=1.5", "finetune.critic_mix_weight"),
            ("finetune.critic_mix_weight=-0.1", "finetune.critic_mix_weight"),
            ("finetune.batch_size=0", "finetune.batch_size"),
            ("output.transcripts=[0, 6]", "output.transcripts[1]"),
            ("output.transcripts=[2, 2]", "output.transcripts[1]"),
        ]
        for (assignment, path) in cases {
            let e = error { _ = try SimulationConfig().setting([assignment]) }
            guard case .located(let source, nil, let inner)? = e else {
                Issue.record("\(assignment): expected a located error, got \(String(describing: e))"); continue
            }
            #expect(source == "--set \(assignment)")
            if case .invalidValue(let p, _, let allowed) = inner {
                #expect(p == path, "\(assignment)")
                #expect(!allowed.isEmpty)
            } else {
                Issue.record("\(assignment): expected invalidValue, got \(inner)")
            }
        }
        // Unknown regime names are an unknownName error listing the regimes.
        let e = error { _ = try SimulationConfig().setting(["regimes=multiagent,solo"]) }
        #expect(e?.unlocated == .unknownName(kind: "regime", name: "solo", allowed: Regime.names))
    }

    @Test func theTaskBanksMemoryIsBoundedAcrossKeys() {
        // Each count is in range, but together they ask for 40 GB per bank; this aborted on
        // allocation instead of being a configuration error.
        var c = SimulationConfig()
        c.task.trainQuestions = 10_000_000; c.task.chainsPerQuestion = 1000; c.task.featureDimension = 4096
        #expect(c.validationIssues().map(\.path) == ["task"])
        #expect(throws: SimulationError.self) { try Experiment(config: c) }
        // Many seeds of a modest bank are bounded too; the default configuration is far inside.
        var d = SimulationConfig()
        d.seeds = Array(0..<100_000); d.task.featureDimension = 64
        #expect(d.validationIssues().map(\.path) == ["task"])
        #expect(SimulationConfig().validationIssues().isEmpty)
    }

    @Test func hugeValuesAreClippedInMessages() {
        let big = String(repeating: "x", count: 10_000)
        let e = SimulationError.located(source: "c.yaml", line: 1, error: .wrongType(path: "seeds", expected: "a list", found: big))
        #expect(e.description.count < 300)
        #expect(e.description.contains("(10000 characters)"))
        #expect(SimulationError.wrongType(path: "a", expected: "b", found: "short").description.hasSuffix("found short"))
    }

    @Test func everyIssueIsReportedNotOnlyTheFirst() {
        var c = SimulationConfig()
        c.agents.count = 0; c.debate.rounds = 0; c.seeds = []
        #expect(c.validationIssues().map(\.path) == ["seeds", "agents.count", "debate.rounds"])
        #expect(throws: SimulationError.self) { try c.validate() }
        #expect(throws: Never.self) { try SimulationConfig().validate() }
    }

    @Test func setAssignmentsAreTypedByTheKey() throws {
        let c = try SimulationConfig().setting([
            "debate.rounds=3", "debate.summarize=false", "seeds=1,2,3", "regimes=multiagent",
            "finetune.data=accumulate", "task.base_accuracy=0.6", "name=my run", "output.transcripts=[0, 2]",
            "agents.temperature=2", "iterations=4",
        ])
        #expect(c.debate.rounds == 3 && c.debate.summarize == false)
        #expect(c.seeds == [1, 2, 3] && c.regimes == ["multiagent"])
        #expect(c.finetune.data == .accumulate && c.task.baseAccuracy == 0.6)
        #expect(c.name == "my run" && c.output.transcripts == [0, 2])
        #expect(c.agents.temperature == 2.0 && c.iterations == 4)
        // Later assignments win; range checks see the final values.
        let d = try SimulationConfig().setting(["output.transcripts=[7]", "iterations=8"])
        #expect(d.output.transcripts == [7] && d.iterations == 8)
    }

    @Test func setErrorsMatchTheYAMLErrors() {
        #expect(error { _ = try SimulationConfig().setting(["debate.round=3"]) }
                == .located(source: "--set debate.round=3", line: nil, error: .unknownKey(path: "debate.round", allowed: Self.debateKeys)))
        #expect(error { _ = try SimulationConfig().setting(["debate.rounds=two"]) }
                == .located(source: "--set debate.rounds=two", line: nil, error: .wrongType(path: "debate.rounds", expected: "an integer", found: "\"two\"")))
        #expect(error { _ = try SimulationConfig().setting(["debate=3"]) }?.unlocated
                == .wrongType(path: "debate", expected: "a mapping of keys", found: "3"))
        #expect(error { _ = try SimulationConfig().setting(["debate.rounds.x=3"]) }?.unlocated
                == .wrongType(path: "debate.rounds", expected: "an integer", found: "a mapping"))
        if case .invalidValue(let p, _, _)? = error({ _ = try SimulationConfig().setting(["debate.rounds"]) })?.unlocated {
            #expect(p == "debate.rounds")
        } else { Issue.record("missing '=' should be an invalidValue") }
        if case .invalidValue(let p, _, _)? = error({ _ = try SimulationConfig().setting(["debate..rounds=2"]) })?.unlocated {
            #expect(p == "debate..rounds")
        } else { Issue.record("empty key component should be an invalidValue") }
    }

    @Test func filesAreNamedInErrorsWithTheLineOfTheBadValue() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.yaml")
        try "iterations: 2\nagents:\n  count: 2\n".write(to: good, atomically: true, encoding: .utf8)
        let c = try SimulationConfig.load(contentsOf: good.path)
        #expect(c.iterations == 2 && c.agents.count == 2)

        let bad = dir.appendingPathComponent("bad.yaml")
        try "iterations: 2\nagents:\n  count: 0\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(error { _ = try SimulationConfig.load(contentsOf: bad.path) }
                == .located(source: bad.path, line: 3, error: .invalidValue(path: "agents.count", value: "0", allowed: "an integer in 1...64")))

        let missing = dir.appendingPathComponent("missing.yaml").path
        #expect(error { _ = try SimulationConfig.load(contentsOf: missing) } == .unreadable(path: missing, reason: "no such file"))
        #expect(error { _ = try SimulationConfig.load(contentsOf: dir.path) } == .unreadable(path: dir.path, reason: "it is a directory"))
    }

    @Test func rangeErrorsAreAttributedToTheSourceThatSetTheKey() throws {
        var b = try ConfigBuilder(yaml: "iterations: 2\noutput:\n  transcripts: [1, 2]\n", source: "f.yaml")
        try b.set("iterations=1")
        // transcripts [1, 2] is now out of range; the file set it, on line 3.
        #expect(error { _ = try b.build() }?.description.hasPrefix("f.yaml:3: configuration key 'output.transcripts[1]'") == true)
        var q = ConfigBuilder(config: SimulationConfig(), source: "preset default")
        try q.setRegimes("multiagent,nope")
        #expect(error { _ = try q.build() } == .located(source: "--regimes multiagent,nope", line: nil,
                                                         error: .unknownName(kind: "regime", name: "nope", allowed: Regime.names)))
    }

    @Test func seedListsParseRangesAndLists() throws {
        #expect(try SeedList.parse("1-5") == [1, 2, 3, 4, 5])
        #expect(try SeedList.parse("1,2,3") == [1, 2, 3])
        #expect(try SeedList.parse("1-3, 7") == [1, 2, 3, 7])
        #expect(try SeedList.parse("42") == [42])
        for bad in ["", "5-1", "a", "1,,2", "1-3,2", "-1", "1-2-3", "0-100000"] {
            #expect(throws: SimulationError.self, "\(bad)") { try SeedList.parse(bad) }
        }
        var b = ConfigBuilder(config: SimulationConfig(), source: "x")
        try b.setSeeds("1-20")
        #expect(try b.build().seeds == Array(1...20))
    }
}
