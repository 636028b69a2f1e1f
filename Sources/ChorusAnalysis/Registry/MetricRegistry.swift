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
        case higher = "higher", lower = "lower", none = "—"
    }

    public struct Entry: Sendable {
        /// The name, or a family pattern with `{…}` placeholders.
        public let name: String
        public let definition: String
        public let unit: String
        public let estimator: Estimator
        public let source: String
        public let diversity: Diversity
    }

    static func e(_ name: String, _ definition: String, _ unit: String, _ estimator: Estimator,
                  _ source: String, _ diversity: Diversity) -> Entry {
        Entry(name: name, definition: definition, unit: unit, estimator: estimator, source: source, diversity: diversity)
    }

    /// Every metric of the simulator's `metrics.csv` / `summary.csv` and of `iterations.csv`.
    public static let entries: [Entry] = [
        e(MetricName.accuracyRound1Individual, "mean over generator seats and test questions of P(seat answers correctly in round 1)", "probability", .exact, "Subramaniam et al. 2025", .none),
        e(MetricName.accuracyRound1Majority, "P(the plurality of the N round-1 answers is correct), a tie to the largest label", "probability", .exact, "Subramaniam et al. 2025", .none),
        e(MetricName.accuracyFinal, "share of test debates whose final-round plurality is correct (Rao–Blackwellised over the last round's choices)", "probability", .sampled, "Subramaniam et al. 2025", .none),
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
        e(MetricName.disagreementAnswer, "P(two generator seats give different answers); from logs the share of differing round-1 pairs (unbiased)", "probability", .exact, "this project", .higher),
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
        e(MetricName.sampleConsensus, "share of answering agents whose final-round answer is the final plurality", "share", .sampled, "Subramaniam et al. 2025 §4.3", .lower),
        e(MetricName.sampleAnswerEntropyPlugin, "plug-in entropy of the round-1 answers of a debate", "nats", .sampled, "Miller 1955", .higher),
        e(MetricName.sampleAnswerEntropyMM, "Miller–Madow entropy of the round-1 answers of a debate", "nats", .sampled, "Miller 1955", .higher),
        e(MetricName.sampleCrossNLL, "mean over ordered seat pairs of −log π_i(r_j) of round-1 responses", "nats", .sampled, "Subramaniam et al. 2025 §4.3", .higher),
        e(MetricName.sampleEmbeddingDissimilarity, "mean over round-1 pairs of 1 − cos of the responses' embeddings", "1 − cosine", .sampled, "Subramaniam et al. 2025 §4.3", .higher),
        e(MetricName.sampleFlipWrongRight, "share of agents wrong in round 1 and right in the final round", "share", .sampled, "Du et al. 2023", .none),
        e(MetricName.sampleFlipRightWrong, "share of agents right in round 1 and wrong in the final round", "share", .sampled, "Du et al. 2023", .none),
        e(MetricName.criticWeightStay, "critic's learned weight on keeping its own answer, mean over critic models", "logit", .derived, "this project", .none),
        e(MetricName.criticWeightSupport, "critic's learned weight on peer support", "logit", .derived, "this project", .none),
        e(MetricName.criticWeightEvidence, "critic's learned weight on evidence as read", "logit", .derived, "this project", .none),
        e(MetricName.criticWeightPrior, "critic's learned weight on its own prior log π(a|q)", "logit", .derived, "this project", .none),
        e(MetricName.trainingOverlap, "mean Jaccard overlap of the training examples of model pairs", "share", .derived, "this project", .lower),
        e(MetricName.trainingOverlapGenerator, "the same over generator models", "share", .derived, "this project", .lower),
        e(MetricName.trainingOverlapCritic, "the same over critic models", "share", .derived, "this project", .lower),
        e(MetricName.styleSharePattern, "P(seat i of the role writes style s), mean over test questions", "probability", .exact, "this project", .none),
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
        var out = "| name | definition | unit | estimator | source | more diverse when |\n|---|---|---|---|---|---|\n"
        for e in entries {
            out += "| `\(e.name)` | \(e.definition) | \(e.unit) | \(e.estimator.rawValue) | \(e.source) | \(e.diversity.rawValue) |\n"
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
