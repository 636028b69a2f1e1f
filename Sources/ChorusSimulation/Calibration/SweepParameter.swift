/// Numeric configuration parameters a sweep can vary, by their YAML key path.
public enum SweepParameter {
    /// Key paths a sweep accepts.
    public static let keys: [String] = [
        "finetune.learning_rate", "finetune.epochs", "finetune.batch_size", "finetune.critic_learning_rate",
        "finetune.base_pull", "finetune.critic_mix_weight",
        "task.learnability", "task.verifiability", "task.style_heterogeneity", "task.base_accuracy",
        "task.base_logit_scale",
        "debate.summary_noise", "debate.raw_noise", "debate.stay_weight", "debate.support_weight",
        "debate.evidence_weight", "debate.prior_weight",
        "agents.temperature",
    ]

    /// Sets the parameter at `key` to `value` (an integer parameter must be given an integer).
    /// - Throws: `SimulationError.unknownKey` for a key not in `keys`; `.invalidValue` for an
    ///   integer parameter given a fraction (epochs 0.5 is an
    ///   error, not 1) or a value no `Int` holds (NaN, ±∞, 1e30: converting would trap).
    public static func set(_ key: String, _ value: Double, in c: inout SimulationConfig) throws {
        func integer() throws -> Int {
            let r = value.rounded()
            guard r.isFinite, abs(r) < 1e15, r == value else {   // 0.5 is an error, not 1
                throw SimulationError.invalidValue(path: key, value: "\(value)", allowed: "an integer")
            }
            return Int(r)
        }
        switch key {
        case "finetune.learning_rate": c.finetune.learningRate = value
        case "finetune.epochs": c.finetune.epochs = try integer()
        case "finetune.batch_size": c.finetune.batchSize = try integer()
        case "finetune.critic_learning_rate": c.finetune.criticLearningRate = value
        case "finetune.base_pull": c.finetune.basePull = value
        case "finetune.critic_mix_weight": c.finetune.criticMixWeight = value
        case "task.learnability": c.task.learnability = value
        case "task.verifiability": c.task.verifiability = value
        case "task.style_heterogeneity": c.task.styleHeterogeneity = value
        case "task.base_accuracy": c.task.baseAccuracy = value
        case "task.base_logit_scale": c.task.baseLogitScale = value
        case "debate.summary_noise": c.debate.summaryNoise = value
        case "debate.raw_noise": c.debate.rawNoise = value
        case "debate.stay_weight": c.debate.stayWeight = value
        case "debate.support_weight": c.debate.supportWeight = value
        case "debate.evidence_weight": c.debate.evidenceWeight = value
        case "debate.prior_weight": c.debate.priorWeight = value
        case "agents.temperature": c.agents.temperature = value
        default: throw SimulationError.unknownKey(path: key, allowed: keys)
        }
    }
}
