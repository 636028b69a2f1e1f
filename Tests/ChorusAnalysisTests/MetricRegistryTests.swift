import Foundation
import Testing
import ChorusSimulation
@testable import ChorusAnalysis

/// The metric registry is the one list of names: docs/metrics.md's name table is generated from
/// it, and every metric the simulator writes is in it.
@Suite struct MetricRegistryTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/metrics.md").standardizedFileURL
    static let begin = "<!-- registry:begin (generated from MetricRegistry; CHORUS_WRITE_DOCS=1 swift test --filter MetricRegistryTests rewrites it) -->\n"
    static let end = "<!-- registry:end -->"

    @Test func docsTableIsGeneratedFromTheRegistry() throws {
        var text = try String(contentsOf: Self.docs, encoding: .utf8)
        guard let a = text.range(of: Self.begin), let b = text.range(of: Self.end, range: a.upperBound..<text.endIndex) else {
            Issue.record("docs/metrics.md has no registry markers"); return
        }
        let current = String(text[a.upperBound..<b.lowerBound])
        if current != MetricRegistry.markdownTable, ProcessInfo.processInfo.environment["CHORUS_WRITE_DOCS"] == "1" {
            text.replaceSubrange(a.upperBound..<b.lowerBound, with: MetricRegistry.markdownTable)
            try text.write(to: Self.docs, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == MetricRegistry.markdownTable, "docs/metrics.md's name table differs from MetricRegistry")
    }

    @Test func familiesMatchTheirMembersOnly() {
        #expect(MetricRegistry.entry(for: "pass_at.16")?.name == MetricName.passAtKPattern)
        #expect(MetricRegistry.entry(for: "style_share.critic.agent3.style2")?.name == MetricName.styleSharePattern)
        #expect(MetricRegistry.entry(for: "style_share.critic.agent3") == nil)
        #expect(MetricRegistry.entry(for: "pass_at.") == nil)
        #expect(MetricRegistry.entry(for: "accuracy.finale") == nil)
        #expect(Set(MetricRegistry.entries.map(\.name)).count == MetricRegistry.entries.count)
    }

    /// Every metric of a small run of every regime (placebo twins included) is registered;
    /// `contrast.*` rows are paired differences of a registered metric.
    @Test func everySimulatedMetricIsRegistered() throws {
        var c = SimulationConfig.paper
        c.regimes = Regime.names; c.seeds = [1]; c.iterations = 1
        c.task.trainQuestions = 12; c.task.testQuestions = 12
        let r = try Experiment(config: c).run(threads: 2)
        let names = Set(r.rows.map(\.metric))
        var unknown: [String] = []
        for n in names {
            if n.hasPrefix("contrast.") {
                if !MetricRegistry.entries.contains(where: { !$0.name.contains("{") && n.hasPrefix("contrast.\($0.name).") }) { unknown.append(n) }
            } else if MetricRegistry.entry(for: n) == nil { unknown.append(n) }
        }
        #expect(unknown.isEmpty, "not in MetricRegistry: \(unknown.sorted())")
        #expect(names.count > 40)
    }
    /// Every per-round name the analyses write (`TranscriptMetrics`' full set, `RoundRow`'s
    /// rounds.csv / analysis.json set, flips.csv's kinds as `flips.{kind}`, `IterationMetrics`)
    /// is registered, on simulated transcripts (evidence, styles, embeddings) with texts added.
    @Test func everyAnalysedMetricIsRegistered() throws {
        var c = SimulationConfig.paper
        c.regimes = ["multiagent"]; c.seeds = [1]; c.iterations = 1
        c.task.trainQuestions = 12; c.task.testQuestions = 12
        c.output.transcripts = [0, 1]
        var records = try Experiment(config: c).run(threads: 2).transcripts
        let words = ["one", "two", "three", "four", "five"]
        for i in records.indices { records[i].text = "the answer is \(records[i].answer ?? "none") \(words[i % words.count]) \(words[(i / 3) % words.count])" }
        #expect(!records.isEmpty)
        var names = Set(TranscriptMetrics.table(records, replicates: 20).column("metric") ?? [])
        let rows = RoundMetrics.table(records)
        names.formUnion(rows.flatMap { $0.namedValues(text: RoundAccumulator.TextRow(distinct2: 0.5, selfBLEU: 0.2, vendi: 2)).map(\.name) })
        names.formUnion(rows.compactMap(\.flips).flatMap { $0.kinds.map { MetricName.flips($0.kind) } })
        names.formUnion(IterationMetrics.table(records, replicates: 20).column("metric") ?? [])
        let unknown = names.filter { MetricRegistry.entry(for: $0) == nil }
        #expect(unknown.isEmpty, "not in MetricRegistry: \(unknown.sorted())")
        // The text, flip and entropy families are there (the test sees what it claims to).
        for n in [MetricName.textVendi, MetricName.flips("switches"), MetricName.answerEntropy(.millerMadow), MetricName.switchEvidenceShare] {
            #expect(names.contains(n), "\(n)")
        }
    }

    @Test func labelsOfFamiliesNameTheirMember() {
        #expect(MetricRegistry.label(for: MetricName.flips("wrong_right")) == "flips (wrong right)")
        #expect(MetricRegistry.label(for: MetricName.accuracyIndividual) == "individual acc.")
        #expect(MetricRegistry.label(for: "no.such.metric") == "no.such.metric")
        // One style: lower-case snake_case words joined by dots.
        for e in MetricRegistry.entries {
            #expect(e.name.range(of: "^[a-z0-9_{}.]+$", options: .regularExpression) != nil, "\(e.name)")
        }
    }
}
