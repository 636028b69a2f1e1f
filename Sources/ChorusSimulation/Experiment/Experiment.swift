import Foundation
import ChorusStats
import ChorusRecords

/// A set of replicates: every configured regime on every configured seed.
public struct Experiment: Sendable {
    /// The configuration, validated.
    public let config: SimulationConfig
    let regimes: [Regime]

    /// Validates the configuration (`SimulationConfig.validate`, the one validator: the checks
    /// of `ConfigKeys`).
    /// - Throws: `SimulationError.invalidValue` naming the key path, or `.unknownName` for a regime.
    public init(config: SimulationConfig) throws {
        try config.validate()
        self.config = config
        self.regimes = try config.regimes.map { try Regime.named($0, agents: config.agents.count) }
    }

    /// An experiment over custom regime values (e.g. a variant of a built-in regime); the
    /// configuration's `regimes` list is replaced by their names, which must be distinct.
    /// - Throws: `SimulationError.invalidValue` for an inconsistent regime (seat count different
    ///   from `agents.count`, a seat naming a model that does not exist) or a bad configuration.
    public init(config: SimulationConfig, regimes: [Regime]) throws {
        var c = config
        c.regimes = regimes.map(\.name)
        var probe = c
        probe.regimes = [Regime.names[0]]
        try probe.validate()
        guard !regimes.isEmpty, Set(c.regimes).count == regimes.count else {
            throw SimulationError.invalidValue(path: "regimes", value: "\(c.regimes)", allowed: "at least one regime, distinct names")
        }
        for r in regimes {
            let seats = r.generatorSeats + r.criticSeats
            guard r.generatorSeats.count == c.agents.count, r.criticSeats.count == c.agents.count,
                  r.modelCount >= 1, seats.allSatisfy({ $0 >= 0 && $0 < r.modelCount }),
                  (r.rounds ?? 1) >= 1 else {
                throw SimulationError.invalidValue(path: "regimes.\(r.name)", value: "seats \(r.generatorSeats)/\(r.criticSeats), \(r.modelCount) models",
                                                   allowed: "\(c.agents.count) generator and critic seats naming models 0..<modelCount")
            }
        }
        self.config = c
        self.regimes = regimes
    }

    /// Runs every (regime, seed) pair in parallel on `threads` threads (default: all active
    /// cores), except that placebo twins run only on the first `placebo_seeds` seeds
    /// (`SimulationConfig.placeboSeedCount`; all seeds by default). Each pair draws only from its
    /// own streams, so the rows are byte-identical for any thread count, and a pair's rows do not
    /// depend on which other pairs run; they are sorted by (regime order in the config, seed
    /// order in the config, iteration, metric name). Paired contrasts between iterations and
    /// regimes of the same seed are added as `contrast.*` rows (`Contrasts`); a contrast with a
    /// placebo twin exists only on the seeds where the twin ran.
    /// - Parameter threads: worker threads (nil: one per core).
    /// - Parameter progress: called (from worker threads) after each finished pair, with the
    ///   number of pairs that run.
    /// - Parameter spool: where transcripts are written as they are made (then the result's
    ///   `transcripts` is empty and `transcriptSpool` is set); nil keeps them in memory.
    public func run(threads: Int? = nil,
                    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
                    spool: TranscriptSpool? = nil) throws -> ExperimentResult {
        let seeds = config.seeds
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        // Task banks, one per seed (shared by all regimes of that seed). A seed's placebo bank
        // makes the same draws as its real bank (common random numbers) and is built only when a
        // placebo regime runs on that seed: placebo twins run on the first `placeboSeedCount`
        // seeds only (`placebo_seeds`).
        let placeboCount = config.placeboSeedCount
        let banks = Parallel.Slots<TaskBank?>(count: seeds.count)
        let placeboBanks = Parallel.Slots<TaskBank?>(count: seeds.count)
        let needPlacebo = regimes.contains { $0.placebo }, needReal = regimes.contains { !$0.placebo }
        let config = self.config
        Parallel.forEach(count: seeds.count, threads: workers) { i in
            let stream = SeedStream(seed: seeds[i]).child("bank")
            banks.set(i, needReal ? TaskBank(parameters: config.task, stream: stream) : nil)
            placeboBanks.set(i, needPlacebo && i < placeboCount ? TaskBank(parameters: config.task, placebo: true, stream: stream) : nil)
        }
        let bankList = banks.values()
        let placeboList = placeboBanks.values()
        // The scorer of a seed depends only on its base logits, shared by its real and placebo banks.
        let scorers: [ScorerDivergence?] = (0..<seeds.count).map { s in
            (bankList[s] ?? placeboList[s]).map(ScorerDivergence.init(bank:))
        }
        let total = regimes.count * seeds.count
        let outputs = Parallel.Slots<([MetricRow], [ResponseRecord], [TrainingRecord])>(count: total)
        // Pairs t = r·seeds + s that run (a placebo twin only on its seeds); the others stay empty.
        let regimes = self.regimes
        let runs = { (t: Int) -> Bool in !regimes[t / seeds.count].placebo || t % seeds.count < placeboCount }
        let active = (0..<total).filter(runs)
        for t in 0..<total where !runs(t) { outputs.set(t, ([], [], [])) }
        let counter = Parallel.Counter()
        Parallel.forEach(count: active.count, threads: workers) { i in
            let t = active[i]
            let r = t / seeds.count, s = t % seeds.count
            let bank = (regimes[r].placebo ? placeboList[s] : bankList[s])!
            var run = RegimeRun(config: config, regime: regimes[r], bank: bank, seed: seeds[s], scorer: scorers[s]!)
            run.transcriptSink = spool?.writer(pair: t)
            let out = run.run()
            run.transcriptSink?.close()
            outputs.set(t, out)
            let done = counter.increment()
            progress?(done, active.count)
        }
        var transcripts: [ResponseRecord] = []
        var training: [TrainingRecord] = []
        let pairs = outputs.values()
        for o in pairs { transcripts += o.1; training += o.2 }
        let rows = Contrasts.merge(pairs: pairs.map(\.0), regimes: config.regimes, seeds: seeds,
                                   iterations: config.iterations, threads: workers)
        try spool?.check()
        var result = ExperimentResult(config: config, rows: rows, transcripts: transcripts, training: training)
        result.transcriptSpool = spool
        return result
    }
}
