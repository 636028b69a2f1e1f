/// The society as the debate sees it: each model's policy table over the questions being
/// debated, each model's critic weights, who sits in which seat, and how critics read peers.
public struct Society: Sendable {
    /// Each model's generation policy, tabulated on the questions being debated.
    public var tables: [PolicyTable]
    /// Each model's critic weights (w_stay, w_support, w_evidence, w_prior).
    public var criticWeights: [[Double]]
    /// The model sitting in each generator seat (round 1).
    public var generatorSeats: [Int]
    /// The model sitting in each critic seat (rounds ≥ 2).
    public var criticSeats: [Int]
    /// Rounds per debate.
    public var rounds: Int
    /// Whether critics read a summary of their peers (true) or the raw responses.
    public var summarize: Bool
    /// Noise sd of reading pooled evidence from a summary.
    public var summaryNoise: Double
    /// Noise sd of reading one raw response (scaled by the number of responses in context).
    public var rawNoise: Double
    /// Raw responses a critic can read without a summary.
    public var contextBudget: Int

    /// Seats per round N.
    public var agents: Int { generatorSeats.count }

    /// A society with every field given.
    public init(tables: [PolicyTable], criticWeights: [[Double]], generatorSeats: [Int], criticSeats: [Int],
                rounds: Int, summarize: Bool, summaryNoise: Double, rawNoise: Double, contextBudget: Int) {
        self.tables = tables; self.criticWeights = criticWeights
        self.generatorSeats = generatorSeats; self.criticSeats = criticSeats
        self.rounds = rounds; self.summarize = summarize
        self.summaryNoise = summaryNoise; self.rawNoise = rawNoise; self.contextBudget = contextBudget
    }
}
