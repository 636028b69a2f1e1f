import Foundation
import ChorusAnalysis

/// Style specialisation: which reasoning styles each agent keeps, as heat maps of agent × style
/// per iteration, from the `style_share.<role>.agent<i>.style<k>` rows (`MetricName.styleShare`;
/// the simulator's `StyleShares` computes them).
///
/// The maps show one replicate, the run's first seed, from metrics.csv: *which* style an agent
/// keeps is decided by its own seed's data, so the mean over seeds washes specialisation out (on
/// the paper preset every seat's seed-mean share stays within 0.1–0.4 while a single seed's
/// society has agents at 0.7–0.8 on different styles). Without metrics.csv the means over seeds
/// of summary.csv are drawn, and the caption says so.
extension SimulationRunFigures {
    /// One parsed `style_share.<role>.agent<i>.style<k>` name.
    struct StyleShareName: Hashable {
        var role: String
        var agent: Int
        var style: Int

        /// nil for any other metric name (`MetricName.parseStyleShare`).
        init?(_ metric: String) {
            guard let p = MetricName.parseStyleShare(metric) else { return nil }
            role = p.role; agent = p.agent; style = p.style
        }

        var metric: String { MetricName.styleShare(role: role, agent: agent, style: style) }
    }

    /// The regimes drawn: the single agent and the multiagent society when the run has them
    /// (the contrast of claim 2: collapse onto one style against specialisation), else the first
    /// regime with style shares. Placebo twins are left to the tables.
    var styleRegimes: [String] {
        let withShares = summary.regimes.filter { r in Self.styleNames(summary, r).count > 0 }
        let main = ["single-agent", "multiagent"].filter(withShares.contains)
        return main.isEmpty ? Array(withShares.prefix(1)) : main
    }

    /// The style-share names a regime has.
    static func styleNames(_ summary: SummaryData, _ regime: String) -> [StyleShareName] {
        var seen = Set<StyleShareName>()
        for r in summary.rows where r.regime == regime {
            if let n = StyleShareName(r.metric) { seen.insert(n) }
        }
        return Array(seen)
    }

    /// The iterations drawn: all of them up to three, else the base model, iteration 1 and the
    /// last one (the paper's before / first round / end).
    static func styleIterations(_ all: [Int]) -> [Int] {
        let its = Array(Set(all)).sorted()
        guard its.count > 3 else { return its }
        return Array(Set([its[0], its[1], its[its.count - 1]])).sorted()
    }

    /// Agent × style heat maps (rows: generator then critic seats; columns: styles), one panel
    /// per regime and chosen iteration, on a common 0–1 scale.
    public func styleSpecialisation() -> NamedFigure? {
        var panels: [Panel] = []
        let regimes = styleRegimes
        // The first seed (numerically) that every drawn regime has in metrics.csv.
        var seed: String? = nil
        if let metrics, let first = regimes.first, let name = Self.styleNames(summary, first).first {
            seed = metrics.seeds(first, name.metric).first { s in
                regimes.allSatisfy { r in Self.styleNames(summary, r).first.map { metrics.value(r, $0.metric, seed: s, iteration: 0) != nil } ?? false }
            }
        }
        func share(_ regime: String, _ metric: String, _ it: Int) -> Double {
            if let seed, let metrics { return metrics.value(regime, metric, seed: seed, iteration: it) ?? .nan }
            return summary.value(regime, metric, iteration: it)?.mean ?? .nan
        }
        for regime in regimes {
            let names = Self.styleNames(summary, regime)
            let styles = Array(Set(names.map(\.style))).sorted()
            // Generators first, then critics, agent by agent; drawn top to bottom.
            let roles = ["generator", "critic"].filter { role in names.contains { $0.role == role } }
            var seats: [(role: String, agent: Int)] = []
            for role in roles {
                for a in Array(Set(names.filter { $0.role == role }.map(\.agent))).sorted() { seats.append((role, a)) }
            }
            guard !styles.isEmpty, !seats.isEmpty else { continue }
            let its = Self.styleIterations(names.flatMap { summary.curve(regime, $0.metric).map(\.iteration) })
            for it in its {
                let rowsTopDown = seats.map { seat in
                    styles.map { s in
                        share(regime, StyleShareName(role: seat.role, agent: seat.agent, style: s).metric, it)
                    }
                }
                let labels = seats.map { ($0.role == "generator" ? "gen " : "critic ") + "\($0.agent)" }
                let title = "\(regime), " + (it == 0 ? "base" : "iteration \(it)")
                panels.append(.heatMap(HeatMap(title: title, xLabel: "style", yLabel: "agent",
                                               columns: styles.map(String.init), rows: labels.reversed(),
                                               values: rowsTopDown.reversed(), colourScale: .viridis, range: 0...1,
                                               colourBarLabel: "share", showValues: true)))
            }
        }
        guard !panels.isEmpty else { return nil }
        let which = seed.map { "of one replicate (seed \($0); which style an agent keeps differs from seed to seed, so a mean over seeds would wash it out)" }
            ?? "(mean over seeds: metrics.csv is absent, and a mean over seeds hides which style each agent keeps)"
        return NamedFigure(name: "style-specialisation",
                           caption: "Style specialisation: each agent's share of its held-out responses in each reasoning style (exact, from its policy) \(which), at the base model, iteration 1 and the last iteration: the single agent's one model against the society's agents.",
                           title: "Style specialisation (agent × style)" + (seed.map { ", seed \($0)" } ?? ""), panels: panels, naturalWidth: .double)
    }
}

extension SimulationRunFigures.StyleShareName {
    init(role: String, agent: Int, style: Int) { self.role = role; self.agent = agent; self.style = style }
}
