import ChorusAnalysis
import ChorusFigures
import ChorusStats
import Foundation

/// The figures of `chorus analyze`: accuracy by round, consensus by round, and flips.
enum AnalyzeFigures {
    /// One line per log (and per run/iteration when a JSON Lines log mixes several).
    struct Line {
        var label: String
        var rows: [RoundRow]
    }

    /// The lines of the logs with answers (a free-text log has no answer metrics to draw).
    static func lines(_ analyses: [LogAnalysis]) -> [Line] {
        var out: [Line] = []
        for a in analyses where a.hasAnswers {
            let base = (a.name as NSString).deletingPathExtension
            var groups: [String] = []
            var byGroup: [String: [RoundRow]] = [:]
            for r in a.rows {
                let g = a.hasGroups ? AnalyzeOutput.groupLabel(r) : ""
                if byGroup[g] == nil { groups.append(g) }
                byGroup[g, default: []].append(r)
            }
            for g in groups { out.append(Line(label: g.isEmpty ? base : "\(base) \(g)", rows: byGroup[g]!)) }
        }
        return out
    }

    /// x range for rounds 1...R whose automatic ticks fall on whole rounds when R ≥ 3
    /// (ChorusFigures picks about seven "nice" ticks, so the span must exceed 3.5; with two
    /// rounds the ticks fall on halves).
    static func roundRange(_ maxRound: Int) -> ClosedRange<Double> {
        let r = Double(maxRound)
        if maxRound >= 4 { return 0.7...(r + 0.3) }
        if maxRound == 3 { return 0.2...3.8 }
        return 0.6...(r + 0.4)
    }

    /// Most panels one figure holds: ChorusFigures allows at most 20 rows (of two columns).
    static let maxPanels = 40

    /// Small multiples: one panel per line, at most two columns; the size grows with rows.
    /// A log with more groups than `maxPanels` (e.g. a simulated transcript of 7 regimes × 40
    /// seeds) draws the first `maxPanels` and says so in the title; the tables have every group.
    /// (Before, such a log made `chorus analyze` fail with an invalid-layout error.)
    static func grid(_ all: [Panel], title allTitle: String) -> (FigureGrid, FigureSize) {
        let panels = Array(all.prefix(maxPanels))
        // Shortened (parenthetical dropped) so that the note fits on the figure's width.
        let head = allTitle.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? allTitle
        let title = all.count > maxPanels ? "\(head) — first \(maxPanels) of \(all.count) groups" : allTitle
        let columns = min(2, panels.count)
        let rows = (panels.count + columns - 1) / columns
        let cells = panels + Array(repeating: Panel.empty, count: rows * columns - panels.count)
        let width = columns == 1 ? 1100 : 1800
        return (FigureGrid(rows: rows, columns: columns, panels: cells, title: title),
                FigureSize(width: width, height: 120 + 620 * rows))
    }

    /// One panel of two summaries by round: lines with 95% bands over rounds, or, for a log of
    /// one round (a band needs two points), bars with 95% error bars.
    static func panel(title: String, yLabel: String, rows: [RoundRow], maxRound: Int,
                      _ a: (name: String, colour: Int, value: (RoundRow) -> Summary),
                      _ b: (name: String, colour: Int, value: (RoundRow) -> Summary)) -> Panel {
        if rows.count == 1, let r = rows.first {
            let sa = a.value(r), sb = b.value(r)
            return .bar(BarChart(title: title + " (round \(r.round))", categories: [a.name, b.name],
                                 groups: [BarGroup("round \(r.round), 95% CI", values: [sa.mean, sb.mean],
                                                   lower: [sa.lower, sb.lower], upper: [sa.upper, sb.upper], colour: Palette.colour(a.colour))],
                                 yLabel: yLabel, yRange: 0...1, legend: .below))
        }
        let x = rows.map { Double($0.round) }
        let va = rows.map(a.value), vb = rows.map(b.value)
        var c = LineChart(title: title, xLabel: "debate round", yLabel: yLabel, xRange: roundRange(maxRound), yRange: 0...1, legend: .below)
        c.series.append(Series(a.name, x: x, y: va.map(\.mean), lower: va.map(\.lower), upper: va.map(\.upper),
                               colour: Palette.colour(a.colour), marker: .circle))
        c.series.append(Series(b.name, x: x, y: vb.map(\.mean), lower: vb.map(\.lower), upper: vb.map(\.upper),
                               colour: Palette.colour(b.colour), lineStyle: .dashed, marker: .square))
        return .line(c)
    }

    /// Renders the figures that have data; returns their paths.
    static func render(_ analyses: [LogAnalysis], to dir: URL) throws -> [URL] {
        let ls = lines(analyses)
        var written: [URL] = []

        // Accuracy by round: individual and majority, 95% bootstrap bands.
        var accPanels: [Panel] = []
        for l in ls {
            let rows = l.rows.filter { ($0.individualAccuracy?.n ?? 0) > 0 && ($0.majorityAccuracy?.n ?? 0) > 0 }
            guard !rows.isEmpty else { continue }
            accPanels.append(panel(title: l.label, yLabel: "accuracy", rows: rows, maxRound: l.rows.map(\.round).max() ?? 1,
                                   ("individual", 0, { $0.individualAccuracy! }), ("majority vote", 1, { $0.majorityAccuracy! })))
        }
        if !accPanels.isEmpty {
            let (g, size) = grid(accPanels, title: "Accuracy by round (95% bootstrap CI over questions)")
            let u = dir.appendingPathComponent("accuracy-by-round.png")
            try g.render(to: u, size: size); written.append(u)
        }

        // Agreement by round: unanimity and consensus, 95% bootstrap bands.
        var consPanels: [Panel] = []
        for l in ls {
            let rows = l.rows.filter { $0.unanimity.n > 0 && $0.consensus.n > 0 }
            guard !rows.isEmpty else { continue }
            consPanels.append(panel(title: l.label, yLabel: "fraction", rows: rows, maxRound: l.rows.map(\.round).max() ?? 1,
                                    ("unanimity (all agents agree)", 2, { $0.unanimity }),
                                    ("consensus (answering agents with the majority)", 4, { $0.consensus })))
        }
        if !consPanels.isEmpty {
            let (g, size) = grid(consPanels, title: "Agreement by round (95% bootstrap CI over questions)")
            let u = dir.appendingPathComponent("consensus-by-round.png")
            try g.render(to: u, size: size); written.append(u)
        }

        // Flips between consecutive rounds, as fractions of the agents' transitions.
        var flipPanels: [Panel] = []
        for l in ls {
            let transitions = l.rows.compactMap { r in r.flips.map { (r.round, $0) } }.filter { $0.1.total > 0 }
            guard !transitions.isEmpty else { continue }
            let judged = transitions.contains { $0.1.total > $0.1.unjudged }
            let categories = judged ? ["right →\nright", "right →\nwrong", "wrong →\nright", "wrong →\nsame", "wrong →\nother"]
                                    : ["kept\nanswer", "switched,\nnot to plurality", "switched\nto plurality"]
            var bars = BarChart(title: l.label, categories: categories, xLabel: judged ? "answer before → after (same / other wrong answer)" : "",
                                yLabel: "fraction of transitions", yRange: 0...1, legend: .below)
            for (i, (round, f)) in transitions.enumerated() {
                let n = Double(f.total)
                let values = judged
                    ? [f.rightRight, f.rightWrong, f.wrongRight, f.wrongSameWrong, f.wrongOtherWrong].map { Double($0) / n }
                    : [f.total - f.switches, f.switches - f.toPlurality, f.toPlurality].map { Double($0) / n }
                bars.groups.append(BarGroup("round \(round - 1) → \(round)", values: values, colour: Palette.colour(i)))
            }
            flipPanels.append(.bar(bars))
        }
        if !flipPanels.isEmpty {
            let (g, size) = grid(flipPanels, title: "Answer changes between rounds (fraction of agent transitions)")
            let u = dir.appendingPathComponent("flips.png")
            try g.render(to: u, size: size); written.append(u)
        }
        return written
    }
}
