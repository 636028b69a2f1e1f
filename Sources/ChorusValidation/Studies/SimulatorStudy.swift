import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis
import ChorusSimulation

/// Study 6: the simulator's own mechanisms, each against an independent truth.
///
/// - **Finetuning** lowers the negative log-likelihood of its data. A full-batch step of size
///   η on the concave log-likelihood ℓ(θ) = Σ_i ω_i log π_θ(c_i|q_i) raises ℓ whenever
///   η < 2/L (L the curvature bound, ≤ max‖φ‖² for a softmax); checked exactly (the sign of
///   NLL_after − NLL_before) on random data sets, and the analytic gradient against central
///   finite differences of the NLL (tolerance 1e-6).
/// - **The critic step** raises the log-likelihood of its decisions, likewise.
/// - **Data selection**: every answer profile of a 3-seat, 2-round debate over 3 answers
///   (3⁶ = 729 profiles) is enumerated, and each rule's generator and critic examples are
///   compared with an independent re-statement of the rule (paper §2.2): exact equality.
/// - **Exact metrics against Monte Carlo**: round-1 individual accuracy and answer disagreement
///   from the policies against their estimates from simulated debates (4 SE).
/// - **Claim rules**: each null pattern's false-positive rate at 50 seeds must be ≤ 5% (with
///   3 binomial SE of allowance for the replicates), each true pattern detected (`ClaimRuleStudy`).
public enum SimulatorStudy {
    /// Runs study 6: its tables, checks and summary.
    public static func run(_ o: ValidationOptions) throws -> StudyResult {
        var r = StudyResult(number: 6, title: "The simulator's mechanisms")
        let root = SeedStream(seed: o.seed).child("study6")
        finetuning(root, into: &r)
        selection(into: &r)
        exactVersusSampled(root, quick: o.quick, into: &r)
        claimRules(quick: o.quick, seed: o.seed, into: &r)
        return r
    }

    static func tinyBank(_ stream: SeedStream) -> TaskBank {
        var p = TaskBankParameters()
        p.trainQuestions = 30; p.testQuestions = 30; p.chainsPerQuestion = 6; p.styles = 3
        p.wrongAnswers = 2; p.featureDimension = 4; p.learnability = 0.5
        return TaskBank(parameters: p, stream: stream)
    }

    static func finetuning(_ root: SeedStream, into r: inout StudyResult) {
        var worstChain = -Double.infinity, worstCritic = -Double.infinity, worstGrad = 0.0
        for i in 0..<20 {
            let bank = tinyBank(root.child("bank").child(UInt64(i)))
            var g = root.child("data").child(UInt64(i)).generator()
            var data = TrainingData(maxView: 3)
            for _ in 0..<40 { data.addChain(question: g.nextInt(below: bank.questionCount), chain: g.nextInt(below: bank.chains), weight: 1) }
            for _ in 0..<40 {
                let f = (0..<(3 * AgentModel.criticFeatureCount)).map { _ in EntropyMechanismStudy.gaussian(&g) }
                data.addDecision(features: f, offset: 0, viewCount: 3, chosen: g.nextInt(below: 3), weight: 1)
            }
            var debate = DebateParameters(); debate.stayWeight = 0.3; debate.supportWeight = -0.2
            var model = AgentModel(dimension: bank.dimension, debate: debate)
            model.theta = (0..<bank.dimension).map { _ in 0.5 * EntropyMechanismStudy.gaussian(&g) }
            let s = Finetune.Settings(learningRate: 0.05, criticLearningRate: 0.05, epochs: 1, batchSize: 40, basePull: 0, temperature: 1)
            let before = Finetune.chainNLL(theta: model.theta, data: data, bank: bank, temperature: 1)
            let beforeW = Finetune.decisionNLL(weights: model.criticWeights, data: data)
            // Finite-difference gradient of the NLL against the step the trainer takes.
            var numeric = [Double](repeating: 0, count: bank.dimension)
            for j in 0..<bank.dimension {
                var tp = model.theta, tm = model.theta
                tp[j] += 1e-5; tm[j] -= 1e-5
                numeric[j] = -(Finetune.chainNLL(theta: tp, data: data, bank: bank, temperature: 1)
                               - Finetune.chainNLL(theta: tm, data: data, bank: bank, temperature: 1)) / 2e-5
            }
            var trained = model
            Finetune.train(&trained, on: data, bank: bank, settings: s, stream: root.child("sgd").child(UInt64(i)))
            for j in 0..<bank.dimension {
                // One full-batch step: Δθ = η·∇ℓ/n, so ∇ℓ/n = Δθ/η.
                worstGrad = max(worstGrad, abs((trained.theta[j] - model.theta[j]) / 0.05 - numeric[j]))
            }
            let after = Finetune.chainNLL(theta: trained.theta, data: data, bank: bank, temperature: 1)
            let afterW = Finetune.decisionNLL(weights: trained.criticWeights, data: data)
            worstChain = max(worstChain, after - before)
            worstCritic = max(worstCritic, afterW - beforeW)
        }
        r.checks.append(.direction(6, "a finetuning epoch lowers the NLL of its chain data (worst of 20 data sets)",
                                   measured: 0, reference: worstChain, margin: 0,
                                   detail: "max NLL_after − NLL_before = \(fmt(worstChain)) must be < 0; full batch, η = 0.05"))
        r.checks.append(.analytic(6, "the θ step is η times the analytic gradient of the log-likelihood",
                                  measured: worstGrad, expected: 0, tolerance: 1e-6,
                                  detail: "max |Δθ/η − finite-difference gradient| over 20 data sets"))
        r.checks.append(.direction(6, "a critic step raises the log-likelihood of its decisions (worst of 20 data sets)",
                                   measured: 0, reference: worstCritic, margin: 0,
                                   detail: "max NLL_after − NLL_before = \(fmt(worstCritic)) must be < 0"))
        r.summary.append("finetuning: worst NLL change of chains \(fmt(worstChain)), of critic decisions \(fmt(worstCritic)); gradient error \(fmt(worstGrad))")
    }

    /// Every answer profile of 3 seats × 2 rounds over 3 answers, each rule's data against the
    /// rule re-stated independently.
    static func selection(into r: inout StudyResult) {
        let n = 3, a = 3
        var mismatches = 0, profiles = 0
        var runner = DebateRunner(agents: n, rounds: 2, answers: a)
        for code in 0..<729 {
            var x = code
            for i in 0..<(2 * n) { runner.answer[i] = x % a; x /= a; runner.chain[i] = 10 * (i / n) + i % n }
            // Final majority: the plurality of the last round, ties to the smallest answer (any
            // fixed choice; collect takes the final answer as given).
            var counts = [Int](repeating: 0, count: a)
            for s in 0..<n { counts[runner.answer[n + s]] += 1 }
            runner.final = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
            var c1 = [Int](repeating: 0, count: a)
            for s in 0..<n { c1[runner.answer[s]] += 1 }
            let maj1 = c1.indices.max { c1[$0] < c1[$1] || (c1[$0] == c1[$1] && $0 > $1) }!
            for rule in SelectionRule.allCases {
                var data = [TrainingData](repeating: TrainingData(maxView: n), count: 2 * n)
                DataSelection.collect(runner, question: 0, rule: rule, roundOneMajority: maj1,
                                      generatorSeats: [0, 1, 2], criticSeats: [3, 4, 5],
                                      trainGenerators: true, trainCritics: true, into: &data)
                let label: Int? = rule == .consensus ? runner.final : rule == .selfConsistency ? maj1 : rule == .groundTruth ? 0 : nil
                for s in 0..<n {
                    let first = runner.answer[s], last = runner.answer[n + s]
                    // Generator data: seat s's round-1 chain iff its answer is the label (or no filter).
                    let wantGen = label == nil || first == label!
                    let gotGen = data[s].chain.map(Int.init) == (wantGen ? [s] : [])
                    // Critic data: D^C− (first ≠ ŷ, last = ŷ) → split 1, D^C+ (both = ŷ) → 2, else none.
                    let wantSplit: Int8? = label == nil ? 0 : (last != label! ? nil : (first == label! ? 2 : 1))
                    let crit = data[n + s]
                    let gotCrit = wantSplit == nil ? (crit.chainCount == 0 && crit.decisionCount == 0)
                        : (crit.chain.map(Int.init) == [10 + s] && crit.split == [wantSplit!] && crit.decisionSplit == [wantSplit!])
                    if !gotGen || !gotCrit { mismatches += 1 }
                }
                profiles += 1
            }
        }
        r.checks.append(.analytic(6, "each data-selection rule selects exactly its set (all 729 profiles × 4 rules)",
                                  measured: Double(mismatches), expected: 0, tolerance: 0,
                                  detail: "\(profiles) profile–rule pairs, seats compared against the rule re-stated"))
        r.summary.append("data selection: \(mismatches) mismatches over \(profiles) enumerated profile–rule pairs")
    }

    /// Exact round-1 metrics against their Monte Carlo estimates from simulated debates.
    static func exactVersusSampled(_ root: SeedStream, quick: Bool, into r: inout StudyResult) {
        let bank = tinyBank(root.child("mc-bank"))
        var g = root.child("theta").generator()
        let test = bank.testStart..<(bank.testStart + bank.testCount)
        let thetas = (0..<3).map { _ in (0..<bank.dimension).map { _ in EntropyMechanismStudy.gaussian(&g) } }
        let tables = thetas.map { PolicyTable(bank: bank, theta: $0, temperature: 0.8, questions: test) }
        var exact: [(String, Double)] = []
        ExactMetrics.compute(bank: bank, tables: tables, base: tables[0], generatorSeats: [0, 1, 2], criticSeats: [],
                             generatorModels: [0, 1, 2], criticModels: [], into: &exact)
        func value(_ name: String) -> Double { exact.first { $0.0 == name }!.1 }
        let society = Society(tables: tables, criticWeights: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
                              generatorSeats: [0, 1, 2], criticSeats: [0, 1, 2], rounds: 1, summarize: true,
                              summaryNoise: 0, rawNoise: 0, contextBudget: 5)
        var runner = DebateRunner(agents: 3, rounds: 1, answers: bank.answers)
        let reps = quick ? 400 : 4000
        var acc: [Double] = [], dis: [Double] = []
        for _ in 0..<reps {
            var correct = 0.0, differ = 0.0
            for q in test {
                runner.run(q, bank: bank, society: society, using: &g)
                for s in 0..<3 where runner.answer[s] == 0 { correct += 1 }
                for i in 0..<3 { for j in (i + 1)..<3 where runner.answer[i] != runner.answer[j] { differ += 1 } }
            }
            acc.append(correct / Double(3 * test.count)); dis.append(differ / Double(3 * test.count))
        }
        let ma = meanSE(acc), md = meanSE(dis)
        r.checks.append(.analytic(6, "exact round-1 individual accuracy = its Monte Carlo estimate from debates",
                                  measured: ma.mean, expected: value(MetricName.accuracyRound1Individual), tolerance: 4 * ma.se,
                                  detail: "\(reps) simulated rounds over \(test.count) questions; 4 SE"))
        r.checks.append(.analytic(6, "exact answer disagreement = its Monte Carlo estimate from debates",
                                  measured: md.mean, expected: value(MetricName.disagreementAnswer), tolerance: 4 * md.se,
                                  detail: "\(reps) simulated rounds; 4 SE"))
    }

    /// False-positive rates and power of claims 1 and 3's rules.
    static func claimRules(quick: Bool, seed: UInt64, into r: inout StudyResult) {
        let reps = quick ? 200 : 1000
        var table = TidyTable(columns: ["claim", "pattern", "claim_true", "hold_rate", "replicates"])
        for p in ClaimRuleStudy.patterns {
            let rate = ClaimRuleStudy.holdRate(p, seeds: 50, replicates: reps, seed: seed)
            table.append([String(p.claim), p.name, p.claimTrue ? "true" : "false", TidyTable.format(rate), String(reps)])
            let se = (0.05 * 0.95 / Double(reps)).squareRoot()
            if p.claimTrue {
                r.checks.append(.direction(6, "claim \(p.claim) rule detects '\(p.name)' (power at 50 seeds)", measured: rate, reference: 0.8, margin: 0,
                                           detail: "\(reps) synthetic studies; power must exceed 0.8"))
            } else {
                r.checks.append(.direction(6, "claim \(p.claim) rule rejects the null '\(p.name)' (false-positive rate ≤ 5%)",
                                           measured: 0.05 + 3 * se, reference: rate, margin: 0,
                                           detail: "rate \(fmt(rate)) over \(reps) synthetic studies of 50 seeds; allowance 3 binomial SE"))
            }
            r.summary.append("claim \(p.claim), \(p.name.padding(toLength: 30, withPad: " ", startingAt: 0)) hold rate \(fmt(rate, 3))\(p.claimTrue ? " (power)" : " (false positives)")")
        }
        r.tables.append(("study6_claim_rules.csv", table))
    }
}
