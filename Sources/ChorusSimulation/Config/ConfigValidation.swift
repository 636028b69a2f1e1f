import Foundation
/// One out-of-range value: the key path it sits at and the error describing it.
public struct ConfigIssue: Sendable, Equatable {
    public var path: String
    public var error: SimulationError
}

extension SimulationConfig {
    /// Upper bound on seeds × (train + test questions) × chains × feature dimension: the task
    /// banks' feature values, 8 bytes each, held in memory for the whole run (4 GB).
    public static let maxFeatureValues = 500_000_000.0

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

        v.int(task.trainQuestions, "task.train_questions", 1...10_000_000)
        v.int(task.testQuestions, "task.test_questions", 1...10_000_000)
        v.int(task.chainsPerQuestion, "task.chains_per_question", 2...1000)
        v.int(task.wrongAnswers, "task.wrong_answers", 1...max(1, min(64, task.chainsPerQuestion - 1)),
              note: "an integer in 1...min(64, chains_per_question − 1), so every answer has a chain")
        v.int(task.styles, "task.styles", 1...max(1, task.chainsPerQuestion),
              note: "an integer in 1...chains_per_question (\(task.chainsPerQuestion))")
        v.int(task.featureDimension, "task.feature_dimension", 1...4096)
        v.nonNegative(task.learnability, "task.learnability")
        v.nonNegative(task.verifiability, "task.verifiability")
        v.nonNegative(task.styleHeterogeneity, "task.style_heterogeneity")
        v.require(task.baseAccuracy > 0 && task.baseAccuracy < 1, "task.base_accuracy", "\(task.baseAccuracy)", "a number in (0, 1), exclusive")
        v.nonNegative(task.baseLogitScale, "task.base_logit_scale")
        // Each seed's task bank holds (train + test) · chains · dimension feature values and every
        // seed's bank lives for the whole run: bound their total, or in-range counts can still
        // ask for terabytes and abort on allocation.
        let bankValues = Double(task.trainQuestions + task.testQuestions) * Double(task.chainsPerQuestion)
            * Double(task.featureDimension)
        let totalValues = bankValues * Double(max(1, seeds.count))
        v.require(totalValues <= SimulationConfig.maxFeatureValues, "task",
                  "seeds × (train + test questions) × chains × dimension = " + String(format: "%.0f", totalValues),
                  String(format: "at most %.0f feature values in all (%.0f GB); use fewer questions, chains, dimensions or seeds",
                         SimulationConfig.maxFeatureValues, SimulationConfig.maxFeatureValues * 8 / 1e9))

        v.int(agents.count, "agents.count", 1...64)
        v.positive(agents.temperature, "agents.temperature")

        v.int(debate.rounds, "debate.rounds", 1...100)
        v.nonNegative(debate.summaryNoise, "debate.summary_noise")
        v.nonNegative(debate.rawNoise, "debate.raw_noise")
        v.int(debate.contextBudget, "debate.context_budget", 1...1000)
        v.finite(debate.stayWeight, "debate.stay_weight")
        v.finite(debate.supportWeight, "debate.support_weight")
        v.finite(debate.evidenceWeight, "debate.evidence_weight")
        v.finite(debate.priorWeight, "debate.prior_weight")

        v.nonNegative(finetune.learningRate, "finetune.learning_rate")
        v.int(finetune.epochs, "finetune.epochs", 0...1000)
        v.nonNegative(finetune.criticLearningRate, "finetune.critic_learning_rate")
        v.nonNegative(finetune.basePull, "finetune.base_pull")
        if finetune.basePull.isFinite && finetune.basePull >= 0 {
            // The pull is a decay θ ← θ − η·λ·(θ − θ_base); η·λ ≥ 1 would overshoot the base.
            v.require(finetune.learningRate * finetune.basePull < 1, "finetune.base_pull", "\(finetune.basePull)",
                      "learning_rate × base_pull < 1 (learning_rate is \(finetune.learningRate))")
        }
        v.probability(finetune.criticMixWeight, "finetune.critic_mix_weight")
        v.int(finetune.batchSize, "finetune.batch_size", 1...1_000_000)

        var seenIterations = Set<Int>()
        for (i, k) in output.transcripts.enumerated() {
            if !(0...iterations).contains(k) {
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

    mutating func probability(_ x: Double, _ path: String) {
        require(x >= 0 && x <= 1, path, "\(x)", "a probability in [0, 1]")
    }
}
