import ChorusAnalysis
/// Sweeps that ship with Chorus (`chorus sweep run --builtin NAME`).
public enum BuiltinSweeps {
    /// Name, one-line summary, spec.
    public static let all: [(name: String, summary: String, spec: @Sendable () -> SweepSpec)] = [
        ("phase", "Multiagent − single-agent accuracy at the last iteration over society size (2…8 agents) × learning rate; 10 fresh seeds per point.", { phase }),
        ("phase-task", "The same effect over task verifiability × learnability.", { phaseTask }),
    ]

    /// The built-in sweeps' names (`--builtin NAME`).
    public static var names: [String] { all.map(\.name) }

    /// - Throws: `SimulationError.unknownName` listing the built-in sweeps.
    public static func spec(named name: String) throws -> SweepSpec {
        guard let s = all.first(where: { $0.name == name }) else {
            throw SimulationError.unknownName(kind: "built-in sweep", name: name, allowed: names)
        }
        return s.spec()
    }

    /// Common base: the paper preset's model with the two regimes the effect compares, 200+200
    /// questions and seeds 10001…10010 (never used for calibration, which used seeds 1…N).
    static func base(_ name: String) -> SweepSpec {
        var s = SweepSpec()
        s.name = name
        s.preset = "paper"
        s.set = ["regimes=single-agent,multiagent", "task.train_questions=200", "task.test_questions=200"]
        s.seeds = 10
        s.seedOffset = 10_000
        s.metrics = [MetricName.accuracyFinal, MetricName.accuracyRound1Majority, MetricName.entropyChain,
                     MetricName.disagreementChain, Contrasts.accuracyMinus("single-agent"), Contrasts.minusIteration1]
        s.claims = []
        s.figure = .init(metric: Contrasts.accuracyMinus("single-agent"), regime: "multiagent",
                         title: "Multiagent − single-agent accuracy, last iteration (10 seeds)")
        return s
    }

    static var phase: SweepSpec {
        var s = base("phase")
        s.axes = [SweepAxis(key: "agents.count", values: .list(["2", "3", "4", "6", "8"])),
                  SweepAxis(key: "finetune.learning_rate", values: .list(["0.1", "0.3", "0.6", "1"]))]
        return s
    }

    static var phaseTask: SweepSpec {
        var s = base("phase-task")
        s.axes = [SweepAxis(key: "task.verifiability", values: .list(["0", "0.5", "1", "2"])),
                  SweepAxis(key: "task.learnability", values: .list(["0", "0.5", "1", "2"]))]
        return s
    }
}

extension SweepPlan {
    /// A readable label for a swept key: the first phrase of its documentation and the key,
    /// e.g. "Agents per role (agents.count)".
    public static func label(_ key: String) -> String {
        if key == SweepSpec.seedOffsetKey { return "Seed offset (seed_offset)" }
        guard let entry = ConfigKeys.named(key) else { return key }
        if let short = entry.shortLabel { return "\(short) (\(key))" }
        let doc = entry.meaning
        let cut = doc.firstIndex { ":(;".contains($0) } ?? doc.endIndex
        var phrase = doc[..<cut].trimmingCharacters(in: .whitespaces)
        if phrase.hasSuffix(".") { phrase.removeLast() }
        if phrase.count > 36 { phrase = String(phrase.prefix(34)) + "…" }
        return "\(phrase) (\(key))"
    }
}
