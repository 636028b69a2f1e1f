/// The society as the debate sees it: each model's policy table over the questions being
/// debated, each model's critic weights, who sits in which seat, and how critics read peers.
public struct Society: Sendable {
    public var tables: [PolicyTable]
    public var criticWeights: [[Double]]
    public var generatorSeats: [Int]
    public var criticSeats: [Int]
    public var rounds: Int
    public var summarize: Bool
    public var summaryNoise: Double
    public var rawNoise: Double
    public var contextBudget: Int

    public var agents: Int { generatorSeats.count }

    public init(tables: [PolicyTable], criticWeights: [[Double]], generatorSeats: [Int], criticSeats: [Int],
                rounds: Int, summarize: Bool, summaryNoise: Double, rawNoise: Double, contextBudget: Int) {
        self.tables = tables; self.criticWeights = criticWeights
        self.generatorSeats = generatorSeats; self.criticSeats = criticSeats
        self.rounds = rounds; self.summarize = summarize
        self.summaryNoise = summaryNoise; self.rawNoise = rawNoise; self.contextBudget = contextBudget
    }
}
