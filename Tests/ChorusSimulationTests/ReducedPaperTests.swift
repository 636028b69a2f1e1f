import Testing
import ChorusStats
@testable import ChorusSimulation

/// A reduced `paper` run (single-agent and multiagent only, fewer questions and seeds) showing
/// claims 1–3 of DESIGN §2 in direction. The full preset's figures are in docs/model.md.
///
/// Tolerances: every comparison is a paired per-seed difference; "in direction" means its mean
/// has the claimed sign *and* its 95% t interval does not lie entirely on the wrong side (that
/// would be evidence against the claim). Entropy (claim 2) is checked against its interval.
@Suite("Reduced paper run")
struct ReducedPaperTests {
    static func run() throws -> [SummaryRow] {
        var c = SimulationConfig.paper
        c.regimes = ["single-agent", "multiagent"]
        c.seeds = Array(1...12)
        c.task.trainQuestions = 300
        c.task.testQuestions = 60
        return try Experiment(config: c).run().summarize()
    }

    static func get(_ s: [SummaryRow], _ regime: String, _ it: Int, _ metric: String) -> Summary {
        s.first { $0.regime == regime && $0.iteration == it && $0.metric == metric }!.summary
    }

    @Test("claims 1–3 hold in direction")
    func claimsInDirection() throws {
        let s = try Self.run()
        let acc = MetricName.accuracyFinal
        // Claim 1: single-agent accuracy peaks at iteration 1 or 2 and is lower at iteration 5.
        let single = (0...5).map { Self.get(s, "single-agent", $0, acc).mean }
        let peak = single.indices.max { single[$0] < single[$1] }!
        #expect(peak == 1 || peak == 2, "single-agent accuracy by iteration: \(single)")
        let decline = Self.get(s, "single-agent", peak, Contrasts.minusLast)
        #expect(decline.mean > 0 && decline.upper > 0, "peak − last: \(decline)")
        // Claim 2: single-agent entropy falls every iteration, to under half of base.
        let h = (0...5).map { Self.get(s, "single-agent", $0, MetricName.entropyChain) }
        for t in 1...5 { #expect(h[t].mean < h[t - 1].mean) }
        #expect(h[5].upper < 0.5 * h[0].mean, "entropy it5 \(h[5]) vs base \(h[0].mean)")
        // Claim 3: multiagent accuracy rises from base to iteration 1 and from 1 to 5.
        let gain1 = Self.get(s, "multiagent", 1, Contrasts.minusBase)
        let gain5 = Self.get(s, "multiagent", 5, Contrasts.minusIteration1)
        #expect(gain1.mean > 0 && gain1.upper > 0, "it1 − base: \(gain1)")
        #expect(gain5.mean > 0 && gain5.upper > 0, "it5 − it1: \(gain5)")
    }
}
