/// Every parameter of a simulation run. Serialised as YAML with snake_case keys (the key path
/// of a field is e.g. `debate.rounds`); see docs/model.md for the meaning of each parameter.
///
/// This struct is the contract between the model (Sources/ChorusSimulation/Model…) and the
/// configuration layer (YAML, presets, `--set` overrides, the run directory). Defaults are the
/// `default` preset.
public struct SimulationConfig: Codable, Sendable, Equatable {
    /// A name recorded in the manifest.
    public var name: String = "default"
    /// Root seeds: one independent replicate of every regime per seed.
    public var seeds: [UInt64] = Array(1...10)
    /// Regimes to run (names of `Regime`), e.g. ["single-agent", "multiagent"].
    public var regimes: [String] = ["single-agent", "multiagent"]
    /// Finetuning iterations after the base model (iteration 0 is measured too).
    public var iterations: Int = 5
    /// Placebo twins (regimes named `…-placebo`) run on the first this many of `seeds` only;
    /// 0 = on every seed. `chorus reproduce` runs them on its first 2 seed blocks (100 of 500
    /// seeds): they are the negative controls, whose changes are ≈ 0 with a small per-seed
    /// spread, so 100 seeds already bound them inside ±0.01 (docs/model.md §11).
    public var placeboSeeds: Int = 0
    /// The task bank: questions, chains, answers, styles, features and evidence (`task.*`).
    public var task = TaskBankParameters()
    /// The agents: society size, base model and sampling temperature (`agents.*`).
    public var agents = AgentParameters()
    /// The debate and the critic policy (`debate.*`).
    public var debate = DebateParameters()
    /// Finetuning: learning rates, epochs, critic mix, data mode (`finetune.*`).
    public var finetune = FinetuneParameters()
    /// What a run writes besides its tables (`output.*`).
    public var output = OutputParameters()

    /// The `default` preset.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, seeds, regimes, iterations, placeboSeeds = "placebo_seeds", task, agents, debate, finetune, output
    }

    /// The number of seeds on which placebo twins run: `placeboSeeds`, or every seed when 0.
    public var placeboSeedCount: Int { placeboSeeds == 0 ? seeds.count : min(placeboSeeds, seeds.count) }
}

/// The task bank: questions, their reasoning chains, answers, styles, features, evidence.
public struct TaskBankParameters: Codable, Sendable, Equatable {
    /// Questions used for finetuning data.
    public var trainQuestions: Int = 500
    /// Held-out questions on which every metric is measured.
    public var testQuestions: Int = 500
    /// Candidate reasoning chains per question.
    public var chainsPerQuestion: Int = 12
    /// Distinct wrong answers per question (errors are systematic: these recur).
    public var wrongAnswers: Int = 3
    /// Reasoning styles.
    public var styles: Int = 4
    /// Dimension of the chain feature vectors.
    public var featureDimension: Int = 8
    /// Size of the "soundness" component of correct chains' features (how learnable correctness is).
    public var learnability: Double = 1.0
    /// Mean evidence gap between correct and wrong chains, in units of evidence noise
    /// (how verifiable correctness is).
    public var verifiability: Double = 1.0
    /// How much styles differ in which questions they solve (0 = styles interchangeable).
    public var styleHeterogeneity: Double = 1.0
    /// Target round-1 accuracy of the base model.
    public var baseAccuracy: Double = 0.45
    /// Spread of the base model's logits over chains.
    public var baseLogitScale: Double = 1.0

    /// The defaults of the `default` preset.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case trainQuestions = "train_questions", testQuestions = "test_questions"
        case chainsPerQuestion = "chains_per_question", wrongAnswers = "wrong_answers"
        case styles, featureDimension = "feature_dimension", learnability, verifiability
        case styleHeterogeneity = "style_heterogeneity", baseAccuracy = "base_accuracy"
        case baseLogitScale = "base_logit_scale"
    }
}

/// The society's agents.
public struct AgentParameters: Codable, Sendable, Equatable {
    /// Agents per role (N generators and N critics in `multiagent`).
    public var count: Int = 3
    /// Sampling temperature τ of the generation policy.
    public var temperature: Double = 1.0

    /// The defaults of the `default` preset.
    public init() {}
}

/// The debate and the critic policy.
public struct DebateParameters: Codable, Sendable, Equatable {
    /// Rounds per debate (round 1 = generation, rounds 2… = criticism).
    public var rounds: Int = 2
    /// Whether critics read a summary of peers (true) or their raw responses.
    public var summarize: Bool = true
    /// Noise sd when a critic reads pooled evidence from a summary.
    public var summaryNoise: Double = 0.2
    /// Noise sd when a critic reads one raw peer response.
    public var rawNoise: Double = 0.8
    /// Raw responses a critic can read (context budget) without a summary.
    public var contextBudget: Int = 2
    /// Initial critic weights of the log-linear answer choice.
    public var stayWeight: Double = 0.5
    /// Initial weight of the peers' share of an answer.
    public var supportWeight: Double = 1.0
    /// Initial weight of the evidence of an answer as read.
    public var evidenceWeight: Double = 1.0
    /// Initial weight of the critic's own generation log-probability of an answer.
    public var priorWeight: Double = 0.5

    /// The defaults of the `default` preset.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case rounds, summarize, summaryNoise = "summary_noise", rawNoise = "raw_noise"
        case contextBudget = "context_budget", stayWeight = "stay_weight", supportWeight = "support_weight"
        case evidenceWeight = "evidence_weight", priorWeight = "prior_weight"
    }
}

/// Finetuning.
public struct FinetuneParameters: Codable, Sendable, Equatable {
    /// Gradient step size on the generation weights θ.
    public var learningRate: Double = 0.5
    /// Passes over the selected data per iteration.
    public var epochs: Int = 3
    /// Gradient step size on the critic weights w.
    public var criticLearningRate: Double = 0.1
    /// Restart each iteration from the base weights instead of the previous iteration's.
    public var restartFromBase: Bool = false
    /// L2 pull of θ towards the base weights (0 = none).
    public var basePull: Double = 0.0
    /// Weight of D^C− in the critic data mix when `criticMix` is `reweight` (paper's rule ≈ 2/3).
    public var criticMixWeight: Double = 2.0 / 3.0
    /// How the critic data D^C− and D^C+ are mixed: the official code's rule or reweighting.
    public var criticMix: CriticMix = .official
    /// Replace the training data each iteration, or accumulate all iterations' data.
    public var data: DataMode = .replace
    /// Examples per stochastic-gradient step (minibatch size). Added by the sim helper.
    public var batchSize: Int = 16

    /// The defaults of the `default` preset.
    public init() {}

    /// Whether each iteration's training data replaces the earlier iterations' or joins them.
    public enum DataMode: String, Codable, Sendable, CaseIterable {
        /// Each iteration trains on the data selected in that iteration only.
        case replace
        /// Each iteration trains on the union of every iteration's data so far.
        case accumulate
    }

    enum CodingKeys: String, CodingKey {
        case learningRate = "learning_rate", epochs, criticLearningRate = "critic_learning_rate"
        case restartFromBase = "restart_from_base", basePull = "base_pull"
        case criticMixWeight = "critic_mix_weight", criticMix = "critic_mix", data, batchSize = "batch_size"
    }
}

/// What a run writes besides its tables.
public struct OutputParameters: Codable, Sendable, Equatable {
    /// Iterations whose debates are written as canonical JSON Lines transcripts.
    public var transcripts: [Int] = []
    /// Debates per test question averaged in `accuracy.final` (`RegimeRun`); each debate
    /// contributes the exact probability that its final majority is correct given everything
    /// before the last round's choices, so more debates only average over the earlier rounds.
    public var accuracyDebates: Int = 2

    enum CodingKeys: String, CodingKey {
        case transcripts, accuracyDebates = "accuracy_debates"
    }

    /// The defaults of the `default` preset.
    public init() {}
}
