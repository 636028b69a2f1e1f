import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusSimulation

/// Issue 10: configuration text that could hang, exhaust memory or overflow the stack is refused
/// with one clear error; every documented limit holds at its edge.
@Suite struct ConfigLimitTests {
    func error(_ body: () throws -> Void) -> SimulationError? {
        do { try body(); return nil } catch let e as SimulationError { return e } catch { return nil }
    }

    /// A "billion laughs" of `levels` levels of nine aliases each.
    static func aliasBomb(levels: Int, key: String = "seeds") -> String {
        var s = "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for k in 1..<levels { s += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]\n" }
        return s + "\(key): *a\(levels - 1)\n"
    }

    @Test func aliasBombsAreRefusedBeforeAnyExpansion() {
        for text in [Self.aliasBomb(levels: 9), Self.aliasBomb(levels: 12, key: "output"),
                     "seeds: &s [1]\nname: x\n", "name: *undefined\n", "? *k\n: 1\n", "seeds: [&x 1, *x]\n",
                     "seeds:\n- &x 1\n- *x\n", "name: !!str &x y\n"] {
            let e = error { _ = try SimulationConfig.load(yaml: text, source: "bomb.yaml") }
            #expect(e?.description.contains("anchors (&) and aliases (*) are not accepted") == true, "\(text.prefix(60)): \(String(describing: e))")
        }
        // As a --set value too (it reached 6.2 GB before).
        var b = ConfigBuilder(config: SimulationConfig(), source: "x")
        #expect(error { try b.set("seeds=[&a [1,1,1,1,1,1,1,1,1], *a]") }?.description.contains("not accepted") == true)
    }

    @Test func asteriskAndAmpersandInsideValuesAreText() throws {
        let c = try SimulationConfig.load(yaml: "name: my *best* run & more # a *comment*\nregimes: ['multiagent']\n")
        #expect(c.name == "my *best* run & more")
        #expect(try SimulationConfig.load(yaml: "name: \"*starred\"\n").name == "*starred")
        #expect(try SimulationConfig.load(yaml: "name: '&x'\n").name == "&x")
        #expect(try SimulationConfig.load(yaml: "name: |-\n  *block* text\n").name == "*block* text")
        var b = ConfigBuilder(config: SimulationConfig(), source: "x")
        try b.set("name=a*b")
        #expect(try b.build().name == "a*b")
    }

    @Test func deepNestingAndHugeTextsAreRefused() {
        let flow = "seeds: " + String(repeating: "[", count: 100_000) + "\n"
        #expect(error { _ = try SimulationConfig.load(yaml: flow) }?.description.contains("nesting too deep") == true)
        let block = "seeds:\n" + String(repeating: "- ", count: 20_000) + "1\n"
        #expect(error { _ = try SimulationConfig.load(yaml: block) }?.description.contains("nesting too deep") == true)
        let big = "name: x\n" + String(repeating: "# padding\n", count: 110_000)
        #expect(error { _ = try SimulationConfig.load(yaml: big) }?.description.contains("at most 1048576") == true)
        // At the limits: 64 flow levels parse (and are then a type error, not a crash).
        let edge = "seeds: " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n"
        #expect(error { _ = try SimulationConfig.load(yaml: edge) }?.description.contains("nesting") == false)
    }

    /// Found by the long fuzz run (case 4450 of seed 10): a negative `iterations` with
    /// transcripts built the range 0...-1, which traps.
    @Test func negativeIterationsWithTranscriptsIsAnErrorNotACrash() {
        let e = error { _ = try SimulationConfig.load(yaml: "iterations: -1\noutput:\n  transcripts: [0]\n") }
        #expect(e?.description.contains("iterations") == true)
        // Extreme integers at every count: an error naming the key, never an overflow trap.
        for key in ["task.chains_per_question", "task.wrong_answers", "task.styles", "task.feature_dimension",
                    "task.train_questions", "agents.count", "debate.rounds", "debate.context_budget", "iterations",
                    "finetune.epochs", "finetune.batch_size"] {
            for v in [Int.min, Int.max, -1, 0] {
                let e = error { _ = try SimulationConfig().setting(["\(key)=\(v)"]) }
                if v != 0 || !["iterations", "finetune.epochs"].contains(key) {
                    #expect(e?.description.contains(key) == true, "\(key)=\(v): \(String(describing: e))")
                }
            }
        }
    }

    @Test func nameLengthAndControlCharactersAreBounded() throws {
        let ok = String(repeating: "n", count: SimulationConfig.maxNameLength)
        #expect(try SimulationConfig.load(yaml: "name: \(ok)\n").name == ok)
        #expect(error { _ = try SimulationConfig.load(yaml: "name: \(ok)x\n") }?.unlocated
                == .invalidValue(path: "name", value: ok + "x", allowed: "at most 128 characters (it is 129)"))
        #expect(error { _ = try SimulationConfig.load(yaml: "name: \"a\\tb\"\n") }?.description.contains("control characters") == true)
        // A million-character name is refused quickly, its message clipped.
        let huge = String(repeating: "x", count: 1_000_000)
        #expect((error { _ = try SimulationConfig.load(yaml: "name: \(huge)\n") }?.description.count ?? .max) < 600)
    }

    @Test func configurationFilesMustBeRegularAndSmall() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("fifo.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(error { _ = try SimulationConfig.load(contentsOf: fifo) }?.description.contains("not a regular file") == true)
        let real = dir.appendingPathComponent("real.yaml")
        try "iterations: 2\n".write(to: real, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("link.yaml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        #expect(try SimulationConfig.load(contentsOf: link.path).iterations == 2)
        let big = dir.appendingPathComponent("big.yaml")
        try Data(repeating: 0x23, count: YAMLGuard.maxDocumentBytes + 1).write(to: big)
        #expect(error { _ = try SimulationConfig.load(contentsOf: big.path) }?.description.contains("at most 1048576 bytes") == true)
    }

    @Test func continuousParametersAreBoundedAtTheirDocumentedEdges() throws {
        let edges: [(String, Double, Double)] = [
            ("task.learnability", 0, 1000), ("task.verifiability", 0, 1000), ("task.style_heterogeneity", 0, 1000),
            ("task.base_logit_scale", 0, 1000), ("agents.temperature", 0.001, 1000),
            ("debate.summary_noise", 0, 1000), ("debate.raw_noise", 0, 1000),
            ("debate.stay_weight", -1000, 1000), ("debate.support_weight", -1000, 1000),
            ("debate.evidence_weight", -1000, 1000), ("debate.prior_weight", -1000, 1000),
            ("finetune.learning_rate", 0, 100), ("finetune.critic_learning_rate", 0, 100),
        ]
        for (key, lo, hi) in edges {
            #expect(throws: Never.self, "\(key)=\(lo)") { _ = try SimulationConfig().setting(["\(key)=\(lo)"]) }
            #expect(throws: Never.self, "\(key)=\(hi)") { _ = try SimulationConfig().setting(["\(key)=\(hi)"]) }
            for bad in [lo - (lo == 0.001 ? 0.0005 : 1), hi * 1.001, 1e308, -1e308] {
                #expect(throws: SimulationError.self, "\(key)=\(bad)") { _ = try SimulationConfig().setting(["\(key)=\(bad)"]) }
            }
        }
    }

    /// Every edge of every bounded parameter gives finite metrics, and ratios stay in [0, 1]:
    /// the bounds are what keeps the numbers honest (1e308 gave NaN, τ = 1e-300 a ratio of −26).
    @Test func everyParameterEdgeGivesFiniteMetrics() throws {
        var base = Presets.quick
        base.seeds = [1]
        base.task.trainQuestions = 12
        base.task.testQuestions = 12
        base.iterations = 1
        let edges = ["task.learnability=1000", "task.verifiability=1000", "task.style_heterogeneity=1000",
                     "task.base_logit_scale=1000", "task.base_logit_scale=0", "agents.temperature=0.001",
                     "agents.temperature=1000", "debate.summary_noise=1000", "debate.raw_noise=1000",
                     "debate.stay_weight=-1000", "debate.support_weight=1000", "debate.evidence_weight=1000",
                     "debate.evidence_weight=-1000", "debate.prior_weight=1000", "finetune.learning_rate=100",
                     "finetune.critic_learning_rate=100", "task.base_accuracy=0.999999"]
        for edge in edges {
            let c = try base.setting([edge])
            let result = try Experiment(config: c).run(threads: 2)
            #expect(throws: Never.self, "\(edge)") { try ResultGuard.check(result) }
            for r in result.rows where !r.metric.hasPrefix("contrast") && (r.metric.hasPrefix("accuracy") || r.metric.contains("agreement")) {
                #expect((-1e-9...(1 + 1e-9)).contains(r.value), "\(edge): \(r.metric) = \(r.value)")   // rounding of 1 − Σp² is ~1e-12
            }
        }
    }

    @Test func resultGuardNamesTheSuspectParameter() {
        var c = SimulationConfig()
        c.debate.summaryNoise = 900
        let result = ExperimentResult(config: c, rows: [MetricRow(regime: "multiagent", seed: 1, iteration: 0, metric: "entropy.chain", value: .nan)],
                                      transcripts: [])
        let e = error { try ResultGuard.check(result) }
        #expect(e?.description.contains("debate.summary_noise") == true)
        #expect(e?.description.contains("entropy.chain of regime multiagent, seed 1, iteration 0 is nan") == true)
    }
}

/// The memory estimate and its limit.
@Suite struct MemoryEstimateTests {
    @Test func estimateMatchesTheFittedModelAndScalesWithThreads() {
        var c = SimulationConfig()
        c.seeds = [1]
        c.task.trainQuestions = 10
        c.task.testQuestions = 20_000
        // Hand computation: bank 12·(32+64) = 1152 B, work 12·136 + 120·3·2 = 2352 B per question.
        let expected = 1.25 * (34 * 1_048_576 + 20_010 * 1152 + 20_010 * 2352.0)
        #expect(abs(MemoryEstimate.bytes(c) - expected) < 1)
        c.seeds = [1, 2]
        #expect(MemoryEstimate.bytes(c, threads: 2) > MemoryEstimate.bytes(c, threads: 1))
        // Threads beyond the number of (regime, seed) pairs add nothing.
        #expect(MemoryEstimate.bytes(c, threads: 4) == MemoryEstimate.bytes(c, threads: 100))
    }

    @Test func tenMillionQuestionsAreRefusedUnlessTheLimitIsRaised() throws {
        var c = SimulationConfig()
        c.seeds = [1]
        c.task.testQuestions = 10_000_000
        c.task.chainsPerQuestion = 2
        c.task.wrongAnswers = 1
        c.task.styles = 1
        c.task.featureDimension = 1
        #expect(throws: SimulationError.self) { try MemoryEstimate.check(c, environment: [:]) }
        var message = ""
        do { try MemoryEstimate.check(c, environment: [:]) } catch { message = "\(error)" }
        #expect(message.contains("CHORUS_MEMORY_LIMIT_GB"))
        #expect(throws: Never.self) { try MemoryEstimate.check(c, environment: ["CHORUS_MEMORY_LIMIT_GB": "64"]) }
        #expect(throws: SimulationError.self) { try MemoryEstimate.check(c, environment: ["CHORUS_MEMORY_LIMIT_GB": "lots"]) }
        // The default preset fits the default limit with room to spare.
        #expect(MemoryEstimate.bytes(SimulationConfig(), threads: 64) < MemoryEstimate.defaultLimitBytes / 4)
    }
}
