/// The names of the metrics an experiment reports every iteration on held-out questions.
///
/// These strings are a published contract (tables, figures and notebooks key on them): add new
/// names, never rename. "Exact" metrics are computed from the explicit policies; `sample.*` ones
/// from simulated transcripts, as a researcher would compute them from real logs.
public enum MetricName {
    public static let accuracyRound1Individual = "accuracy.round1_individual"
    public static let accuracyRound1Majority = "accuracy.round1_majority"
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

    public static let disagreementChain = "disagreement.chain"
    public static let disagreementAnswer = "disagreement.answer"
    public static let disagreementStyle = "disagreement.style"

    public static let jsChain = "js.chain"
    public static let jsAnswer = "js.answer"

    public static let klBaseGenerator = "kl_base.generator"
    public static let klBaseCritic = "kl_base.critic"
    public static let klBase = "kl_base"
    public static let klBetween = "kl_between"

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
}
