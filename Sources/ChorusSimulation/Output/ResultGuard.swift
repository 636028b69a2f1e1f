import ChorusRecords

/// The last line of defence against a silent wrong number: a run whose metrics include NaN or
/// ±∞ is an error, never a table (issue 10). Parameter bounds (docs/configuration.md) keep every
/// accepted configuration finite, and a test runs every bound; this check catches what a
/// future model change might let through.
public enum ResultGuard {
    /// Throws for the first non-finite metric, naming it and the parameters set furthest from
    /// their defaults (the likely cause).
    /// - Throws: `SimulationError.invalidValue` on the key `task`-level path of the suspect.
    public static func check(_ result: ExperimentResult) throws {
        guard let bad = result.rows.first(where: { !$0.value.isFinite }) else { return }
        let suspects = suspects(result.config)
        let where_ = "metric \(bad.metric) of regime \(bad.regime), seed \(bad.seed), iteration \(bad.iteration) is \(bad.value)"
        throw SimulationError.invalidValue(
            path: suspects.first ?? "(model)",
            value: suspects.isEmpty ? "the defaults" : suspects.joined(separator: ", "),
            allowed: "values for which every metric is finite: \(where_)")
    }

    /// Continuous parameters at least 100× from their default (or of the other sign), as
    /// `key=value`, furthest first.
    static func suspects(_ c: SimulationConfig) -> [String] {
        let d = SimulationConfig()
        let pairs: [(String, Double, Double)] = [
            ("task.learnability", c.task.learnability, d.task.learnability),
            ("task.verifiability", c.task.verifiability, d.task.verifiability),
            ("task.style_heterogeneity", c.task.styleHeterogeneity, d.task.styleHeterogeneity),
            ("task.base_logit_scale", c.task.baseLogitScale, d.task.baseLogitScale),
            ("agents.temperature", c.agents.temperature, d.agents.temperature),
            ("debate.summary_noise", c.debate.summaryNoise, d.debate.summaryNoise),
            ("debate.raw_noise", c.debate.rawNoise, d.debate.rawNoise),
            ("debate.stay_weight", c.debate.stayWeight, d.debate.stayWeight),
            ("debate.support_weight", c.debate.supportWeight, d.debate.supportWeight),
            ("debate.evidence_weight", c.debate.evidenceWeight, d.debate.evidenceWeight),
            ("debate.prior_weight", c.debate.priorWeight, d.debate.priorWeight),
            ("finetune.learning_rate", c.finetune.learningRate, d.finetune.learningRate),
            ("finetune.critic_learning_rate", c.finetune.criticLearningRate, d.finetune.criticLearningRate),
        ]
        var scored: [(String, Double)] = []
        for (k, v, def) in pairs {
            let ratio = def == 0 ? abs(v) : (v / def <= 0 ? .infinity : max(v / def, def / v))
            if ratio >= 100 || !v.isFinite { scored.append(("\(k)=\(v)", ratio)) }
        }
        return scored.sorted { $0.1 > $1.1 }.map(\.0)
    }
}
