import ChorusStats

/// The names of the metrics an experiment reports every iteration on held-out questions.
///
/// These strings are a published contract (tables, figures and notebooks key on them): add new
/// names, rename only to make one vocabulary (issue 9 renamed the per-round names of `chorus
/// analyze` to these; docs/metrics.md). Every name is in `MetricRegistry`. "Exact" metrics are computed from the explicit policies; `sample.*` ones
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

    /// Chain entropy H(π(c|q)) in nats, mean over all models and test questions (exact).
    public static let entropyChain = "entropy.chain"
    /// Answer entropy H(π(a|q)) in nats, mean over all models and test questions (exact).
    public static let entropyAnswer = "entropy.answer"
    /// Style entropy H(π(style|q)) in nats, mean over all models and test questions (exact).
    public static let entropyStyle = "entropy.style"
    /// `entropy.chain` over generator models.
    public static let entropyChainGenerator = "entropy.chain.generator"
    /// `entropy.answer` over generator models.
    public static let entropyAnswerGenerator = "entropy.answer.generator"
    /// `entropy.style` over generator models.
    public static let entropyStyleGenerator = "entropy.style.generator"
    /// `entropy.chain` over critic models (the generation policy a critic writes chains with).
    public static let entropyChainCritic = "entropy.chain.critic"
    /// `entropy.answer` over critic models.
    public static let entropyAnswerCritic = "entropy.answer.critic"
    /// `entropy.style` over critic models.
    public static let entropyStyleCritic = "entropy.style.critic"

    /// P(two different generator seats give different chains | answers | styles), averaged
    /// over seat pairs and test questions (exact; 1 − Σπ² at base).
    public static let disagreementChain = "disagreement.chain"
    /// P(two different generator seats give different answers) (exact); from logs, the share of
    /// differing round-1 pairs.
    public static let disagreementAnswer = "disagreement.answer"
    /// P(two different generator seats write chains of different styles) (exact).
    public static let disagreementStyle = "disagreement.style"

    /// Society Jensen–Shannon divergence H(mixture) − mean H of the generator seats' policies
    /// (mutual information between seat and response), chains | answers (exact).
    public static let jsChain = "js.chain"
    /// The society's Jensen–Shannon divergence over answers (exact).
    public static let jsAnswer = "js.answer"

    /// KL(model ‖ base) of the generation policies, mean over generator models | critic models |
    /// all models; kl_between: mean over ordered generator-seat pairs of KL(π_i ‖ π_j) (exact).
    public static let klBaseGenerator = "kl_base.generator"
    /// KL(model ‖ base) of the generation policies, mean over critic models (exact).
    public static let klBaseCritic = "kl_base.critic"
    /// KL(model ‖ base) of the generation policies, mean over all models (exact).
    public static let klBase = "kl_base"
    /// Mean over ordered generator-seat pairs of KL(π_i ‖ π_j) (exact).
    public static let klBetween = "kl_between"

    /// Metrics computed from one simulated debate per test question, as from transcripts
    /// (definitions in `SampledMetrics`).
    public static let sampleConsensus = "sample.consensus"
    /// Plug-in entropy of a debate's round-1 answers, mean over test questions.
    public static let sampleAnswerEntropyPlugin = "sample.answer_entropy_plugin"
    /// Miller–Madow entropy of a debate's round-1 answers, mean over test questions.
    public static let sampleAnswerEntropyMM = "sample.answer_entropy_mm"
    /// Mean over ordered seat pairs of −log π_i(r_j) of the round-1 responses (cross-agent NLL).
    public static let sampleCrossNLL = "sample.cross_nll"
    /// Mean over round-1 pairs of 1 − cos of the responses' embeddings (chain features).
    public static let sampleEmbeddingDissimilarity = "sample.embedding_dissimilarity"
    /// Share of agents wrong in round 1 and right in the final round.
    public static let sampleFlipWrongRight = "sample.flip_wrong_right"
    /// Share of agents right in round 1 and wrong in the final round.
    public static let sampleFlipRightWrong = "sample.flip_right_wrong"

    /// Further metrics (not in the original contract): the critics' learned answer-choice
    /// weights, mean over critic models (rows only for regimes with critics).
    public static let criticWeightStay = "critic.weight.stay"
    /// The critics' learned weight on peer support.
    public static let criticWeightSupport = "critic.weight.support"
    /// The critics' learned weight on evidence as read.
    public static let criticWeightEvidence = "critic.weight.evidence"
    /// The critics' learned weight on their own prior log π(a|q).
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
    /// `training.overlap` over generator models.
    public static let trainingOverlapGenerator = "training.overlap.generator"
    /// `training.overlap` over critic models.
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
    /// `divergence.scorer` over critic models.
    public static let divergenceScorerCritic = "divergence.scorer.critic"
    /// `divergence.scorer` over all models.
    public static let divergenceScorer = "divergence.scorer"
}

/// The names of the per-round metrics of a debate transcript: one value per (run, regime, seed,
/// iteration, round), a mean over questions (`RoundMetrics`, `TranscriptMetrics`; rows of
/// `rounds.csv` and the `metrics` of `analysis.json`). An iteration-level name of the simulator
/// is the round-level one at a stated round, e.g. `accuracy.round1_individual` is
/// `accuracy.individual` at round 1 and `sample.consensus` is `consensus` at the last round.
extension MetricName {
    /// Mean over questions of the share of agents whose answer is right (no answer = wrong).
    public static let accuracyIndividual = "accuracy.individual"
    /// Share of questions whose plurality answer is right (a tie to the largest answer).
    public static let accuracyMajority = "accuracy.majority"
    /// Share of questions where some agent is right.
    public static let accuracyOracle = "accuracy.oracle"
    /// Share of the round's responses with no extracted answer.
    public static let noAnswerRate = "no_answer_rate"
    /// Mean over questions of the share of answering agents that give the plurality answer.
    public static let consensus = "consensus"
    /// Share of questions where every agent answered and all agree.
    public static let unanimity = "unanimity"
    /// Fleiss' κ of the agents' answers over the questions all of them answered.
    public static let fleissKappa = "fleiss_kappa"
    /// Mean over agent pairs of the share of questions both answered alike.
    public static let agreementMeanPairwise = "agreement.mean_pairwise"
    /// Entropy of the agents' answers to a question by `estimator`, mean over questions.
    public static func answerEntropy(_ estimator: EntropyEstimator) -> String {
        "answer_entropy." + estimator.rawValue.replacingOccurrences(of: "-", with: "_")
    }
    /// The answer-entropy family as a registry pattern.
    public static let answerEntropyPattern = "answer_entropy.{estimator}"
    /// Plug-in and bias-corrected Jensen–Shannon divergence among agents, per question (answers)
    /// and pooled (the simulator's chain styles).
    public static let jsPlugin = "js.plugin"
    /// `js.plugin` − (K̂ − 1)(m − 1)/(2N): the plug-in value less its first-order bias
    /// (Treves & Panzeri 1995).
    public static let jsCorrected = "js.corrected"
    /// Plug-in JS divergence among the agents of the simulator's chain styles, pooled over questions.
    public static let jsStylePlugin = "js.style.plugin"
    /// `js.style.plugin` with the same bias correction.
    public static let jsStyleCorrected = "js.style.corrected"
    /// Mean −log-probability of the agents' own responses.
    public static let nllSelf = "nll.self"
    /// Share of the transitions from round r − 1 to r of one kind (`FlipCounts.kinds`).
    public static func flips(_ kind: String) -> String { "flips." + kind }
    /// The flips family as a registry pattern.
    public static let flipsPattern = "flips.{kind}"
    /// Share of answer switches that went to the previous round's plurality.
    public static let conformity = "conformity"
    /// Shares of attributed switches that evidence favoured / only peer support favoured.
    public static let switchEvidenceShare = "switch.evidence_share"
    /// Share of attributed switches that only peer support favoured.
    public static let switchSupportOnlyShare = "switch.support_only_share"
    /// Text diversity of the round's responses to a question, mean over questions.
    public static let textDistinct1 = "text.distinct_1"
    /// Distinct bigrams / bigrams of a question's texts (Li et al. 2016).
    public static let textDistinct2 = "text.distinct_2"
    /// Mean pairwise Jaccard similarity of the texts' bigram sets.
    public static let textJaccard2 = "text.jaccard_2"
    /// Mean pairwise 1 − cosine of the texts' TF-IDF vectors.
    public static let textTfidfDissimilarity = "text.tfidf_dissimilarity"
    /// Mean over texts of BLEU-4 against the question's other texts (Zhu et al. 2018).
    public static let textSelfBLEU = "text.self_bleu"
    /// Vendi score (order 1) of the texts with the TF-IDF cosine kernel (Friedman & Dieng 2023).
    public static let textVendi = "text.vendi"
    /// Embedding diversity of the round's responses to a question, mean over questions.
    public static let embeddingDissimilarity = "embedding.dissimilarity"
    /// Vendi score (order 1) of the embeddings with the cosine kernel.
    public static let embeddingVendi = "embedding.vendi"
    /// Lexical proxy of the share of a question's reference facts the round's texts mention.
    public static let factCoverageProxy = "fact_coverage_proxy"
    /// Sample files (`SampleMetrics`): samples per question of a model, and Brown et al.'s
    /// coverage (some sample right).
    public static let samplesPerQuestion = "samples_per_question"
    /// Share of questions where some sample of the model is right (Brown et al. 2024).
    public static let coverageAnySample = "coverage.any_sample"
}
