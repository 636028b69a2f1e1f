/// The role an agent plays in a debate.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Answers round 1 alone (a generation agent).
    case generator
    /// Answers rounds 2 and later after reading its peers (a critic agent).
    case critic
}

/// One agent's response to one question in one debate round: the unit of every analysis.
///
/// Simulated runs and real logs both become streams of these records (docs/design.md §3). Fields that
/// only a simulator knows (chain, style, log-probability, embedding, evidence) or that only some
/// logs carry (text, truth) are optional. Every record carries its run, regime, seed and
/// iteration, so a row can always be traced back to the parameters that produced it (as in Mesa).
public struct ResponseRecord: Codable, Sendable, Equatable, Hashable {
    /// Run identifier (a simulation run id, or the log file's name).
    public var run: String
    /// Regime name (e.g. `multiagent`), or `log` for real logs.
    public var regime: String
    /// The seed of the simulation run; nil for real logs.
    public var seed: UInt64?
    /// Finetuning iteration (0 = base model).
    public var iteration: Int
    /// Question identifier, unique within a run.
    public var question: String
    /// Agent index, 0-based.
    public var agent: Int
    /// The agent's role in this round: generator (round 1) or critic (later rounds).
    public var role: Role
    /// Debate round, 1-based.
    public var round: Int
    /// The extracted answer; nil means "no answer" (never counted correct).
    public var answer: String?
    /// Whether the answer is right; nil when there is no ground truth.
    public var correct: Bool?
    /// The ground-truth answer, when known.
    public var truth: String?
    /// Simulator: index of the reasoning chain written.
    public var chain: Int?
    /// Simulator: style of the chain.
    public var style: Int?
    /// Log-probability the agent assigned to its own response.
    public var logProbability: Double?
    /// Simulator: evidence of the chosen answer as the agent read it (rounds ≥ 2).
    public var evidence: Double?
    /// The response text, when the log has it.
    public var text: String?
    /// An embedding of the response (simulator: the chain's feature vector).
    public var embedding: [Double]?

    /// A record with every field given; optional fields default to absent.
    public init(run: String, regime: String, seed: UInt64? = nil, iteration: Int = 0,
                question: String, agent: Int, role: Role, round: Int,
                answer: String?, correct: Bool?, truth: String? = nil,
                chain: Int? = nil, style: Int? = nil, logProbability: Double? = nil,
                evidence: Double? = nil, text: String? = nil, embedding: [Double]? = nil) {
        self.run = run; self.regime = regime; self.seed = seed; self.iteration = iteration
        self.question = question; self.agent = agent; self.role = role; self.round = round
        self.answer = answer; self.correct = correct; self.truth = truth
        self.chain = chain; self.style = style; self.logProbability = logProbability
        self.evidence = evidence; self.text = text; self.embedding = embedding
    }

    /// JSON keys of the canonical JSON Lines format (docs/formats.md).
    public enum CodingKeys: String, CodingKey, CaseIterable {
        /// The keys of the record's identity and outcome.
        case run, regime, seed, iteration, question, agent, role, round, answer, correct, truth
        /// The keys of the response's content (`logProbability` is written as `logprob`).
        case chain, style, logProbability = "logprob", evidence, text, embedding
    }
}
