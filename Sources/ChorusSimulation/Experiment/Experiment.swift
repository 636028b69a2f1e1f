import Foundation
import ChorusStats
import ChorusRecords

/// A set of replicates: every configured regime on every configured seed.
public struct Experiment: Sendable {
    public let config: SimulationConfig
    let regimes: [Regime]

    /// Validates the configuration against what the model needs.
    /// - Throws: `SimulationError.invalidValue` naming the key path, or `.unknownName` for a regime.
    public init(config: SimulationConfig) throws {
        try Experiment.validate(config)
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
        try Experiment.validate(probe)
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
        let banks = ResultSlots<TaskBank?>(count: seeds.count)
        let placeboBanks = ResultSlots<TaskBank?>(count: seeds.count)
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
        let outputs = ResultSlots<([MetricRow], [ResponseRecord], [TrainingRecord])>(count: total)
        // Pairs t = r·seeds + s that run (a placebo twin only on its seeds); the others stay empty.
        let regimes = self.regimes
        let runs = { (t: Int) -> Bool in !regimes[t / seeds.count].placebo || t % seeds.count < placeboCount }
        let active = (0..<total).filter(runs)
        for t in 0..<total where !runs(t) { outputs.set(t, ([], [], [])) }
        let counter = Counter()
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

    static func validate(_ c: SimulationConfig) throws {
        func check(_ ok: Bool, _ path: String, _ value: Any, _ allowed: String) throws {
            if !ok { throw SimulationError.invalidValue(path: path, value: "\(value)", allowed: allowed) }
        }
        try check(!c.seeds.isEmpty, "seeds", c.seeds, "at least one seed")
        try check(Set(c.seeds).count == c.seeds.count, "seeds", c.seeds, "distinct seeds")
        try check(!c.regimes.isEmpty, "regimes", c.regimes, "at least one of \(Regime.names.joined(separator: ", "))")
        for (i, name) in c.regimes.enumerated() where !Regime.names.contains(name) {
            throw SimulationError.unknownName(kind: "regime (regimes[\(i)])", name: name, allowed: Regime.names)
        }
        try check(Set(c.regimes).count == c.regimes.count, "regimes", c.regimes, "distinct regime names")
        try check(c.iterations >= 0 && c.iterations <= 1000, "iterations", c.iterations, "0…1000")
        let t = c.task
        try check(t.trainQuestions >= 1, "task.train_questions", t.trainQuestions, ">= 1")
        try check(t.testQuestions >= 1, "task.test_questions", t.testQuestions, ">= 1")
        try check(t.chainsPerQuestion >= 2, "task.chains_per_question", t.chainsPerQuestion, ">= 2")
        try check(t.wrongAnswers >= 1 && t.wrongAnswers <= 64, "task.wrong_answers", t.wrongAnswers, "1…64")
        try check(t.styles >= 1 && t.styles <= t.chainsPerQuestion, "task.styles", t.styles,
                  "1…chains_per_question (\(t.chainsPerQuestion))")
        try check(t.featureDimension >= 1 && t.featureDimension <= 4096, "task.feature_dimension", t.featureDimension, "1…4096")
        try check(t.learnability.isFinite && t.learnability >= 0, "task.learnability", t.learnability, "finite, >= 0")
        try check(t.verifiability.isFinite && t.verifiability >= 0, "task.verifiability", t.verifiability, "finite, >= 0")
        try check(t.styleHeterogeneity.isFinite && t.styleHeterogeneity >= 0, "task.style_heterogeneity", t.styleHeterogeneity, "finite, >= 0")
        try check(t.baseAccuracy > 0 && t.baseAccuracy < 1, "task.base_accuracy", t.baseAccuracy, "strictly between 0 and 1")
        try check(t.baseLogitScale.isFinite && t.baseLogitScale >= 0, "task.base_logit_scale", t.baseLogitScale, "finite, >= 0")
        try check(c.agents.count >= 1 && c.agents.count <= 64, "agents.count", c.agents.count, "1…64")
        try check(c.agents.temperature.isFinite && c.agents.temperature > 0, "agents.temperature", c.agents.temperature, "finite, > 0")
        let d = c.debate
        try check(d.rounds >= 1 && d.rounds <= 100, "debate.rounds", d.rounds, "1…100")
        try check(d.summaryNoise.isFinite && d.summaryNoise >= 0, "debate.summary_noise", d.summaryNoise, "finite, >= 0")
        try check(d.rawNoise.isFinite && d.rawNoise >= 0, "debate.raw_noise", d.rawNoise, "finite, >= 0")
        try check(d.contextBudget >= 1, "debate.context_budget", d.contextBudget, ">= 1")
        for (v, key) in [(d.stayWeight, "stay_weight"), (d.supportWeight, "support_weight"),
                         (d.evidenceWeight, "evidence_weight"), (d.priorWeight, "prior_weight")] {
            try check(v.isFinite, "debate.\(key)", v, "a finite number")
        }
        let f = c.finetune
        try check(f.learningRate.isFinite && f.learningRate >= 0, "finetune.learning_rate", f.learningRate, "finite, >= 0")
        try check(f.epochs >= 0 && f.epochs <= 1000, "finetune.epochs", f.epochs, "0…1000")
        try check(f.criticLearningRate.isFinite && f.criticLearningRate >= 0, "finetune.critic_learning_rate", f.criticLearningRate, "finite, >= 0")
        try check(f.basePull.isFinite && f.basePull >= 0, "finetune.base_pull", f.basePull, "finite, >= 0")
        try check(f.learningRate * f.basePull < 1, "finetune.base_pull", f.basePull, "learning_rate × base_pull < 1")
        try check(f.criticMixWeight >= 0 && f.criticMixWeight <= 1, "finetune.critic_mix_weight", f.criticMixWeight, "0…1")
        try check(f.batchSize >= 1, "finetune.batch_size", f.batchSize, ">= 1")
        for (i, it) in c.output.transcripts.enumerated() {
            try check(it >= 0 && it <= c.iterations, "output.transcripts[\(i)]", it, "0…iterations (\(c.iterations))")
        }
        // The configuration's own range checks (ConfigValidation), which also bound the memory
        // the task banks ask for.
        try c.validate()
    }
}
