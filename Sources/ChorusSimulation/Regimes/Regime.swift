/// A training regime as a value: which models exist, who sits in which debate seat, how the
/// debate is run and which data each model is finetuned on (docs/design.md §2 "Regimes").
///
/// The simulator has no regime-specific branches: `Experiment` reads these fields only.
/// Seats: generator seat n answers round 1; critic seat n answers rounds 2…R and its "own
/// previous answer" is seat n's previous-round answer. Data of a seat go to the model in that
/// seat, so a model sitting in several seats is finetuned on the pooled data of all of them.
public struct Regime: Sendable, Equatable {
    /// The regime's name, e.g. `multiagent` or `multiagent-placebo`.
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
    /// Compute matching: when true, each model is finetuned on a uniform subsample (without
    /// replacement) of its data of size ⌈n / s⌉, s = the number of seats whose data it pools, so
    /// a model that fills every seat gets the example and SGD-step budget of one society member.
    public var matchedBudget: Bool
    /// Negative control: the regime runs on the seed's placebo bank (`TaskBank(placebo: true)`),
    /// which has no correctness signal anywhere; its expected accuracy is 1/A at every iteration.
    public var placebo: Bool

    /// A regime with every field given.
    public init(name: String, modelCount: Int, generatorSeats: [Int], criticSeats: [Int],
                rounds: Int?, summarize: Bool?, selection: SelectionRule,
                trainGenerators: Bool, trainCritics: Bool, matchedBudget: Bool = false, placebo: Bool = false) {
        self.name = name; self.modelCount = modelCount
        self.generatorSeats = generatorSeats; self.criticSeats = criticSeats
        self.rounds = rounds; self.summarize = summarize; self.selection = selection
        self.trainGenerators = trainGenerators; self.trainCritics = trainCritics
        self.matchedBudget = matchedBudget; self.placebo = placebo
    }

    /// The names of the built-in regimes, in canonical order.
    public static let baseNames: [String] = [
        "single-agent", "multiagent", "no-critic", "no-summary",
        "single-no-debate", "majority-ft", "star", "single-agent-matched",
    ]

    /// The suffix that names a regime's placebo twin (`multiagent-placebo`).
    public static let placeboSuffix = "-placebo"

    /// Every valid regime name: the built-in regimes and their placebo twins.
    public static let names: [String] = baseNames + baseNames.map { $0 + placeboSuffix }

    /// The name of a regime's placebo twin.
    public static func placeboTwin(of name: String) -> String { name + placeboSuffix }

    /// The built-in regime of that name for a society of `agents` agents per role; a name ending
    /// in `-placebo` is the same regime on the placebo bank.
    /// - Throws: `SimulationError.unknownName` for a name not in `names`.
    public static func named(_ name: String, agents n: Int) throws -> Regime {
        if name.hasSuffix(placeboSuffix) {
            let base = String(name.dropLast(placeboSuffix.count))
            guard baseNames.contains(base) else {
                throw SimulationError.unknownName(kind: "regime", name: name, allowed: names)
            }
            var r = try named(base, agents: n)
            r.name = name
            r.placebo = true
            return r
        }
        let shared = [Int](repeating: 0, count: n)
        let own = Array(0..<n)
        let criticsOwn = Array(n..<(2 * n))
        switch name {
        case "single-agent":
            // One model fills every seat and is finetuned on the pooled data of all seats.
            return Regime(name: name, modelCount: 1, generatorSeats: shared, criticSeats: shared,
                          rounds: nil, summarize: nil, selection: .consensus,
                          trainGenerators: true, trainCritics: true)
        case "single-agent-matched":
            // The single agent with the example and step budget of one society member: its
            // pooled data are subsampled to 1/(seats) of their size before each finetuning.
            return Regime(name: name, modelCount: 1, generatorSeats: shared, criticSeats: shared,
                          rounds: nil, summarize: nil, selection: .consensus,
                          trainGenerators: true, trainCritics: true, matchedBudget: true)
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
            // Critics read every peer's raw response (up to the context budget), each read with
            // a noise that grows with the length of the context (DebateRunner).
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

    /// The number of seats whose data finetune model m under a configuration (generator seats
    /// if generators train, critic seats if critics train and the debate has ≥ 2 rounds).
    public func contributingSeats(of m: Int, _ config: SimulationConfig) -> Int {
        var s = 0
        if trainGenerators { s += generatorSeats.filter { $0 == m }.count }
        if trainCritics && effectiveRounds(config) >= 2 { s += criticSeats.filter { $0 == m }.count }
        return max(1, s)
    }
}
