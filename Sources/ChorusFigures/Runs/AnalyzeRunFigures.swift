import ChorusAnalysis
import Foundation
import ChorusStats

/// The figures of a `chorus analyze` directory, drawn from its tables: `rounds.csv` (accuracy
/// and agreement by round), `flips.csv` (answer changes), `agents.csv` (per-model accuracy by
/// round in heterogeneous debates).
///
/// A panel is one (file, run, regime, iteration) group: `rounds.csv` keys rows by no seed, so
/// rows of several seeds of one group (a simulated transcript) are pooled: the panel shows
/// their mean with a 95% t interval over seeds instead of one panel per seed.
public struct AnalyzeRunFigures {
    /// At most this many groups are drawn per figure (the first ones; the tables have all).
    public static let maxPanels = 12

    struct Key: Hashable { var file, run, regime, iteration: String }

    /// (group, round, metric) → the rows' (value, lower, upper).
    var rounds: [Key: [Int: [String: [(Double, Double, Double)]]]] = [:]
    var groups: [Key] = []
    /// (group, round transition) → kind → (count sum).
    var flips: [Key: [Int: [String: Double]]] = [:]
    var flipGroups: [Key] = []
    /// Per-model accuracy by round (agents.csv).
    var agents: AgentAccuracyData?

    /// Reads the tables of an analyze directory (rounds.csv required; the others when present).
    /// - Throws: `TableError` naming the file, line and column of a bad cell.
    public static func read(_ dir: URL) throws -> AnalyzeRunFigures {
        var f = AnalyzeRunFigures()
        // Free-text logs (files.csv task "free") have no extracted answers: their answer metrics
        // (unanimity of "no answer", …) mean nothing and are not drawn.
        var free = Set<String>()
        let filesURL = dir.appendingPathComponent("files.csv")
        if FileManager.default.fileExists(atPath: filesURL.path) {
            let t = try RunTable(filesURL, required: ["file"])
            for i in 0..<t.count where t.string(i, "task") == "free" { free.insert(t.string(i, "file")) }
        }
        let r = try RunTable(dir.appendingPathComponent("rounds.csv"), required: ["file", "run", "regime", "iteration", "round", "metric", "value", "lower", "upper"])
        for i in 0..<r.count {
            let k = Key(file: r.string(i, "file"), run: r.string(i, "run"), regime: r.string(i, "regime"), iteration: r.string(i, "iteration"))
            guard !free.contains(k.file) else { continue }
            if f.rounds[k] == nil { f.groups.append(k) }
            f.rounds[k, default: [:]][try r.int(i, "round"), default: [:]][r.string(i, "metric"), default: []]
                .append((try r.double(i, "value"), try r.double(i, "lower"), try r.double(i, "upper")))
        }
        let flipsURL = dir.appendingPathComponent("flips.csv")
        if FileManager.default.fileExists(atPath: flipsURL.path) {
            let t = try RunTable(flipsURL, required: ["file", "run", "regime", "iteration", "round", "kind", "count"])
            for i in 0..<t.count {
                let k = Key(file: t.string(i, "file"), run: t.string(i, "run"), regime: t.string(i, "regime"), iteration: t.string(i, "iteration"))
                guard !free.contains(k.file) else { continue }
                if f.flips[k] == nil { f.flipGroups.append(k) }
                f.flips[k, default: [:]][try t.int(i, "round"), default: [:]][t.string(i, "kind"), default: 0] += try t.double(i, "count")
            }
        }
        f.agents = try AgentAccuracyData.read(dir)
        return f
    }

    /// Every figure that applies.
    public func all() -> [NamedFigure] {
        [accuracyByRound(), agreementByRound(), flipFigure(), perModelAccuracy()].compactMap { $0 }
    }

    func label(_ k: Key) -> String {
        Self.label(file: k.file, regime: k.regime, iteration: k.iteration, among: groups.map { ($0.file, $0.regime, $0.iteration) })
    }

    /// A panel's title: the log's name when each log is one group; "regime, iteration i" for the
    /// groups of simulated transcripts (regime ≠ "log") when that names each group once; else
    /// the log's name, regime and iteration.
    static func label(file: String, regime: String, iteration: String, among all: [(String, String, String)]) -> String {
        let base = (file as NSString).deletingPathExtension
        guard Set(all.map(\.0)).count < all.count else { return base }
        if regime != "log", Set(all.map { "\($0.1)|\($0.2)" }).count == all.count { return "\(regime), iteration \(iteration)" }
        return "\(base) \(regime) it \(iteration)"
    }

    /// The pooled estimate of a metric at one round: the row's own interval, or the mean over
    /// rows (seeds) with a 95% t interval.
    func estimate(_ k: Key, round: Int, metric: String) -> Estimate? {
        guard let rows = rounds[k]?[round]?[metric]?.filter({ $0.0.isFinite }), !rows.isEmpty else { return nil }
        if rows.count == 1 { return Estimate(mean: rows[0].0, lower: rows[0].1, upper: rows[0].2, n: 1) }
        guard let t = try? Describe.tInterval(rows.map(\.0)) else { return nil }
        return Estimate(mean: t.mean, lower: t.lower, upper: t.upper, n: t.n)
    }

    /// Panels of two metrics by round, one per group.
    func twoMetricPanels(_ a: (String, String), _ b: (String, String), yLabel: String) -> [Panel] {
        var panels: [Panel] = []
        for k in groups.prefix(Self.maxPanels) {
            let roundsOf = (rounds[k] ?? [:]).keys.sorted()
            var c = LineChart(title: label(k), xLabel: "debate round", yLabel: yLabel, yRange: 0...1)
            for (j, (metric, name)) in [a, b].enumerated() {
                let pts = roundsOf.compactMap { r in estimate(k, round: r, metric: metric).map { (r, $0) } }
                guard !pts.isEmpty else { continue }
                c.series.append(Series(name, x: pts.map { Double($0.0) }, y: pts.map(\.1.mean), lower: pts.map(\.1.lower),
                                       upper: pts.map(\.1.upper), colour: Palette.colour(j == 0 ? 0 : 1),
                                       lineStyle: j == 0 ? .solid : .dashed, marker: j == 0 ? .circle : .square))
            }
            if let maxRound = roundsOf.last, let minRound = roundsOf.first {
                c.xAxis.range = (Double(minRound) - 0.3)...(Double(maxRound) + 0.3)
            }
            if !c.series.isEmpty { panels.append(.line(c)) }
        }
        return panels
    }

    var truncationNote: String {
        groups.count > Self.maxPanels ? " The first \(Self.maxPanels) of \(groups.count) groups are drawn; the tables have all." : ""
    }

    /// Individual and majority-vote accuracy against round; nil when the tables lack them.
    public func accuracyByRound() -> NamedFigure? {
        let p = twoMetricPanels((MetricName.accuracyIndividual, "individual"), (MetricName.accuracyMajority, "majority vote"), yLabel: "accuracy")
        guard !p.isEmpty else { return nil }
        return NamedFigure(name: "accuracy-by-round", caption: "Accuracy by debate round, of the individual agents and of the majority vote, with 95% intervals (bootstrap over questions, or t over seeds when a group pools several)." + truncationNote,
                           title: "Accuracy by round", panels: p, sharedLegend: true)
    }

    /// Unanimity and consensus against round; nil when the tables lack them.
    public func agreementByRound() -> NamedFigure? {
        let p = twoMetricPanels((MetricName.unanimity, "unanimity (all agents agree)"), (MetricName.consensus, "consensus (share with the majority)"), yLabel: "fraction")
        guard !p.isEmpty else { return nil }
        return NamedFigure(name: "agreement-by-round", caption: "Agreement by debate round: the share of questions where all agents agree, and the share of answering agents that give the majority answer; 95% intervals." + truncationNote,
                           title: "Agreement by round", panels: p, sharedLegend: true)
    }

    /// Answer changes between consecutive rounds as fractions of the agents' transitions.
    public func flipFigure() -> NamedFigure? {
        let judgedKinds: [(String, String)] = [("right_right", "right → right"), ("right_wrong", "right → wrong"), ("wrong_right", "wrong → right"),
                                               ("wrong_same_wrong", "wrong → same"), ("wrong_other_wrong", "wrong → other")]
        var panels: [Panel] = []
        var transitions = 0
        for k in flipGroups.prefix(Self.maxPanels) {
            guard let byRound = flips[k] else { continue }
            var b = BarChart(title: label(k), categories: judgedKinds.map(\.1), xLabel: "answer before → after",
                             yLabel: "fraction of transitions", yRange: 0...1)
            for (i, r) in byRound.keys.sorted().enumerated() {
                let counts = byRound[r]!
                let total = counts["total"] ?? 0, unjudged = counts["unjudged"] ?? 0
                guard total - unjudged > 0 else { continue }
                b.groups.append(BarGroup("round \(r - 1) → \(r)", values: judgedKinds.map { (counts[$0.0] ?? 0) / total },
                                         colour: Palette.colour(i)))
                transitions = max(transitions, i + 1)
            }
            if !b.groups.isEmpty { panels.append(.bar(b)) }
        }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "flips", caption: "Answer changes between consecutive rounds, as fractions of the agents' transitions (right/wrong judged against the ground truth).",
                           title: "Answer changes between rounds", panels: panels, sharedLegend: true,
                           naturalWidth: panels.count == 1 && transitions <= 2 ? .single : .double)
    }

    /// Per-model accuracy by round (agents.csv): one line per agent, named from its agent_name
    /// column, with its 95% interval (bootstrap over questions; t over seeds when a group pools
    /// several). Drawn for groups with two or more agents.
    public func perModelAccuracy() -> NamedFigure? {
        guard let agents else { return nil }
        let all = agents.groups.map { ($0.file, $0.regime, $0.iteration) }
        let panels = agents.panels(limit: Self.maxPanels) { k in Self.label(file: k.file, regime: k.regime, iteration: k.iteration, among: all) }
        guard !panels.isEmpty else { return nil }
        return NamedFigure(name: "per-model-accuracy", caption: "Accuracy of each agent (model) by debate round, with 95% intervals (bootstrap over questions, or t over seeds when a group pools several).",
                           title: "Per-model accuracy by round", panels: panels, sharedLegend: AgentAccuracyData.canShareLegend(panels))
    }
}
