import Foundation
import Testing
import ChorusStats
import ChorusRecords
import ChorusIngest
import ChorusSimulation
@testable import ChorusAnalysis

@Suite("Run analysis: per-iteration metrics, per-agent accuracy, training overlap")
struct RunAnalysisTests {
    func value(_ t: TidyTable, _ metric: String) -> Double? {
        t.rows.first { $0[2] == metric }.flatMap { Double($0[3]) }
    }

    @Test("Per-iteration metrics under the simulator's names equal hand computation on the fixture")
    func iterationMetrics() throws {
        let t = IterationMetrics.table(Fixture.records(), replicates: 50)
        let eps = 1e-12
        #expect(abs(value(t, MetricName.accuracyRound1Individual)! - 4.0 / 9) < eps)
        #expect(abs(value(t, MetricName.accuracyRound1Majority)! - 2.0 / 3) < eps)
        #expect(abs(value(t, MetricName.accuracyFinal)! - 2.0 / 3) < eps)
        #expect(abs(value(t, MetricName.sampleConsensus)! - 8.0 / 9) < eps)
        let h1 = log(3.0), h2 = -(2.0 / 3 * log(2.0 / 3) + 1.0 / 3 * log(1.0 / 3))
        #expect(abs(value(t, MetricName.sampleAnswerEntropyPlugin)! - (h1 + h2) / 3) < eps)
        #expect(abs(value(t, MetricName.sampleAnswerEntropyMM)! - (h1 + 1.0 / 3 + h2 + 1.0 / 6) / 3) < eps)
        #expect(abs(value(t, MetricName.sampleFlipWrongRight)! - 2.0 / 9) < eps)
        #expect(abs(value(t, MetricName.sampleFlipRightWrong)! - 1.0 / 9) < eps)
        #expect(abs(value(t, MetricName.disagreementAnswer)! - 7.0 / 9) < eps)
        // Intervals bracket the means and n counts questions.
        for r in t.rows { #expect(Double(r[4])! <= Double(r[3])! + eps && Double(r[3])! <= Double(r[5])! + eps && r[6] == "3") }
    }

    @Test("Per-agent accuracy by round equals hand computation")
    func agentAccuracy() {
        let rows = AgentAccuracy.table(DebateIndex(Fixture.records()), replicates: 50)
        func acc(_ a: Int, _ r: Int) -> Double { rows.first { $0.agent == a && $0.round == r }!.accuracy.mean }
        #expect(rows.count == 6)
        #expect(abs(acc(0, 1) - 1.0 / 3) < 1e-12 && abs(acc(2, 1) - 2.0 / 3) < 1e-12 && abs(acc(2, 2) - 1.0 / 3) < 1e-12)
        #expect(abs(acc(0, 2) - 2.0 / 3) < 1e-12)
        #expect(abs(rows.first { $0.agent == 0 && $0.round == 1 }!.noAnswerRate - 1.0 / 3) < 1e-12)
    }

    @Test("Training overlap: Jaccard over (question, answer) pairs and over texts, by hand")
    func overlap() {
        func ex(_ q: String?, _ a: String?, _ text: String) -> TrainingSet.Example { .init(question: q, answer: a, correct: nil, response: text) }
        let a = TrainingSet(iteration: 1, agent: "a", path: "a", layout: .fastchat, examples: [ex("q1", "4", "x  y"), ex("q2", "8", "z"), ex(nil, "3", "w")])
        let b = TrainingSet(iteration: 1, agent: "b", path: "b", layout: .openai, examples: [ex("q1", "4", "x y"), ex("q2", "7", "v")])
        let c = TrainingSet(iteration: 1, agent: "c", path: "c", layout: .openai, examples: a.examples)
        let p = TrainingDataMetrics.pairs([a, b, c])
        #expect(p.count == 3)
        // a–b: pairs {q1·4, q2·8} vs {q1·4, q2·7}: 1/3; texts {x y, z, w} vs {x y, v}: 1/4.
        #expect(abs(p[0].pairJaccard! - 1.0 / 3) < 1e-12 && abs(p[0].textJaccard! - 0.25) < 1e-12)
        // Identical data (the official --gpt branch writes every agent's file from one dict): 1.
        #expect(p[1].pairJaccard == 1 && p[1].textJaccard == 1)
        let rows = TrainingDataMetrics.agents([a])
        #expect(rows[0].examples == 3 && rows[0].questions == 2 && rows[0].unmatched == 1)
        #expect(abs(rows[0].answerEntropy! - log(3.0)) < 1e-12)
    }

    @Test("A synthetic run exported as Du et al. JSON per iteration and read as a run gives the same metrics")
    func roundTrip() throws {
        var g = SeedStream(seed: 5).generator()
        var original: [ResponseRecord] = []
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var yaml = "name: rt\niterations:\n"
        for (it, p) in [(0, 0.4), (1, 0.6), (2, 0.7)] {
            var recs = FitCoverageStudy.syntheticLog(questions: 40, stay: 1, support: 2, accuracy: p, g: &g)
            for k in recs.indices { recs[k].run = "rt"; recs[k].iteration = it }
            original += recs
            // Du layout: question text → [agent contexts, "#### truth"]; question ids follow file order.
            let index = DebateIndex(recs)
            var members: [String] = []
            for d in index.debates(index.groups[0]) {
                let agents = (0..<3).map { a in
                    "[" + d.rounds.map { r in
                        "{\"role\":\"user\",\"content\":\"Solve \(d.question).\"},{\"role\":\"assistant\",\"content\":\"Thus \\\\boxed{\(d.responses[r]![a]!.answer!)}.\"}"
                    }.joined(separator: ",") + "]"
                }
                members.append("\"Question \(d.question)?\":[[\(agents.joined(separator: ","))],\"#### 0\"]")
            }
            try ("{" + members.joined(separator: ",") + "}").write(to: dir.appendingPathComponent("it\(it).json"), atomically: true, encoding: .utf8)
            yaml += "  \(it): it\(it).json\n"
        }
        try yaml.write(to: dir.appendingPathComponent("run.yaml"), atomically: true, encoding: .utf8)
        let run = try RunReader.read(try RunSpec.manifest(dir.appendingPathComponent("run.yaml").path))
        // Question ids differ (file position vs "q7"), so compare values, not keys.
        let a = IterationMetrics.table(original, replicates: 100), b = IterationMetrics.table(run.records, replicates: 100)
        #expect(a.rows.count == b.rows.count && a.rows.count == 3 * 9)
        for (x, y) in zip(a.rows, b.rows) {
            #expect(x[1] == y[1] && x[2] == y[2])
            #expect(abs(Double(x[3])! - Double(y[3])!) < 1e-12, "\(x[2]) iteration \(x[1])")
        }
    }
}

@Suite("chorus fit: the critic choice likelihood and its estimates")
struct DebateFitTests {
    @Test("Log-likelihood at w = 0 is −Σ log(view size); gradient and information match finite differences")
    func likelihood() {
        let index = DebateIndex(Fixture.records())
        let data = CriticDecisions.from(index.debates(index.groups[0]))
        #expect(data.decisions == 9 && data.outsideView == 0)
        var g = [0.0, 0.0]
        var info = [[0.0, 0.0], [0.0, 0.0]]
        let ll0 = data.logLikelihood([0, 0], gradient: &g, information: &info)
        #expect(abs(ll0 + 3 * log(3.0) + 3 * log(2.0)) < 1e-12)
        let w = [0.7, 1.3], h = 1e-5
        let ll = data.logLikelihood(w, gradient: &g, information: &info)
        #expect(ll < 0)
        for j in 0..<2 {
            var wp = w, wm = w; wp[j] += h; wm[j] -= h
            var gp = [0.0, 0.0], gm = [0.0, 0.0], ip = info, im = info
            let fp = data.logLikelihood(wp, gradient: &gp, information: &ip), fm = data.logLikelihood(wm, gradient: &gm, information: &im)
            #expect(abs((fp - fm) / (2 * h) - g[j]) < 1e-6)
            for k in 0..<2 { #expect(abs(-(gp[k] - gm[k]) / (2 * h) - info[k][j]) < 1e-6) }
        }
    }

    @Test("On a large synthetic log the estimates are within 4 standard errors of the truth")
    func recovery() throws {
        var g = SeedStream(seed: 11).generator()
        let recs = FitCoverageStudy.syntheticLog(questions: 1500, stay: 1.0, support: 2.0, accuracy: 0.45, g: &g)
        let index = DebateIndex(recs)
        let r = try DebateFit.fit(index.debates(index.groups[0]), replicates: 200)
        #expect(r.converged)
        for (name, truth) in [("critic.weight.stay", 1.0), ("critic.weight.support", 2.0)] {
            let e = r.estimate(name)!
            #expect(e.se > 0 && e.se < 0.3)
            #expect(abs(e.value - truth) < 4 * e.se, "\(name): \(e.value) ± \(e.se)")
        }
        let acc = r.estimate("accuracy.round1_individual")!
        // Binomial standard error of the mean of 4500 answers (3 per question, independent).
        #expect(abs(acc.value - 0.45) < 4 * (0.45 * 0.55 / 4500).squareRoot())
        // The configuration fragment loads into the simulator's configuration.
        let cfg = try SimulationConfig.load(yaml: DebateFit.configFragment(r, source: "synthetic"), source: "fragment")
        #expect(abs(cfg.debate.stayWeight - r.estimate("critic.weight.stay")!.value) < 1e-9)
        #expect(cfg.debate.evidenceWeight == 0 && cfg.debate.priorWeight == 0 && cfg.agents.count == 3 && cfg.debate.rounds == 3)
    }

    @Test("Agents that never change their answer: the stay weight is reported as not identified")
    func separation() throws {
        var recs: [ResponseRecord] = []
        for q in 0..<30 { for a in 0..<3 { for r in 1...2 {
            recs.append(ResponseRecord(run: "s", regime: "log", question: "q\(q)", agent: a, role: r == 1 ? .generator : .critic, round: r,
                                       answer: String((q + a) % 3), correct: (q + a) % 3 == 0))
        } } }
        let index = DebateIndex(recs)
        let r = try DebateFit.fit(index.debates(index.groups[0]), replicates: 50)
        #expect(r.estimate("critic.weight.stay")!.upper == .infinity)
        #expect(r.notes.contains { $0.contains("not identified") })
    }

    @Test("The posterior-predictive check of a log simulated from the model covers its own values")
    func predictive() throws {
        var g = SeedStream(seed: 3).generator()
        let recs = FitCoverageStudy.syntheticLog(questions: 300, stay: 1.0, support: 2.0, accuracy: 0.45, g: &g)
        let index = DebateIndex(recs)
        let debates = index.debates(index.groups[0])
        let fit = try DebateFit.fit(debates, replicates: 100)
        let rows = PredictiveCheck.run(debates, weights: [fit.estimate("critic.weight.stay")!.value, fit.estimate("critic.weight.support")!.value], replicates: 100)
        #expect(rows.count == 3 * 3 - 1)   // no flip rate in round 1
        // Round 1 is the log's own: predicted equals observed exactly.
        for r in rows where r.round == 1 { #expect(abs(r.predicted - r.observed) < 1e-12) }
        #expect(rows.filter { !$0.inside }.count <= 1)
    }

    @Test("Study 7, quick: coverage in its band and RMSE falling with questions")
    func study() throws {
        let r = try FitCoverageStudy.run(ValidationOptions(seed: 7, quick: true, threads: 2))
        for c in r.checks { #expect(c.passed, "\(c.line)") }
        #expect(r.checks.count == 5)
    }
}

@Suite("Fact coverage: a lexical proxy")
struct FactCoverageTests {
    @Test("Facts split by line or sentence; coverage counts facts with half their content words present")
    func coverage() {
        #expect(FactCoverage.facts(fromText: "Ada Lovelace wrote notes. She worked with Babbage!") == ["Ada Lovelace wrote notes.", "She worked with Babbage!"])
        #expect(FactCoverage.facts(fromText: "- first fact\n- second fact") == ["first fact", "second fact"])
        let facts = ["Lovelace wrote the first published algorithm", "She collaborated with Charles Babbage", "the and was"]
        // Fact 1: content words {lovelace, wrote, first, published, algorithm}: 3 of 5 present → covered.
        // Fact 2: {collaborated, charles, babbage}: 1 of 3 → not covered. Fact 3: no content words → ignored.
        #expect(FactCoverage.coverage("Lovelace wrote an algorithm; Babbage built engines.", facts: facts) == 0.5)
        #expect(FactCoverage.coverage("anything", facts: ["the and"]) == nil)
    }
}
