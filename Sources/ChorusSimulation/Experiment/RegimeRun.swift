import Foundation
import ChorusAnalysis
import ChorusStats
import ChorusRecords

/// One replicate: a regime run from the base model through `iterations` rounds of finetuning on
/// one seed's task bank, measured on the held-out questions at every iteration.
///
/// Random streams, keyed by seed, iteration, purpose and (for finetuning) model index:
/// `seed/"run"/iteration/"train"` for the training debates, `…/"eval"` for the test debates,
/// `…/"sgd"/model` for each model's minibatch order. The task bank depends on the seed only, so
/// every regime of a seed faces the same questions. The regime is deliberately *not* a key:
/// regimes use common random numbers (a standard variance-reduction design for comparing
/// systems), so two regimes that act identically up to some step (e.g. `multiagent` and
/// `no-critic` until their critics are first finetuned) draw identical samples up to that step,
/// and a paired difference between them isolates the mechanism that differs. Streams never
/// depend on thread count or order.
struct RegimeRun {
    let config: SimulationConfig
    let regime: Regime
    let bank: TaskBank
    let seed: UInt64
    /// The base model's scores of the test responses, sorted once per seed (`ScorerDivergence`;
    /// the same for a seed's real and placebo banks, which share their base logits).
    let scorer: ScorerDivergence
    /// Where transcripts go as they are made (nil: returned in memory by `run`).
    var transcriptSink: TranscriptSpool.PairWriter? = nil

    func run() -> (rows: [MetricRow], transcripts: [ResponseRecord], training: [TrainingRecord]) {
        let n = config.agents.count
        let tau = config.agents.temperature
        let rounds = regime.effectiveRounds(config)
        let summarize = regime.effectiveSummarize(config)
        let stream = SeedStream(seed: seed).child("run")
        let criticSeatsUsed = rounds >= 2 ? regime.criticSeats : []
        let criticModels = regime.criticModels(config)
        let generatorModels = regime.generatorModels
        let train = 0..<bank.trainCount
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        // Finetuning maximises the model's own likelihood, softmax(b + θ·φ) at temperature 1, as
        // supervised finetuning of a language model does whatever temperature its data were
        // sampled at; with τ < 1 each round of self-training therefore sharpens the model.
        let settings = Finetune.Settings(config.finetune, temperature: 1)

        var models = [AgentModel](repeating: AgentModel(dimension: bank.dimension, debate: config.debate),
                                  count: regime.modelCount)
        let baseModel = models[0]
        let baseTest = PolicyTable(bank: bank, theta: baseModel.theta, temperature: tau, questions: test, entropies: true)
        var accumulated = [TrainingData](repeating: TrainingData(maxView: n), count: regime.modelCount)
        var rows: [MetricRow] = []
        var transcripts: [ResponseRecord] = []
        var trainingRecords: [TrainingRecord] = []   // TrainingRecords.swift (issue 12)
        var overlap = TrainingOverlap()              // TrainingOverlap.swift (issue 12)
        var runner = DebateRunner(agents: n, rounds: rounds, answers: bank.answers)
        let recordIterations = Set(config.output.transcripts)
        // accuracy.final: per test question the mean over `accuracyDebates` debates of
        // P(final majority correct | the rounds before the last), exact over the last round's
        // independent choices (`DebateRunner.finalAnswerProb`, `MajorityAccuracy`; ties split
        // by the bank's labels, as the final vote breaks them). Conditioning removes the choice noise
        // (Rao–Blackwell), so the estimate has the sampled indicator's mean and less variance.
        let accuracyDebates = config.output.accuracyDebates
        var majority = MajorityAccuracy.Workspace(agents: n, answers: bank.answers)
        var testCache: [([Double], PolicyTable)] = [(baseModel.theta, baseTest)]
        var trainCache: [([Double], PolicyTable)] = []

        for iteration in 0...config.iterations {
            let itStream = stream.child(UInt64(iteration))
            // --- Measure on held-out questions.
            let testTables = RegimeRun.tables(of: models, bank: bank, temperature: tau, questions: test,
                                              entropies: true, known: &testCache)
            var values: [(String, Double)] = []
            ExactMetrics.compute(bank: bank, tables: testTables, base: baseTest,
                                 generatorSeats: regime.generatorSeats, criticSeats: criticSeatsUsed,
                                 generatorModels: generatorModels, criticModels: criticModels, into: &values)
            PolicyMetrics.passAndCoverage(bank: bank, tables: testTables, generatorSeats: regime.generatorSeats, into: &values)
            StyleShares.compute(bank: bank, tables: testTables, generatorSeats: regime.generatorSeats,
                                criticSeats: criticSeatsUsed, into: &values)
            scorer.compute(tables: testTables, base: baseTest, generatorModels: generatorModels,
                           criticModels: criticModels, into: &values)
            let society = Society(tables: testTables, criticWeights: models.map(\.criticWeights),
                                  generatorSeats: regime.generatorSeats, criticSeats: regime.criticSeats,
                                  rounds: rounds, summarize: summarize, summaryNoise: config.debate.summaryNoise,
                                  rawNoise: config.debate.rawNoise, contextBudget: config.debate.contextBudget)
            var g = itStream.child("eval").generator()
            var sampled = SampledMetrics(answers: bank.answers)
            var finalCorrect = 0.0, labelCorrect = 0.0
            let record = recordIterations.contains(iteration)
            for q in test {
                runner.run(q, bank: bank, society: society, using: &g)
                sampled.add(runner, question: q, bank: bank, tables: testTables, generatorSeats: regime.generatorSeats)
                finalCorrect += majority.exact(seatAnswerProbs: runner.finalAnswerProb, labels: bank.labels(of: q))
                labelCorrect += RegimeRun.labelCorrectness(&runner, question: q, bank: bank, rule: regime.selection)
                if record {
                    appendRecords(runner, q: q, iteration: iteration, tables: testTables, into: &transcripts)
                    if let transcriptSink { transcriptSink.write(transcripts); transcripts.removeAll(keepingCapacity: true) }
                }
                if rounds >= 2 {
                    for _ in 1..<accuracyDebates {
                        runner.run(q, bank: bank, society: society, using: &g)
                        finalCorrect += majority.exact(seatAnswerProbs: runner.finalAnswerProb, labels: bank.labels(of: q))
                    }
                }
            }
            let exactMajority = values.first { $0.0 == MetricName.accuracyRound1Majority }?.1
            if rounds >= 2 || exactMajority == nil {
                let k = rounds >= 2 ? Double(accuracyDebates) : 1
                values.append((MetricName.accuracyFinal, finalCorrect / (k * Double(test.count))))
            } else {
                // Without debate the final answer is the round-1 majority: use its exact value.
                values.append((MetricName.accuracyFinal, exactMajority!))
            }
            sampled.finish(agents: n, into: &values)
            if regime.selection != .none {
                values.append((MetricName.accuracyPseudoLabel, labelCorrect / Double(test.count)))
            }
            if !criticModels.isEmpty {
                let names = [MetricName.criticWeightStay, MetricName.criticWeightSupport,
                             MetricName.criticWeightEvidence, MetricName.criticWeightPrior]
                for j in 0..<AgentModel.criticFeatureCount {
                    let mean = criticModels.reduce(0.0) { $0 + models[$1].criticWeights[j] } / Double(criticModels.count)
                    values.append((names[j], mean))
                }
            }
            values.sort { $0.0 < $1.0 }
            for (name, v) in values {
                rows.append(MetricRow(regime: regime.name, seed: seed, iteration: iteration, metric: name, value: v))
            }
            if iteration == config.iterations { break }

            // --- Debate on training questions and select data.
            let trainTables = RegimeRun.tables(of: models, bank: bank, temperature: tau, questions: train,
                                               entropies: false, known: &trainCache)
            let trainSociety = Society(tables: trainTables, criticWeights: models.map(\.criticWeights),
                                       generatorSeats: regime.generatorSeats, criticSeats: regime.criticSeats,
                                       rounds: rounds, summarize: summarize, summaryNoise: config.debate.summaryNoise,
                                       rawNoise: config.debate.rawNoise, contextBudget: config.debate.contextBudget)
            var fresh = [TrainingData](repeating: TrainingData(maxView: n), count: regime.modelCount)
            var gt = itStream.child("train").generator()
            for q in train {
                runner.run(q, bank: bank, society: trainSociety, using: &gt)
                let majority1 = regime.selection == .selfConsistency
                    ? runner.plurality(round: 0, question: q, bank: bank) : runner.final
                DataSelection.collect(runner, question: q, rule: regime.selection, roundOneMajority: majority1,
                                      generatorSeats: regime.generatorSeats, criticSeats: regime.criticSeats,
                                      trainGenerators: regime.trainGenerators, trainCritics: regime.trainCritics,
                                      into: &fresh)
            }
            // --- Finetune each model on its data.
            for m in 0..<regime.modelCount {
                var data: TrainingData
                switch config.finetune.data {
                case .replace: data = fresh[m]
                case .accumulate: accumulated[m].append(fresh[m]); data = accumulated[m]
                }
                var dg = itStream.child("data").child(UInt64(m)).generator()
                switch config.finetune.criticMix {
                case .official: data.applyOfficialCriticMix(using: &dg)
                case .reweight: data.normaliseCriticMix(config.finetune.criticMixWeight)
                }
                if regime.matchedBudget {
                    data.subsample(divisor: regime.contributingSeats(of: m, config), using: &dg)
                }
                overlap.add(model: m, data: data, bank: bank)
                if record {
                    trainingRecords += TrainingRecord.of(data, model: m, iteration: iteration, run: config.name,
                                                         regime: regime.name, seed: seed, bank: bank)
                }
                if config.finetune.restartFromBase { models[m] = baseModel }
                Finetune.train(&models[m], on: data, bank: bank, settings: settings,
                               stream: itStream.child("sgd").child(UInt64(m)))
            }
            for (name, v) in overlap.finish(generatorModels: generatorModels, criticModels: criticModels) {
                rows.append(MetricRow(regime: regime.name, seed: seed, iteration: iteration, metric: name, value: v))
            }
        }
        return (rows, transcripts, trainingRecords)
    }

    /// The policy table of every model over `questions`, each distinct θ tabulated once.
    ///
    /// `known` holds the (θ, table) pairs of the previous call (on entry also, for the test
    /// questions, the base model's): a model whose θ is equal to one of them, or to an earlier
    /// model's in this call, shares that table instead of recomputing it. At iteration 0 every
    /// model is the base model, and a model that got no data keeps its table across
    /// iterations. A table is a pure function of (θ, τ, questions), so sharing changes no bit.
    static func tables(of models: [AgentModel], bank: TaskBank, temperature tau: Double,
                       questions: Range<Int>, entropies: Bool, known: inout [([Double], PolicyTable)]) -> [PolicyTable] {
        var out: [PolicyTable] = []
        var now: [([Double], PolicyTable)] = []
        out.reserveCapacity(models.count)
        for model in models {
            if let hit = now.first(where: { $0.0 == model.theta }) ?? known.first(where: { $0.0 == model.theta }) {
                out.append(hit.1)
                if !now.contains(where: { $0.0 == model.theta }) { now.append(hit) }
            } else {
                let t = PolicyTable(bank: bank, theta: model.theta, temperature: tau, questions: questions,
                                    entropies: entropies)
                out.append(t); now.append((model.theta, t))
            }
        }
        known = now
        return out
    }

    /// Correctness of the pseudo-label ŷ a rule gives the debate in `r`: consensus → the final
    /// plurality (1 if correct); self-consistency → the round-1 plurality; ground truth → 1.
    static func labelCorrectness(_ r: inout DebateRunner, question q: Int, bank: TaskBank, rule: SelectionRule) -> Double {
        switch rule {
        case .consensus: return r.final == 0 ? 1 : 0
        case .groundTruth: return 1
        case .none: return 0
        case .selfConsistency:
            return (r.rounds == 1 ? r.final : r.plurality(round: 0, question: q, bank: bank)) == 0 ? 1 : 0
        }
    }

    /// Records of one test debate. `logprob` is the log-probability of the chain under the
    /// writer's generation policy π(c|q) (for a critic, unconditioned on the answer it chose);
    /// `evidence` is the chosen answer's evidence as the critic read it; `embedding` is φ(q, c).
    private func appendRecords(_ r: DebateRunner, q: Int, iteration: Int, tables: [PolicyTable],
                               into out: inout [ResponseRecord]) {
        let n = r.agents, c = bank.chains, d = bank.dimension
        let truthLabel = bank.answerLabel(q, 0)
        for m in 0..<r.rounds {
            for s in 0..<n {
                let i = m * n + s
                let ch = r.chain[i]
                let model = m == 0 ? regime.generatorSeats[s] : regime.criticSeats[s]
                let f = (q * c + ch) * d
                out.append(ResponseRecord(
                    run: config.name, regime: regime.name, seed: seed, iteration: iteration,
                    question: "q\(q - bank.testStart)", agent: s, role: m == 0 ? .generator : .critic,
                    round: m + 1,
                    answer: bank.answerLabel(q, r.answer[i]),
                    correct: r.answer[i] == 0, truth: truthLabel, chain: ch,
                    style: Int(bank.style[q * c + ch]), logProbability: tables[model].logP(q, ch),
                    evidence: m == 0 ? nil : r.readEvidence[i],
                    embedding: Array(bank.features[f..<(f + d)])))
            }
        }
    }
}
