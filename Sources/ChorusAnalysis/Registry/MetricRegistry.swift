/// The registry of metric names (issue 9): for every name a table can contain, its definition,
/// unit, how it is obtained, its source and which direction means more diverse.
///
/// It is the single list behind `docs/metrics.md`'s name table (`markdownTable`, checked by a
/// test) and behind name validation (`entry(for:)` answers for families such as `pass_at.{k}`
/// and `style_share.{role}.agent{i}.style{s}`). Names follow one style: lower-case snake_case
/// words joined by dots, general to specific (`entropy.chain.generator`), so that a family
/// shares a prefix; `contrast.{metric}.{comparison}` rows of `summary.csv` are paired
/// differences of a registered metric (`Contrasts`).
public enum MetricRegistry {
    /// How a value is obtained.
    public enum Estimator: String, Sendable {
        /// From the explicit policies, no sampling (simulator only).
        case exact
        /// From simulated or logged debates, as from transcripts.
        case sampled
        /// A statistic of a fitted or learned quantity (critic weights, overlap of training data).
        case derived
    }

    /// Which direction of the metric means more diverse reasoning.
    public enum Diversity: String, Sendable {
        /// Higher values mean more diverse, lower values do, or neither (not a diversity measure).
        case higher = "higher", lower = "lower", none = "—"
    }

    /// What one value of the metric is about.
    public enum Scope: String, Sendable {
        /// One value per finetuning iteration (metrics.csv, summary.csv, iterations.csv).
        case iteration
        /// One value per debate round of an iteration (rounds.csv, analysis.json).
        case round
    }

    /// One row of the registry: a metric name (or family) and what it means.
    public struct Entry: Sendable {
        /// The name, or a family pattern with `{…}` placeholders.
        public let name: String
        /// The definition, as a formula or one sentence.
        public let definition: String
        /// The unit (nats, share, probability, …).
        public let unit: String
        /// How the value is obtained.
        public let estimator: Estimator
        /// The source of the definition (a paper, or "this project").
        public let source: String
        /// Which direction means more diverse reasoning.
        public let diversity: Diversity
        /// Whether a value is per iteration or per debate round.
        public let scope: Scope
        /// A short label for figure panels and legends (fits a small multiple at 8 pt); nil:
        /// the name itself.
        public let label: String?
    }

    static func e(_ name: String, _ definition: String, _ unit: String, _ estimator: Estimator,
                  _ source: String, _ diversity: Diversity, _ scope: Scope = .iteration, label: String? = nil) -> Entry {
        Entry(name: name, definition: definition, unit: unit, estimator: estimator, source: source, diversity: diversity,
              scope: scope, label: label)
    }

    /// The figure label of a name: the entry's label, for a family member followed by its
    /// placeholder values in parentheses with `_` read as a space (`flips.wrong_right` →
    /// "flips (wrong right)"); the name itself when it has no label.
    public static func label(for name: String) -> String {
        guard let e = entry(for: name), let label = e.label else { return name }
        guard e.name.contains("{") else { return label }
        // The fixed parts of the pattern, removed from the name, leave the placeholder values.
        var values: [String] = []
        var rest = Substring(name), pattern = Substring(e.name)
        while let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") {
            let prefix = pattern[..<open]
            rest = rest.dropFirst(prefix.count)
            pattern = pattern[pattern.index(after: close)...]
            let next = pattern.firstIndex(of: "{").map { String(pattern[..<$0]) } ?? String(pattern)
            let end = next.isEmpty ? rest.endIndex : (rest.range(of: next)?.lowerBound ?? rest.endIndex)
            values.append(String(rest[..<end]).replacingOccurrences(of: "_", with: " "))
            rest = rest[end...]
        }
        return "\(label) (\(values.joined(separator: ", ")))"
    }

    /// Every metric a table of Chorus can contain: the simulator's `metrics.csv` / `summary.csv`,
    /// `iterations.csv`, `rounds.csv`, `analysis.json`, the sample files' tables.
    public static let entries: [Entry] = [
        e(MetricName.accuracyRound1Individual, "mean over generator seats and test questions of P(seat answers correctly in round 1)", "probability", .exact, "Subramaniam et al. 2025", .none, label: "round-1 accuracy"),
        e(MetricName.accuracyRound1Majority, "P(the plurality of the N round-1 answers is correct), a tie to the largest label", "probability", .exact, "Subramaniam et al. 2025", .none, label: "round-1 majority"),
        e(MetricName.accuracyFinal, "share of test debates whose final-round plurality is correct (Rao–Blackwellised over the last round's choices)", "probability", .sampled, "Subramaniam et al. 2025", .none, label: "final accuracy"),
        e(MetricName.accuracyPseudoLabel, "share of test questions whose pseudo-label under the regime's selection rule is correct", "probability", .sampled, "this project", .none),
        e(MetricName.passAtKPattern, "1 − (1 − π(correct))^k, mean over generator seats and questions", "probability", .exact, "Chen et al. 2021", .higher),
        e(MetricName.coverage, "P(some generator seat is right in round 1), 1 − Π(1 − π_n(correct))", "probability", .exact, "Brown et al. 2024", .higher),
        e(MetricName.entropyChain, "mean over all models and questions of H(π(c|q))", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyAnswer, "mean over all models and questions of H(π(a|q))", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyStyle, "mean over all models and questions of H(π(style|q))", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyChainGenerator, "entropy.chain over generator models", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyAnswerGenerator, "entropy.answer over generator models", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyStyleGenerator, "entropy.style over generator models", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyChainCritic, "entropy.chain over critic models", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyAnswerCritic, "entropy.answer over critic models", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.entropyStyleCritic, "entropy.style over critic models", "nats", .exact, "Shannon 1948", .higher),
        e(MetricName.disagreementChain, "P(two generator seats write different chains), mean over pairs and questions", "probability", .exact, "this project", .higher),
        e(MetricName.disagreementAnswer, "P(two generator seats give different answers); from logs the share of differing round-1 pairs (unbiased)", "probability", .exact, "this project", .higher, label: "answer disagreement"),
        e(MetricName.disagreementStyle, "P(two generator seats write different styles)", "probability", .exact, "this project", .higher),
        e(MetricName.jsChain, "H(mixture of seats' chain policies) − mean H(seat) (mutual information of seat and chain)", "nats", .exact, "Lin 1991", .higher),
        e(MetricName.jsAnswer, "the same over answers", "nats", .exact, "Lin 1991", .higher),
        e(MetricName.klBaseGenerator, "KL(model ‖ base) of the generation policies, mean over generator models", "nats", .exact, "Kullback & Leibler 1951", .none),
        e(MetricName.klBaseCritic, "KL(model ‖ base), mean over critic models", "nats", .exact, "Kullback & Leibler 1951", .none),
        e(MetricName.klBase, "KL(model ‖ base), mean over all models", "nats", .exact, "Kullback & Leibler 1951", .none),
        e(MetricName.klBetween, "mean over ordered generator-seat pairs of KL(π_i ‖ π_j)", "nats", .exact, "Kullback & Leibler 1951", .higher),
        e(MetricName.divergenceScorerGenerator, "W₁ between the base model's log-likelihoods of base and model responses, generator models", "nats", .exact, "Subramaniam et al. 2025 Fig. 8", .none),
        e(MetricName.divergenceScorerCritic, "the same over critic models", "nats", .exact, "Subramaniam et al. 2025 Fig. 8", .none),
        e(MetricName.divergenceScorer, "the same over all models", "nats", .exact, "Subramaniam et al. 2025 Fig. 8", .none),
        e(MetricName.sampleConsensus, "share of answering agents whose final-round answer is the final plurality", "share", .sampled, "Subramaniam et al. 2025 §4.3", .lower, label: "consensus"),
        e(MetricName.sampleAnswerEntropyPlugin, "plug-in entropy of the round-1 answers of a debate", "nats", .sampled, "Miller 1955", .higher, label: "answer entropy (plug-in)"),
        e(MetricName.sampleAnswerEntropyMM, "Miller–Madow entropy of the round-1 answers of a debate", "nats", .sampled, "Miller 1955", .higher, label: "answer entropy (MM)"),
        e(MetricName.sampleCrossNLL, "mean over ordered seat pairs of −log π_i(r_j) of round-1 responses", "nats", .sampled, "Subramaniam et al. 2025 §4.3", .higher),
        e(MetricName.sampleEmbeddingDissimilarity, "mean over round-1 pairs of 1 − cos of the responses' embeddings", "1 − cosine", .sampled, "Subramaniam et al. 2025 §4.3", .higher),
        e(MetricName.sampleFlipWrongRight, "share of agents wrong in round 1 and right in the final round", "share", .sampled, "Du et al. 2023", .none, label: "flips wrong → right"),
        e(MetricName.sampleFlipRightWrong, "share of agents right in round 1 and wrong in the final round", "share", .sampled, "Du et al. 2023", .none, label: "flips right → wrong"),
        e(MetricName.criticWeightStay, "critic's learned weight on keeping its own answer, mean over critic models", "logit", .derived, "this project", .none),
        e(MetricName.criticWeightSupport, "critic's learned weight on peer support", "logit", .derived, "this project", .none),
        e(MetricName.criticWeightEvidence, "critic's learned weight on evidence as read", "logit", .derived, "this project", .none),
        e(MetricName.criticWeightPrior, "critic's learned weight on its own prior log π(a|q)", "logit", .derived, "this project", .none),
        e(MetricName.trainingOverlap, "mean Jaccard overlap of the training examples of model pairs", "share", .derived, "this project", .lower),
        e(MetricName.trainingOverlapGenerator, "the same over generator models", "share", .derived, "this project", .lower),
        e(MetricName.trainingOverlapCritic, "the same over critic models", "share", .derived, "this project", .lower),
        e(MetricName.styleSharePattern, "P(seat i of the role writes style s), mean over test questions", "probability", .exact, "this project", .none),
        // Per debate round (rounds.csv, analysis.json; `RoundRow.namedValues`, `TranscriptMetrics`).
        e(MetricName.accuracyIndividual, "mean over questions of the share of the round's agents whose answer is right (no answer = wrong); accuracy.round1_individual is its round-1 value", "probability", .sampled, "Du et al. 2023", .none, .round, label: "individual acc."),
        e(MetricName.accuracyMajority, "share of questions whose plurality answer of the round is right, a tie to the largest answer", "probability", .sampled, "Du et al. 2023", .none, .round, label: "majority acc."),
        e(MetricName.accuracyOracle, "share of questions where some agent of the round is right", "probability", .sampled, "this project", .none, .round, label: "oracle acc."),
        e(MetricName.noAnswerRate, "share of the responses with no extracted answer", "share", .sampled, "this project", .none, .round, label: "no answer"),
        e(MetricName.consensus, "mean over questions of #{agents giving the plurality answer} / #{agents answering}; sample.consensus is its last-round value", "share", .sampled, "Subramaniam et al. 2025 §4.3", .lower, .round, label: "consensus"),
        e(MetricName.unanimity, "share of questions where every agent answered and all agree", "share", .sampled, "this project", .lower, .round, label: "unanimity"),
        e(MetricName.fleissKappa, "Fleiss' κ of the agents' answers over the questions all answered", "κ", .sampled, "Fleiss 1971", .lower, .round, label: "Fleiss κ"),
        e(MetricName.agreementMeanPairwise, "mean over agent pairs of the share of questions both answered alike", "share", .sampled, "this project", .lower, .round, label: "pairwise agreement"),
        e(MetricName.answerEntropyPattern, "entropy of the agents' answers to a question by the estimator (plugin, miller_madow, chao_shen, grassberger, nsb), mean over questions; sample.answer_entropy_plugin is the plug-in value at round 1", "nats", .sampled, "Miller 1955; Chao & Shen 2003; Nemenman et al. 2002", .higher, .round, label: "answer entropy"),
        e(MetricName.jsPlugin, "plug-in Jensen–Shannon divergence among the agents' answers, per question", "nats", .sampled, "Lin 1991", .higher, .round, label: "JS (plug-in)"),
        e(MetricName.jsCorrected, "js.plugin − (K̂ − 1)(m − 1)/(2N)", "nats", .sampled, "Treves & Panzeri 1995", .higher, .round, label: "JS (corrected)"),
        e(MetricName.jsStylePlugin, "plug-in JS divergence among agents of the simulator's chain styles, pooled over questions", "nats", .sampled, "Lin 1991", .higher, .round, label: "style JS (plug-in)"),
        e(MetricName.jsStyleCorrected, "js.style.plugin with the bias correction", "nats", .sampled, "Treves & Panzeri 1995", .higher, .round, label: "style JS (corrected)"),
        e(MetricName.nllSelf, "mean −log-probability of the agents' own responses", "nats", .sampled, "this project", .higher, .round, label: "self NLL"),
        e(MetricName.flipsPattern, "share of the round-(r−1) → r transitions of one kind: right_right, right_wrong, wrong_right, wrong_same_wrong, wrong_other_wrong, unjudged, switches (answer changed), to_plurality (changed to the previous plurality); flips.csv has the counts", "share", .sampled, "Du et al. 2023", .none, .round, label: "flips"),
        e(MetricName.conformity, "switches to the previous round's plurality / switches", "share", .sampled, "this project", .lower, .round, label: "conformity"),
        e(MetricName.switchEvidenceShare, "share of attributed switches that the agent's evidence favoured", "share", .sampled, "this project", .none, .round, label: "switches by evidence"),
        e(MetricName.switchSupportOnlyShare, "share of attributed switches that only peer support favoured", "share", .sampled, "this project", .none, .round, label: "switches by support"),
        e(MetricName.textDistinct1, "distinct unigrams / unigrams of a question's texts, mean over questions", "share", .sampled, "Li et al. 2016", .higher, .round, label: "distinct-1"),
        e(MetricName.textDistinct2, "distinct bigrams / bigrams of a question's texts, mean over questions", "share", .sampled, "Li et al. 2016", .higher, .round, label: "distinct-2"),
        e(MetricName.textJaccard2, "mean pairwise Jaccard similarity of the texts' bigram sets", "share", .sampled, "this project", .lower, .round, label: "bigram Jaccard"),
        e(MetricName.textTfidfDissimilarity, "mean pairwise 1 − cosine of the texts' TF-IDF vectors, mean over questions", "1 − cosine", .sampled, "Salton & Buckley 1988", .higher, .round, label: "TF-IDF dissim."),
        e(MetricName.textSelfBLEU, "mean over texts of BLEU-4 against the question's other texts", "BLEU", .sampled, "Zhu et al. 2018", .lower, .round, label: "self-BLEU"),
        e(MetricName.textVendi, "Vendi score (q = 1) of a question's texts with the TF-IDF cosine kernel", "effective count", .sampled, "Friedman & Dieng 2023", .higher, .round, label: "Vendi (text)"),
        e(MetricName.embeddingDissimilarity, "mean pairwise 1 − cosine of the responses' embeddings, mean over questions; sample.embedding_dissimilarity is its round-1 value", "1 − cosine", .sampled, "Subramaniam et al. 2025 §4.3", .higher, .round, label: "embedding dissim."),
        e(MetricName.embeddingVendi, "Vendi score (q = 1) of a question's embeddings with the cosine kernel", "effective count", .sampled, "Friedman & Dieng 2023", .higher, .round, label: "Vendi (embedding)"),
        e(MetricName.factCoverageProxy, "share of a question's reference facts whose content words the round's texts mention (lexical proxy), mean over questions", "share", .sampled, "this project", .higher, .round, label: "fact coverage"),
        // Sample files (`chorus analyze --map`, `SampleMetrics`), per model and iteration.
        e(MetricName.samplesPerQuestion, "samples per question of a model", "count", .sampled, "this project", .none, label: "samples/q"),
        e(MetricName.coverageAnySample, "share of questions where some sample of the model is right (grows with the samples)", "probability", .sampled, "Brown et al. 2024", .higher, label: "coverage (any sample)"),
    ]

    /// The entry of a name: an exact name, or a family whose `{…}` placeholders each match a
    /// non-empty run of letters, digits or underscores; nil for an unknown name.
    public static func entry(for name: String) -> Entry? {
        if let e = byName[name] { return e }
        return entries.first { $0.name.contains("{") && matches(name, pattern: $0.name) }
    }

    private static let byName: [String: Entry] = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// Whether `name` fits `pattern`, where each `{…}` stands for a non-empty run of letters,
    /// digits or underscores.
    static func matches(_ name: String, pattern: String) -> Bool {
        var regex = "^"
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            regex += regexEscaped(String(rest[..<open])) + "[A-Za-z0-9_]+"
            rest = rest[rest.index(after: close)...]
        }
        regex += regexEscaped(String(rest)) + "$"
        return name.range(of: regex, options: .regularExpression) != nil
    }

    /// `docs/metrics.md`'s name table.
    public static var markdownTable: String {
        var out = "| name | per | definition | unit | estimator | source | more diverse when |\n|---|---|---|---|---|---|---|\n"
        for e in entries {
            out += "| `\(e.name)` | \(e.scope.rawValue) | \(e.definition) | \(e.unit) | \(e.estimator.rawValue) | \(e.source) | \(e.diversity.rawValue) |\n"
        }
        return out
    }
}

/// `s` with the regular-expression metacharacters escaped.
private func regexEscaped(_ s: String) -> String {
    var out = ""
    for ch in s { if "\\^$.|?*+()[]{}".contains(ch) { out.append("\\") }; out.append(ch) }
    return out
}
