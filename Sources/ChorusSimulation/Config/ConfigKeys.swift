import ChorusRecords
import Yams

/// The table of configuration keys: one entry per key of `SimulationConfig`, in declaration
/// order. Adding a key means adding its field to `SimulationConfig` (with its default and
/// CodingKey) and one entry here; validation, the YAML comments, docs/configuration.md's key
/// table and the sweep follow. A test fails when a field has no entry or the docs differ.
///
/// Where the configuration check and `Experiment`'s former second check disagreed, the bound
/// here is the stricter, documented one (docs/configuration.md, "Keys"): e.g. the temperature
/// is at least 0.001, not just > 0 (1e-300 gave a disagreement ratio of −26), and critic
/// weights lie in ±1000, not just finite (1e308 overflowed logits to NaN metrics, issue 10).
public enum ConfigKeys {
    /// Largest magnitude of a continuous model parameter (noise sds, weights, scales,
    /// temperature): beyond it, logits and evidence overflow towards infinity and metrics
    /// become NaN or impossible (issue 10: `summary_noise` 1e308 gave NaN metrics).
    public static let maxScale = 1000.0
    /// Smallest temperature: logits are divided by it (1e-300 gave a disagreement ratio of −26).
    public static let minTemperature = 0.001
    /// Largest learning rate (generation and critic).
    public static let maxRate = 100.0
    /// Longest `name` (it is repeated in every row of `metrics.csv` and in directory names).
    public static let maxNameLength = 128
    /// Most seeds in one configuration.
    public static let maxSeeds = 100_000

    static let scale = 0...maxScale
    static let weight = -maxScale...maxScale

    /// The sections, in declaration order.
    public static let sections: [ConfigSection] = [
        ConfigSection(name: "task", meaning: "The task bank: questions, their reasoning chains, answers, styles, features, evidence.",
                      check: memoryRule),
        ConfigSection(name: "agents", meaning: "The society's agents.", check: nil),
        ConfigSection(name: "debate", meaning: "The debate and the critic policy.", check: nil),
        ConfigSection(name: "finetune", meaning: "Finetuning between iterations.", check: nil),
        ConfigSection(name: "output", meaning: "What a run writes besides its tables.", check: nil),
    ]

    /// Every key, in declaration order (top-level keys first, then each section's).
    public static let all: [ConfigKey] = [
        ConfigKey(path: "name", kind: .text,
                  meaning: "Name recorded in the manifest and the run id.",
                  allowed: "1 to \(maxNameLength) characters, no control characters", sweepable: false, keyPath: \SimulationConfig.name) { c, v in
            let name = c.name
            v.require(!name.isEmpty, "name", "\"\"", "a non-empty string")
            v.require(name.count <= maxNameLength, "name", name, "at most \(maxNameLength) characters (it is \(name.count))")
            v.require(!name.unicodeScalars.contains { $0.properties.generalCategory == .control }, "name", name,
                      "a name without control characters (line breaks, tabs)")
        },
        ConfigKey(path: "seeds", kind: .list,
                  meaning: "Root seeds, one independent replicate of every regime each.",
                  allowed: "non-empty, distinct, at most \(maxSeeds), each in 0...\(UInt64.max)", sweepable: false, keyPath: \SimulationConfig.seeds) { c, v in
            v.require(!c.seeds.isEmpty, "seeds", "[]", "a non-empty list of distinct non-negative integers")
            v.require(c.seeds.count <= maxSeeds, "seeds", "\(c.seeds.count) seeds", "at most \(maxSeeds) seeds")
            var seen = Set<UInt64>()
            for (i, s) in c.seeds.enumerated() where !seen.insert(s).inserted {
                v.require(false, "seeds[\(i)]", "\(s)", "distinct seeds (\(s) appears twice)")
            }
        },
        ConfigKey(path: "regimes", kind: .list,
                  meaning: "Regimes to run: \(Regime.baseNames.joined(separator: ", ")), and any of them with the suffix `\(Regime.placeboSuffix)` (its negative control, docs/model.md §1).",
                  allowed: "non-empty, distinct, known names", sweepable: true, keyPath: \SimulationConfig.regimes) { c, v in
            v.require(!c.regimes.isEmpty, "regimes", "[]", "a non-empty list of: \(Regime.names.joined(separator: ", "))")
            var seen = Set<String>()
            for (i, r) in c.regimes.enumerated() {
                if !Regime.names.contains(r) {
                    v.issues.append(ConfigIssue(path: "regimes[\(i)]", error: .unknownName(kind: "regime", name: r, allowed: Regime.names)))
                } else if !seen.insert(r).inserted {
                    v.require(false, "regimes[\(i)]", r, "each regime once (\(r) appears twice)")
                }
            }
        },
        .integer("iterations", \.iterations, 0...1000,
                 "Finetuning iterations after the base model; iteration 0 (base) is measured too."),
        .integer("placebo_seeds", \.placeboSeeds, bounds: { c in 0...max(0, c.seeds.count) },
                 note: { c in "an integer in 0...\(c.seeds.count) (the number of seeds; 0 = placebo twins on every seed)" },
                 "Placebo twins run on the first N seeds only; 0 = every seed (`chorus reproduce` sets it to its first 2 blocks).",
                 allowed: "0...number of seeds"),

        .integer("task.train_questions", \.task.trainQuestions, 1...10_000_000,
                 "Questions whose debates give finetuning data.", allowed: "1...10000000 (and the memory limit)"),
        .integer("task.test_questions", \.task.testQuestions, 1...10_000_000,
                 "Held-out questions on which every metric is measured.", allowed: "1...10000000 (and the memory limit)"),
        .integer("task.chains_per_question", \.task.chainsPerQuestion, 2...1000,
                 "Candidate reasoning chains per question."),
        .integer("task.wrong_answers", \.task.wrongAnswers, bounds: { c in 1...min(64, chains(c) - 1) },
                 note: { _ in "an integer in 1...min(64, chains_per_question − 1), so every answer has a chain" },
                 "Distinct wrong answers per question; errors recur.", allowed: "1...min(64, chains_per_question − 1)"),
        .integer("task.styles", \.task.styles, bounds: { c in 1...chains(c) },
                 note: { c in "an integer in 1...chains_per_question (\(c.task.chainsPerQuestion))" },
                 "Reasoning styles.", allowed: "1...chains_per_question"),
        .integer("task.feature_dimension", \.task.featureDimension, 1...4096,
                 "Dimension of the chain feature vectors."),
        .number("task.learnability", \.task.learnability, scale,
                "Size of the soundness component of correct chains' features.").labelled("Learnability"),
        .number("task.verifiability", \.task.verifiability, scale,
                "Mean evidence gap correct − wrong, in units of evidence noise.").labelled("Verifiability"),
        .number("task.style_heterogeneity", \.task.styleHeterogeneity, scale,
                "How much styles differ in which questions they solve; 0 = interchangeable."),
        ConfigKey(path: "task.base_accuracy", kind: .number,
                  meaning: "Expected share of correct chains, hence the base model's expected round-1 accuracy at any temperature.",
                  allowed: "0 < p < 1", sweepable: true, keyPath: \SimulationConfig.task.baseAccuracy) { c, v in
            let p = c.task.baseAccuracy
            v.require(p > 0 && p < 1, "task.base_accuracy", "\(p)", "a number in (0, 1), exclusive")
        }.labelled("Base accuracy"),
        .number("task.base_logit_scale", \.task.baseLogitScale, scale,
                "Spread of the base model's logits over chains; 0 = uniform."),

        .integer("agents.count", \.agents.count, 1...64,
                 "Agents per role: N generators and N critics.").labelled("Agents per role"),
        .number("agents.temperature", \.agents.temperature, minTemperature...maxScale,
                "Sampling temperature τ of the generation policy.").labelled("Temperature"),

        .integer("debate.rounds", \.debate.rounds, 1...100,
                 "Rounds per debate: round 1 generation, rounds 2… criticism.").labelled("Debate rounds"),
        .flag("debate.summarize", \.debate.summarize,
              "Critics read a summary of their peers (true) or raw responses (false)."),
        .number("debate.summary_noise", \.debate.summaryNoise, scale,
                "Noise sd when reading pooled evidence from a summary."),
        .number("debate.raw_noise", \.debate.rawNoise, scale,
                "Noise sd of reading one raw response in a context of one; with m responses in the context it is raw_noise·√m."),
        .integer("debate.context_budget", \.debate.contextBudget, 1...1000,
                 "Raw peer responses a critic can read without a summary."),
        .number("debate.stay_weight", \.debate.stayWeight, weight,
                "Initial critic weight on keeping its own previous answer."),
        .number("debate.support_weight", \.debate.supportWeight, weight,
                "Initial critic weight on the peers' share of an answer."),
        .number("debate.evidence_weight", \.debate.evidenceWeight, weight,
                "Initial critic weight on the evidence of an answer as read."),
        .number("debate.prior_weight", \.debate.priorWeight, weight,
                "Initial critic weight on its own generation log-probability of an answer."),

        .number("finetune.learning_rate", \.finetune.learningRate, 0...maxRate,
                "Gradient step size on the generation weights θ.").labelled("Learning rate"),
        .integer("finetune.epochs", \.finetune.epochs, 0...1000,
                 "Passes over the selected data per iteration.").labelled("Epochs per iteration"),
        .number("finetune.critic_learning_rate", \.finetune.criticLearningRate, 0...maxRate,
                "Gradient step size on the critic weights w.").labelled("Critic learning rate"),
        .flag("finetune.restart_from_base", \.finetune.restartFromBase,
              "Restart each iteration from the base weights instead of the previous ones."),
        .number("finetune.base_pull", \.finetune.basePull, scale,
                "L2 pull of θ towards the base weights; 0 = none.", allowed: "0...1000, learning_rate × base_pull < 1") { c, v in
            let f = c.finetune
            if f.basePull.isFinite && f.basePull >= 0 {
                // The pull is a decay θ ← θ − η·λ·(θ − θ_base); η·λ ≥ 1 would overshoot the base.
                v.require(f.learningRate * f.basePull < 1, "finetune.base_pull", "\(f.basePull)",
                          "learning_rate × base_pull < 1 (learning_rate is \(f.learningRate))")
            }
        }.labelled("Pull towards base"),
        ConfigKey(path: "finetune.critic_mix_weight", kind: .number,
                  meaning: "Share of D^C− in the critic data when `critic_mix` is `reweight`; paper ≈ 2/3.",
                  allowed: "[0, 1]", sweepable: true, keyPath: \SimulationConfig.finetune.criticMixWeight) { c, v in
            v.probability(c.finetune.criticMixWeight, "finetune.critic_mix_weight")
        },
        .choice("finetune.critic_mix", \.finetune.criticMix,
                "Critic data mix: `official` (each D^C− example adds one D^C+ example with probability ½, weights 1) or `reweight` (D^C− weighted to critic_mix_weight)."),
        .choice("finetune.data", \.finetune.data,
                "Training data each iteration: replace, or accumulate all iterations' data."),
        .integer("finetune.batch_size", \.finetune.batchSize, 1...1_000_000,
                 "Examples per stochastic-gradient step, the minibatch size."),

        ConfigKey(path: "output.transcripts", kind: .list,
                  meaning: "Iterations whose test debates are written as JSON Lines.",
                  allowed: "each in 0...iterations, each once", sweepable: true, keyPath: \SimulationConfig.output.transcripts) { c, v in
            var seen = Set<Int>()
            for (i, k) in c.output.transcripts.enumerated() {
                // Not `(0...iterations).contains(k)`: a range with iterations < 0 traps (the fuzz
                // corpus found `iterations: -1` with `transcripts: [0]` crashing the loader).
                if k < 0 || k > c.iterations {
                    v.require(false, "output.transcripts[\(i)]", "\(k)", "an iteration in 0...\(c.iterations) (0 = base, up to `iterations`)")
                } else if !seen.insert(k).inserted {
                    v.require(false, "output.transcripts[\(i)]", "\(k)", "each iteration once (\(k) appears twice)")
                }
            }
        },
        .integer("output.accuracy_debates", \.output.accuracyDebates, 1...64,
                 "Debates per test question averaged in `accuracy.final`; each contributes the exact probability that its final majority is correct given the rounds before the last (docs/model.md §6)."),
    ]

    /// The entry of a key path, if it is a key.
    public static func named(_ path: String) -> ConfigKey? { byPath[path] }

    private static let byPath: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.path, $0) })

    /// `chains_per_question` clamped to its range before arithmetic (Int.min must not overflow).
    private static func chains(_ c: SimulationConfig) -> Int { max(2, min(1000, c.task.chainsPerQuestion)) }

    /// The memory bound over several keys: every seed's task bank lives for the whole run and
    /// each running (regime, seed) pair has its working set; the estimate (one thread here;
    /// `simulate` checks again with its thread count) must fit the memory limit, or in-range
    /// counts could still ask for terabytes and abort on allocation. Checked only once the
    /// counts it multiplies are in range (their own errors come first).
    private static let memoryRule: @Sendable (SimulationConfig, inout ConfigValidator) -> Void = { c, v in
        let counts = ["task.train_questions", "task.test_questions", "task.chains_per_question",
                      "task.feature_dimension", "agents.count", "debate.rounds"]
        guard counts.allSatisfy({ named($0)?.issues(in: c).isEmpty ?? false }) else { return }
        do { try MemoryEstimate.check(c, threads: 1) } catch let e as SimulationError {
            v.issues.append(ConfigIssue(path: "task", error: e))
        } catch {}
    }
}

extension ConfigKeys {
    /// The key table of docs/configuration.md ("Keys"): key, meaning, default (the `default`
    /// preset, as YAML writes it) and allowed values, one row per entry of `all`. A test fails
    /// when the file's table differs; paste this text to update it.
    public static func markdownTable() -> String {
        let defaults = ConfigTree.node(of: SimulationConfig())
        var out = "| key | meaning | default | allowed |\n|---|---|---|---|\n"
        for k in all {
            let d = ConfigTree.find(ConfigPath(parsing: k.path), in: defaults).map(yamlText) ?? ""
            out += "| `\(k.path)` | \(k.meaning) | `\(d)` | \(k.allowed) |\n"
        }
        return out
    }

    /// A value as one line of YAML: a scalar as written, a list of scalars in flow style.
    static func yamlText(_ node: Node) -> String {
        if case .sequence(let q) = node { return "[" + q.map(ConfigYAMLWriter.scalar).joined(separator: ", ") + "]" }
        return ConfigYAMLWriter.scalar(node)
    }

    /// The keys a sweep axis may vary.
    public static var sweepable: [ConfigKey] { all.filter(\.sweepable) }
}
