import ChorusAnalysis
/// The metric names and claim numbers a sweep spec may select (`metrics:`, `claims:`, `figure:`),
/// so that a misspelt name is an error before anything runs, listing the valid ones.
///
/// The simulator has no single list of the metric names it writes (`MetricName` holds constants,
/// `PolicyMetrics.passAtK` the pass@k family, `Contrasts` builds the `contrast.*` names from
/// regime names). This catalogue is assembled from those same sources; a test runs every regime
/// and checks that the set of names the simulator writes is exactly this set, so the list cannot
/// drift from the code. When issue 9's metric registry exists, `metricNames` should become a view
/// of it and this file shrink to the claim numbers.
public enum SweepQuantities {
    /// Every metric name the simulator can write into `metrics.csv` (exact, sampled and paired
    /// contrasts), sorted.
    public static let metricNames: [String] = {
        var names: [String] = [
            MetricName.accuracyRound1Individual, MetricName.accuracyRound1Majority, MetricName.accuracyFinal,
            MetricName.entropyChain, MetricName.entropyAnswer, MetricName.entropyStyle,
            MetricName.entropyChainGenerator, MetricName.entropyAnswerGenerator, MetricName.entropyStyleGenerator,
            MetricName.entropyChainCritic, MetricName.entropyAnswerCritic, MetricName.entropyStyleCritic,
            MetricName.disagreementChain, MetricName.disagreementAnswer, MetricName.disagreementStyle,
            MetricName.jsChain, MetricName.jsAnswer,
            MetricName.klBaseGenerator, MetricName.klBaseCritic, MetricName.klBase, MetricName.klBetween,
            MetricName.sampleConsensus, MetricName.sampleAnswerEntropyPlugin, MetricName.sampleAnswerEntropyMM,
            MetricName.sampleCrossNLL, MetricName.sampleEmbeddingDissimilarity,
            MetricName.sampleFlipWrongRight, MetricName.sampleFlipRightWrong,
            MetricName.criticWeightStay, MetricName.criticWeightSupport, MetricName.criticWeightEvidence, MetricName.criticWeightPrior,
            MetricName.coverage, MetricName.accuracyPseudoLabel,
            MetricName.divergenceScorerGenerator, MetricName.divergenceScorerCritic, MetricName.divergenceScorer,
            MetricName.trainingOverlap, MetricName.trainingOverlapGenerator, MetricName.trainingOverlapCritic,
        ]
        names += PolicyMetrics.passAtK.map(MetricName.passAt)
        // Contrasts (the `Contrasts.rows` families).
        let iterationContrasts = [Contrasts.minusBase, Contrasts.minusIteration1, Contrasts.minusLast]
        names += iterationContrasts + iterationContrasts.map(Contrasts.overPlacebo)
        names.append(Contrasts.individualMinusBase)
        names += [Contrasts.criticMinusGenerator, Contrasts.scorerCriticMinusGenerator,
                  Contrasts.generatorKLMinus("single-agent")]
        names += Contrasts.regimePairs.map { Contrasts.accuracyMinus($0.1) }
        names += Contrasts.diversityMetrics.map { Contrasts.metricMinus($0, "single-agent") }
        return Array(Set(names)).sorted()
    }()

    /// The per-seat families, whose names depend on the society's size (`StyleShares`), as
    /// they are listed in error messages.
    public static let metricPatterns = ["style_share.<generator|critic>.agent<i>.style<k>"]

    /// Whether the simulator can write `name`: a fixed name of `metricNames`, or a member of a
    /// per-seat family of `metricPatterns`.
    public static func isMetric(_ name: String) -> Bool {
        knownNames.contains(name) || StyleShares.parse(name) != nil
    }

    private static let knownNames = Set(metricNames)
    private static var listed: String { (metricNames + metricPatterns).joined(separator: ", ") }

    /// The claims (docs/model.md §10), numbered 1…6.
    public static var claimNumbers: [Int] { Array(1...Claims.statements.count) }

    /// Checks the names a spec selects.
    /// - Throws: `SweepError.invalidSpec` naming the field (`metrics`, `claims`, `figure.metric`,
    ///   `figure.claim`, `figure.regime`), the bad name and the valid ones.
    static func check(_ spec: SweepSpec, source: String) throws {
        for (i, m) in spec.metrics.enumerated() where !isMetric(m) {
            throw SweepError.invalidSpec(source: source, field: "metrics[\(i)]",
                                         reason: "'\(m)' is not a metric the simulator writes\(suggestion(m)); the metrics are: \(listed)")
        }
        if Set(spec.metrics).count != spec.metrics.count {
            throw SweepError.invalidSpec(source: source, field: "metrics", reason: "a metric is named twice: \(spec.metrics.joined(separator: ", "))")
        }
        for (i, c) in spec.claims.enumerated() where !claimNumbers.contains(c) {
            throw SweepError.invalidSpec(source: source, field: "claims[\(i)]",
                                         reason: "\(c) is not a claim; the claims are \(claimList)")
        }
        if Set(spec.claims).count != spec.claims.count {
            throw SweepError.invalidSpec(source: source, field: "claims", reason: "a claim is named twice: \(spec.claims.map(String.init).joined(separator: ", "))")
        }
        guard let f = spec.figure else { return }
        if let m = f.metric {
            guard isMetric(m) else {
                throw SweepError.invalidSpec(source: source, field: "figure.metric",
                                             reason: "'\(m)' is not a metric the simulator writes\(suggestion(m)); the metrics are: \(listed)")
            }
            if !spec.metrics.isEmpty, !spec.metrics.contains(m) {
                throw SweepError.invalidSpec(source: source, field: "figure.metric",
                                             reason: "'\(m)' is not among the kept metrics (\(spec.metrics.joined(separator: ", "))); add it to metrics")
            }
        }
        if let r = f.regime, !Regime.names.contains(r) {
            throw SweepError.invalidSpec(source: source, field: "figure.regime",
                                         reason: "'\(r)' is not a regime; the regimes are: \(Regime.names.joined(separator: ", "))")
        }
        if let c = f.claim {
            guard claimNumbers.contains(c) else {
                throw SweepError.invalidSpec(source: source, field: "figure.claim", reason: "\(c) is not a claim; the claims are \(claimList)")
            }
            guard spec.claims.contains(c) else {
                throw SweepError.invalidSpec(source: source, field: "figure.claim",
                                             reason: "claim \(c) is not judged by this sweep (claims: \(spec.claims.isEmpty ? "none" : spec.claims.map(String.init).joined(separator: ", "))); add it to claims")
            }
        }
    }

    static var claimList: String {
        claimNumbers.map(String.init).joined(separator: ", ") + " (docs/model.md §10)"
    }

    /// " (did you mean 'x'?)" for the closest known name within a small edit distance.
    static func suggestion(_ name: String) -> String {
        var best: (String, Int)?
        for m in metricNames {
            let d = editDistance(name, m)
            if d <= max(2, name.count / 5), d < (best?.1 ?? .max) { best = (m, d) }
        }
        return best.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    /// Levenshtein distance. - Complexity: O(|a|·|b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        var prev = Array(0...y.count), cur = prev
        for i in 1...x.count {
            cur[0] = i
            if !y.isEmpty {
                for j in 1...y.count {
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                }
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
