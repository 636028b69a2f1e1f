import Foundation
/// One out-of-range value: the key path it sits at and the error describing it.
public struct ConfigIssue: Sendable, Equatable {
    public var path: String
    public var error: SimulationError
}

extension SimulationConfig {
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

    /// Throws the first out-of-range value (see `validationIssues()`).
    public func validate() throws {
        if let first = validationIssues().first { throw first.error }
    }

    /// Every out-of-range value, in declaration order, each naming its key path and what is
    /// allowed. Upper bounds are generous sanity limits that keep a typo from asking for
    /// terabytes; they are documented in docs/configuration.md.
    public func validationIssues() -> [ConfigIssue] {
        var v = ConfigValidator()
        v.require(!name.isEmpty, "name", "\"\"", "a non-empty string")
        v.require(name.count <= SimulationConfig.maxNameLength, "name", name,
                  "at most \(SimulationConfig.maxNameLength) characters (it is \(name.count))")
        v.require(!name.unicodeScalars.contains { $0.properties.generalCategory == .control }, "name", name,
                  "a name without control characters (line breaks, tabs)")

        v.require(!seeds.isEmpty, "seeds", "[]", "a non-empty list of distinct non-negative integers")
        v.require(seeds.count <= 100_000, "seeds", "\(seeds.count) seeds", "at most 100000 seeds")
        var seen = Set<UInt64>()
        for (i, s) in seeds.enumerated() where !seen.insert(s).inserted {
            v.require(false, "seeds[\(i)]", "\(s)", "distinct seeds (\(s) appears twice)")
        }

        v.require(!regimes.isEmpty, "regimes", "[]", "a non-empty list of: \(Regime.names.joined(separator: ", "))")
        var seenRegimes = Set<String>()
        for (i, r) in regimes.enumerated() {
            if !Regime.names.contains(r) {
                v.issues.append(ConfigIssue(path: "regimes[\(i)]", error: .unknownName(kind: "regime", name: r, allowed: Regime.names)))
            } else if !seenRegimes.insert(r).inserted {
                v.require(false, "regimes[\(i)]", r, "each regime once (\(r) appears twice)")
            }
        }
        v.int(iterations, "iterations", 0...1000)
        v.int(placeboSeeds, "placebo_seeds", 0...max(0, seeds.count),
              note: "an integer in 0...\(seeds.count) (the number of seeds; 0 = placebo twins on every seed)")

        v.int(task.trainQuestions, "task.train_questions", 1...10_000_000)
        v.int(task.testQuestions, "task.test_questions", 1...10_000_000)
        v.int(task.chainsPerQuestion, "task.chains_per_question", 2...1000)
        // Clamped before arithmetic: chains_per_question = Int.min must not overflow here.
        let chains = max(2, min(1000, task.chainsPerQuestion))
        v.int(task.wrongAnswers, "task.wrong_answers", 1...min(64, chains - 1),
              note: "an integer in 1...min(64, chains_per_question − 1), so every answer has a chain")
        v.int(task.styles, "task.styles", 1...chains,
              note: "an integer in 1...chains_per_question (\(task.chainsPerQuestion))")
        v.int(task.featureDimension, "task.feature_dimension", 1...4096)
        v.range(task.learnability, "task.learnability", 0...SimulationConfig.maxScale)
        v.range(task.verifiability, "task.verifiability", 0...SimulationConfig.maxScale)
        v.range(task.styleHeterogeneity, "task.style_heterogeneity", 0...SimulationConfig.maxScale)
        v.require(task.baseAccuracy > 0 && task.baseAccuracy < 1, "task.base_accuracy", "\(task.baseAccuracy)", "a number in (0, 1), exclusive")
        v.range(task.baseLogitScale, "task.base_logit_scale", 0...SimulationConfig.maxScale)
        // Every seed's task bank lives for the whole run and each running (regime, seed) pair
        // has its working set: the estimate (one thread here; `simulate` checks again with its
        // thread count) must fit the memory limit, or in-range counts could still ask for
        // terabytes and abort on allocation.
        // Only once the counts it multiplies are in range (their own errors come first).
        let countsInRange = (1...10_000_000).contains(task.trainQuestions) && (1...10_000_000).contains(task.testQuestions)
            && (2...1000).contains(task.chainsPerQuestion) && (1...4096).contains(task.featureDimension)
            && (1...64).contains(agents.count) && (1...100).contains(debate.rounds)
        if countsInRange {
            do { try MemoryEstimate.check(self, threads: 1) } catch let e as SimulationError {
                v.issues.append(ConfigIssue(path: "task", error: e))
            } catch {}
        }

        v.int(agents.count, "agents.count", 1...64)
        v.range(agents.temperature, "agents.temperature", SimulationConfig.minTemperature...SimulationConfig.maxScale)

        v.int(debate.rounds, "debate.rounds", 1...100)
        v.range(debate.summaryNoise, "debate.summary_noise", 0...SimulationConfig.maxScale)
        v.range(debate.rawNoise, "debate.raw_noise", 0...SimulationConfig.maxScale)
        v.int(debate.contextBudget, "debate.context_budget", 1...1000)
        v.range(debate.stayWeight, "debate.stay_weight", -SimulationConfig.maxScale...SimulationConfig.maxScale)
        v.range(debate.supportWeight, "debate.support_weight", -SimulationConfig.maxScale...SimulationConfig.maxScale)
        v.range(debate.evidenceWeight, "debate.evidence_weight", -SimulationConfig.maxScale...SimulationConfig.maxScale)
        v.range(debate.priorWeight, "debate.prior_weight", -SimulationConfig.maxScale...SimulationConfig.maxScale)

        v.range(finetune.learningRate, "finetune.learning_rate", 0...SimulationConfig.maxRate)
        v.int(finetune.epochs, "finetune.epochs", 0...1000)
        v.range(finetune.criticLearningRate, "finetune.critic_learning_rate", 0...SimulationConfig.maxRate)
        v.range(finetune.basePull, "finetune.base_pull", 0...SimulationConfig.maxScale)
        if finetune.basePull.isFinite && finetune.basePull >= 0 {
            // The pull is a decay θ ← θ − η·λ·(θ − θ_base); η·λ ≥ 1 would overshoot the base.
            v.require(finetune.learningRate * finetune.basePull < 1, "finetune.base_pull", "\(finetune.basePull)",
                      "learning_rate × base_pull < 1 (learning_rate is \(finetune.learningRate))")
        }
        v.probability(finetune.criticMixWeight, "finetune.critic_mix_weight")
        v.int(finetune.batchSize, "finetune.batch_size", 1...1_000_000)

        v.int(output.accuracyDebates, "output.accuracy_debates", 1...64)
        var seenIterations = Set<Int>()
        for (i, k) in output.transcripts.enumerated() {
            // Not `(0...iterations).contains(k)`: a range with iterations < 0 traps (the fuzz
            // corpus found `iterations: -1` with `transcripts: [0]` crashing the loader).
            if k < 0 || k > iterations {
                v.require(false, "output.transcripts[\(i)]", "\(k)", "an iteration in 0...\(iterations) (0 = base, up to `iterations`)")
            } else if !seenIterations.insert(k).inserted {
                v.require(false, "output.transcripts[\(i)]", "\(k)", "each iteration once (\(k) appears twice)")
            }
        }
        return v.issues
    }
}

/// Collects range checks.
struct ConfigValidator {
    var issues: [ConfigIssue] = []

    mutating func require(_ ok: Bool, _ path: String, _ value: String, _ allowed: String) {
        if !ok { issues.append(ConfigIssue(path: path, error: .invalidValue(path: path, value: value, allowed: allowed))) }
    }

    mutating func int(_ x: Int, _ path: String, _ range: ClosedRange<Int>, note: String? = nil) {
        require(range.contains(x), path, "\(x)", note ?? "an integer in \(range.lowerBound)...\(range.upperBound)")
    }

    mutating func finite(_ x: Double, _ path: String) {
        require(x.isFinite, path, "\(x)", "a finite number")
    }

    mutating func nonNegative(_ x: Double, _ path: String) {
        require(x.isFinite && x >= 0, path, "\(x)", "a finite number ≥ 0")
    }

    mutating func positive(_ x: Double, _ path: String) {
        require(x.isFinite && x > 0, path, "\(x)", "a finite number > 0")
    }

    /// A finite number in a closed range, e.g. "a number in 0...1000".
    mutating func range(_ x: Double, _ path: String, _ r: ClosedRange<Double>) {
        require(x.isFinite && r.contains(x), path, "\(x)", "a number in \(ConfigValidator.text(r.lowerBound))...\(ConfigValidator.text(r.upperBound))")
    }

    static func text(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)" }

    mutating func probability(_ x: Double, _ path: String) {
        require(x >= 0 && x <= 1, path, "\(x)", "a probability in [0, 1]")
    }
}
