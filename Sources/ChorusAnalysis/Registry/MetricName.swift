/// The names of the metrics an experiment reports every iteration on held-out questions.
///
/// These strings are a published contract (tables, figures and notebooks key on them): add new
/// names, never rename. "Exact" metrics are computed from the explicit policies; `sample.*` ones
/// from simulated transcripts, as a researcher would compute them from real logs.
public enum MetricName {
    /// Mean over generator seats of π_n(correct answer | q) (exact).
    public static let accuracyRound1Individual = "accuracy.round1_individual"
    /// P(the plurality of the N independent round-1 answers is correct, a tie to the largest of
    /// the question's answer labels, `TaskBank.label`)
    /// (exact, by dynamic programming over answer counts: `MajorityAccuracy`).
    public static let accuracyRound1Majority = "accuracy.round1_majority"
    /// Share of correct final-round majority answers. With debate (R ≥ 2) this is *estimated*
    /// from `output.accuracy_debates` debates per test question, each contributing the exact
    /// probability that its final majority is correct given the rounds before the last
    /// (Rao–Blackwellised; standard error at most √(p(1−p)/Q) per replicate); without debate it
    /// is the exact round-1 majority accuracy.
    public static let accuracyFinal = "accuracy.final"

    public static let entropyChain = "entropy.chain"
    public static let entropyAnswer = "entropy.answer"
    public static let entropyStyle = "entropy.style"
    public static let entropyChainGenerator = "entropy.chain.generator"
    public static let entropyAnswerGenerator = "entropy.answer.generator"
    public static let entropyStyleGenerator = "entropy.style.generator"
    public static let entropyChainCritic = "entropy.chain.critic"
    public static let entropyAnswerCritic = "entropy.answer.critic"
    public static let entropyStyleCritic = "entropy.style.critic"

    /// P(two different generator seats give different chains | answers | styles), averaged
    /// over seat pairs and test questions (exact; 1 − Σπ² at base).
    public static let disagreementChain = "disagreement.chain"
    public static let disagreementAnswer = "disagreement.answer"
    public static let disagreementStyle = "disagreement.style"

    /// Society Jensen–Shannon divergence H(mixture) − mean H of the generator seats' policies
    /// (mutual information between seat and response), chains | answers (exact).
    public static let jsChain = "js.chain"
    public static let jsAnswer = "js.answer"

    /// KL(model ‖ base) of the generation policies, mean over generator models | critic models |
    /// all models; kl_between: mean over ordered generator-seat pairs of KL(π_i ‖ π_j) (exact).
    public static let klBaseGenerator = "kl_base.generator"
    public static let klBaseCritic = "kl_base.critic"
    public static let klBase = "kl_base"
    public static let klBetween = "kl_between"

    /// Metrics computed from one simulated debate per test question, as from transcripts
    /// (definitions in `SampledMetrics`).
    public static let sampleConsensus = "sample.consensus"
    public static let sampleAnswerEntropyPlugin = "sample.answer_entropy_plugin"
    public static let sampleAnswerEntropyMM = "sample.answer_entropy_mm"
    public static let sampleCrossNLL = "sample.cross_nll"
    public static let sampleEmbeddingDissimilarity = "sample.embedding_dissimilarity"
    public static let sampleFlipWrongRight = "sample.flip_wrong_right"
    public static let sampleFlipRightWrong = "sample.flip_right_wrong"

    /// Further metrics (not in the original contract): the critics' learned answer-choice
    /// weights, mean over critic models (rows only for regimes with critics).
    public static let criticWeightStay = "critic.weight.stay"
    public static let criticWeightSupport = "critic.weight.support"
    public static let criticWeightEvidence = "critic.weight.evidence"
    public static let criticWeightPrior = "critic.weight.prior"

    /// Exact pass@k of the generator seats, 1 − (1 − π(correct))^k, mean over seats and test
    /// questions (`PolicyMetrics`), for k in `passAtK`.
    public static func passAt(_ k: Int) -> String { "pass_at.\(k)" }
    /// The pass@k family as a registry pattern.
    public static let passAtKPattern = "pass_at.{k}"
    /// Per-seat style shares (`StyleShares` in the simulator) as a registry pattern.
    public static let styleSharePattern = "style_share.{role}.agent{i}.style{s}"
    /// Training-data overlap between models (issue 12): the Jaccard index |A ∩ B| / |A ∪ B| of
    /// two models' sets of (question, answer) pairs in the data each is finetuned on at this
    /// iteration, averaged over model pairs: all models | generator models | critic models.
    /// Reported at iteration k for the data selected from iteration k's debates (which trains
    /// the models of iteration k + 1), so not at the last iteration. 1 = every model sees the
    /// same (question, answer) pairs; the paper's "each model sees different data" is < 1.
    /// The same quantity as `chorus analyze --run`'s `training.overlap` on real training files.
    public static let trainingOverlap = "training.overlap"
    public static let trainingOverlapGenerator = "training.overlap.generator"
    public static let trainingOverlapCritic = "training.overlap.critic"
    /// The k of the pass@k family every table reports.
    public static let passAtK: [Int] = [1, 2, 4, 8, 16, 32, 64]
    /// Exact round-1 coverage: P(some generator seat is right), 1 − Π_n (1 − π_n(correct)).
    public static let coverage = "coverage"
    /// Share of test questions whose pseudo-label ŷ under the regime's own selection rule
    /// (consensus: final majority; self-consistency: round-1 majority; ground truth: the truth)
    /// is correct, from the first simulated debate per question: how good the labels the regime
    /// would train on are. Absent for the `none` rule.
    public static let accuracyPseudoLabel = "accuracy.pseudo_label"
    /// Scorer-based divergence from the base model (W₁ between distributions of base-model
    /// log-likelihoods of responses, `ScorerDivergence`), mean over generator models | critic
    /// models | all models.
    public static let divergenceScorerGenerator = "divergence.scorer.generator"
    public static let divergenceScorerCritic = "divergence.scorer.critic"
    public static let divergenceScorer = "divergence.scorer"
}
