/// A training regime as a value: which models exist, who sits in which debate seat, how the
/// debate is run and which data each model is finetuned on (DESIGN §2 "Regimes").
///
/// The simulator has no regime-specific branches: `Experiment` reads these fields only.
/// Seats: generator seat n answers round 1; critic seat n answers rounds 2…R and its "own
/// previous answer" is seat n's previous-round answer. Data of a seat go to the model in that
/// seat, so a model sitting in several seats is finetuned on the pooled data of all of them.
public struct Regime: Sendable, Equatable {
    public var name: String
    /// Number of distinct models.
    public var modelCount: Int
    /// Model index of each generator seat (count = agents).
    public var generatorSeats: [Int]
    /// Model index of each critic seat (count = agents; unused when `rounds == 1`).
    public var criticSeats: [Int]
    /// Debate rounds; nil = the configuration's `debate.rounds`; 1 = no debate (round-1 majority).
    public var rounds: Int?
    /// Whether critics read a summary; nil = the configuration's `debate.summarize`.
    public var summarize: Bool?
    /// How ŷ (the pseudo-label of a training question) is formed.
    public var selection: SelectionRule
    /// Whether generator-seat data finetune the model in that seat.
    public var trainGenerators: Bool
    /// Whether critic-seat data finetune the model in that seat.
    public var trainCritics: Bool

    public init(name: String, modelCount: Int, generatorSeats: [Int], criticSeats: [Int],
                rounds: Int?, summarize: Bool?, selection: SelectionRule,
                trainGenerators: Bool, trainCritics: Bool) {
        self.name = name; self.modelCount = modelCount
        self.generatorSeats = generatorSeats; self.criticSeats = criticSeats
        self.rounds = rounds; self.summarize = summarize; self.selection = selection
        self.trainGenerators = trainGenerators; self.trainCritics = trainCritics
    }

    /// The names of the built-in regimes, in canonical order.
    public static let names: [String] = [
        "single-agent", "multiagent", "no-critic", "no-summary",
        "single-no-debate", "majority-ft", "star",
    ]

    /// The built-in regime of that name for a society of `agents` agents per role.
    /// - Throws: `SimulationError.unknownName` for a name not in `names`.
    public static func named(_ name: String, agents n: Int) throws -> Regime {
        let shared = [Int](repeating: 0, count: n)
        let own = Array(0..<n)
        let criticsOwn = Array(n..<(2 * n))
        switch name {
        case "single-agent":
            // One model fills every seat and is finetuned on the pooled data of all seats.
            return Regime(name: name, modelCount: 1, generatorSeats: shared, criticSeats: shared,
                          rounds: nil, summarize: nil, selection: .consensus,
                          trainGenerators: true, trainCritics: true)
        case "multiagent":
            // The paper: N generation models and N critic models, each on its own data.
            return Regime(name: name, modelCount: 2 * n, generatorSeats: own, criticSeats: criticsOwn,
                          rounds: nil, summarize: nil, selection: .consensus,
                          trainGenerators: true, trainCritics: true)
        case "no-critic":
            // Critics exist and debate but are never finetuned.
            return Regime(name: name, modelCount: 2 * n, generatorSeats: own, criticSeats: criticsOwn,
                          rounds: nil, summarize: nil, selection: .consensus,
                          trainGenerators: true, trainCritics: false)
        case "no-summary":
            // Critics read raw peer responses (noisier, within the context budget).
            return Regime(name: name, modelCount: 2 * n, generatorSeats: own, criticSeats: criticsOwn,
                          rounds: nil, summarize: false, selection: .consensus,
                          trainGenerators: true, trainCritics: true)
        case "single-no-debate":
            // One model, N samples, majority vote, no debate; data: its samples agreeing with
            // the majority of its own samples.
            return Regime(name: name, modelCount: 1, generatorSeats: shared, criticSeats: shared,
                          rounds: 1, summarize: nil, selection: .selfConsistency,
                          trainGenerators: true, trainCritics: false)
        case "majority-ft":
            // N separate generation models, no debate; each finetuned on its own samples that
            // agree with the majority vote of all N agents' answers.
            return Regime(name: name, modelCount: n, generatorSeats: own, criticSeats: own,
                          rounds: 1, summarize: nil, selection: .selfConsistency,
                          trainGenerators: true, trainCritics: false)
        case "star":
            // One model, N samples, no debate; finetuned on its samples with the true answer.
            return Regime(name: name, modelCount: 1, generatorSeats: shared, criticSeats: shared,
                          rounds: 1, summarize: nil, selection: .groundTruth,
                          trainGenerators: true, trainCritics: false)
        default:
            throw SimulationError.unknownName(kind: "regime", name: name, allowed: names)
        }
    }

    /// Debate rounds under a configuration.
    public func effectiveRounds(_ config: SimulationConfig) -> Int { rounds ?? config.debate.rounds }
    /// Whether critics read summaries under a configuration.
    public func effectiveSummarize(_ config: SimulationConfig) -> Bool { summarize ?? config.debate.summarize }
    /// Model indices that sit in at least one critic seat that is used (rounds ≥ 2).
    public func criticModels(_ config: SimulationConfig) -> [Int] {
        effectiveRounds(config) >= 2 ? Array(Set(criticSeats)).sorted() : []
    }
    /// Model indices that sit in at least one generator seat.
    public var generatorModels: [Int] { Array(Set(generatorSeats)).sorted() }
}
