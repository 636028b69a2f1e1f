import Foundation
import ChorusStats

/// `agents.csv` of `chorus analyze` (and `analyze --run`): accuracy per agent (model) and round,
/// per (file, run, regime, seed, iteration), with a 95% bootstrap interval over questions.
/// Drawn as per-model accuracy by round: rows of several seeds of one group (a simulated
/// transcript) are pooled into their mean with a 95% t interval over seeds, as `rounds.csv` is.
struct AgentAccuracyData {
    struct Key: Hashable { var file, run, regime, iteration: String }

    /// group → agent → round → the seeds' (accuracy, lower, upper).
    var cells: [Key: [Int: [Int: [(Double, Double, Double)]]]] = [:]
    var groups: [Key] = []
    /// group → agent → name (agent_name column; empty = none).
    var names: [Key: [Int: String]] = [:]

    /// Reads `agents.csv` in `dir`, or nil when the folder has none.
    /// - Throws: `TableError` naming the file, line and column of a bad cell.
    static func read(_ dir: URL) throws -> AgentAccuracyData? {
        let url = dir.appendingPathComponent("agents.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let t = try RunTable(url, required: ["iteration", "agent", "round", "accuracy", "lower", "upper"])
        var d = AgentAccuracyData()
        for i in 0..<t.count {
            let k = Key(file: t.string(i, "file"), run: t.string(i, "run"), regime: t.string(i, "regime"), iteration: t.string(i, "iteration"))
            if d.cells[k] == nil { d.groups.append(k) }
            let agent = try t.int(i, "agent")
            d.cells[k, default: [:]][agent, default: [:]][try t.int(i, "round"), default: []]
                .append((try t.double(i, "accuracy"), try t.double(i, "lower"), try t.double(i, "upper")))
            let name = t.string(i, "agent_name")
            if !name.isEmpty { d.names[k, default: [:]][agent] = name }
        }
        return d
    }

    /// The row's own interval for one seed, else the mean over seeds with a 95% t interval.
    static func pooled(_ rows: [(Double, Double, Double)]) -> Estimate? {
        let finite = rows.filter { $0.0.isFinite }
        guard !finite.isEmpty else { return nil }
        if finite.count == 1 { return Estimate(mean: finite[0].0, lower: finite[0].1, upper: finite[0].2, n: 1) }
        guard let t = try? Describe.tInterval(finite.map(\.0)) else { return nil }
        return Estimate(mean: t.mean, lower: t.lower, upper: t.upper, n: t.n)
    }

    /// One panel per group with two or more agents (at most `limit`), a line per agent over
    /// rounds; `title` names a group's panel.
    func panels(limit: Int, title: (Key) -> String) -> [Panel] {
        var out: [Panel] = []
        for k in groups {
            guard out.count < limit, let agents = cells[k], agents.count >= 2 else { continue }
            let allRounds = Set(agents.values.flatMap(\.keys)).sorted()
            var c = LineChart(title: title(k), xLabel: "debate round", yLabel: "accuracy", yRange: 0...1)
            for (j, a) in agents.keys.sorted().enumerated() {
                let pts = agents[a]!.keys.sorted().compactMap { r in Self.pooled(agents[a]![r]!).map { (r, $0) } }
                guard !pts.isEmpty else { continue }
                let name = names[k]?[a] ?? "agent \(a)"
                c.series.append(Series(name, x: pts.map { Double($0.0) }, y: pts.map(\.1.mean), lower: pts.map(\.1.lower),
                                       upper: pts.map(\.1.upper), colour: Palette.colour(j), lineStyle: j % 2 == 0 ? .solid : .dashed,
                                       marker: Marker.forIndex(j), bandOpacity: 0.12))
            }
            if let lo = allRounds.first, let hi = allRounds.last { c.xAxis.range = (Double(lo) - 0.3)...(Double(hi) + 0.3) }
            if !c.series.isEmpty { out.append(.line(c)) }
        }
        return out
    }

    /// Whether the panels can share one legend: two or more panels whose lines have the same
    /// names (the same agents); otherwise each panel keeps its own legend, so that one colour
    /// never stands for two different models.
    static func canShareLegend(_ panels: [Panel]) -> Bool {
        let names = panels.map { p -> [String] in
            if case .line(let c) = p { return c.series.map(\.name) }
            return []
        }
        return names.count > 1 && Set(names).count == 1
    }
}
