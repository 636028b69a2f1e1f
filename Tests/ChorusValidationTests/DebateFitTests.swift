import Foundation
import Testing
import ChorusTestSupport
import ChorusStats
import ChorusRecords
import ChorusIngest
import ChorusAnalysis
import ChorusSimulation
@testable import ChorusValidation

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


@Suite("A synthetic run read back as a real run")
struct RunRoundTripTests {
    @Test("A synthetic run exported as Du et al. JSON per iteration and read as a run gives the same metrics")
    func roundTrip() throws {
        var g = SeedStream(seed: 5).generator()
        var original: [ResponseRecord] = []
        let dir = try temporaryDirectory()
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
