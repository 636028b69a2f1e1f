import Foundation
import Testing
@testable import ChorusSimulation

/// Which metrics and claims a sweep summarises: the catalogue of valid names, and the errors
/// for names that do not exist (before anything runs).
@Suite struct SweepQuantitiesTests {
    /// The catalogue is exactly the set of names the simulator writes when every regime runs
    /// (independent truth: the rows of a real experiment), so it cannot hold a name the
    /// simulator never writes, nor miss one it does.
    @Test func catalogueIsExactlyWhatTheSimulatorWrites() throws {
        let config = Fixtures.smallConfig(regimes: Regime.names, seeds: [1, 2], questions: 6, iterations: 2)
        let written = Set(try Experiment(config: config).run(threads: 2).rows.map(\.metric))
        let catalogue = Set(SweepQuantities.metricNames)
        // Per-seat families (style shares) are matched by pattern, and nothing else is.
        #expect(written.subtracting(catalogue).filter { !SweepQuantities.isMetric($0) }.sorted() == [],
                "written by the simulator but not in the catalogue")
        #expect(written.subtracting(catalogue).allSatisfy { $0.hasPrefix("style_share.") })
        #expect(written.contains { StyleShares.parse($0) != nil })
        #expect(!SweepQuantities.isMetric("style_share.generator.agentX.style0") && !SweepQuantities.isMetric("style_share.judge.agent0.style0"))
        #expect(catalogue.subtracting(written).sorted() == [], "in the catalogue but never written")
        #expect(SweepQuantities.metricNames == SweepQuantities.metricNames.sorted())
        #expect(SweepQuantities.claimNumbers == [1, 2, 3, 4, 5, 6])
    }

    static func error(_ yaml: String) -> String? {
        do { _ = try SweepSpec.parse(yaml: yaml, source: "s.yaml"); return nil } catch { return "\(error)" }
    }

    @Test func unknownMetricsAndClaimsAreErrorsNamingTheKeyAndTheValidNames() {
        let axes = "axes: [{key: agents.count, values: [2, 3]}]\n"
        // A misspelt metric: the key, the name, a suggestion and the valid names.
        let e1 = Self.error(axes + "metrics: [accuracy.final, accuracy.finale]")
        #expect(e1?.contains("s.yaml") == true && e1?.contains("metrics[1]") == true)
        #expect(e1?.contains("'accuracy.finale'") == true && e1?.contains("did you mean 'accuracy.final'") == true)
        #expect(e1?.contains("entropy.chain.generator") == true && e1?.contains("contrast.accuracy.final.minus.single-agent") == true)
        // A claim that does not exist (YAML list and the error lists the claims).
        let e2 = Self.error(axes + "claims: [1, 7]")
        #expect(e2?.contains("claims[1]") == true && e2?.contains("1, 2, 3, 4, 5, 6") == true)
        #expect(Self.error(axes + "claims: maybe")?.contains("claims") == true)
        // A figure of a metric that is not kept, or of a claim that is not judged, or of an unknown regime.
        #expect(Self.error(axes + "metrics: [accuracy.final]\nfigure: {metric: entropy.chain, regime: multiagent}")?.contains("figure.metric") == true)
        #expect(Self.error(axes + "claims: [1]\nfigure: {claim: 3}")?.contains("figure.claim") == true)
        #expect(Self.error(axes + "figure: {metric: accuracy.final, regime: multi-agent}")?.contains("figure.regime") == true)
        #expect(Self.error(axes + "metrics: [accuracy.final, accuracy.final]")?.contains("twice") == true)
        // Valid selections parse; the canonical text (and so every point id) records them.
        #expect(Self.error(axes + "metrics: [accuracy.final, pass_at.4]\nclaims: [3, 1]\nfigure: {claim: 3}") == nil)
        let s = try? SweepSpec.parse(yaml: axes + "claims: [3, 1]", source: "s.yaml")
        #expect(s?.claims == [1, 3] && s?.canonicalText.contains("claims: 1,3\n") == true)
        #expect((try? SweepSpec.parse(yaml: axes, source: "s.yaml"))?.canonicalText.contains("claims: true\n") == true)
        #expect((try? SweepSpec.parse(yaml: axes + "claims: false", source: "s.yaml"))?.claims == [])
    }

    @Test func onlyTheSelectedClaimsAreJudgedAndTabulated() throws {
        var spec = SweepEngineTests.tiny()
        spec.axes = [SweepAxis(key: "agents.count", values: .list(["2"]))]
        spec.claims = [3, 5]
        let plan = try SweepPlan(spec: spec)
        let file = SweepRunner.compute(plan.points[0], spec: spec, toolVersion: "test", threads: 2)
        #expect(file.ok && file.claims.map(\.number) == [3, 5])
        #expect(Set(file.rows.map(\.metric)) == Set(spec.metrics))
        var all = spec
        all.claims = SweepQuantities.claimNumbers
        #expect(try SweepPlan(spec: all).points[0].id != plan.points[0].id, "the claim selection is part of the point id")
    }
}
