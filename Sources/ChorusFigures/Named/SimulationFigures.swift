import ChorusStats
import ChorusSimulation

/// The named figures of a simulation run, built from its summary over seeds.
///
/// Every curve is a metric's mean over seeds at each iteration (0 = base model), with its
/// Student-t 95% confidence interval as a shaded band (`ExperimentResult.summarize`).
public enum SimulationFigures {
    /// One metric against iteration, one series per regime (in the given order), with CI bands.
    /// Regimes without that metric are left out.
    public static func metricByIteration(_ summary: [SummaryRow], metric: String, regimes: [String],
                                         title: String, yLabel: String) -> LineChart {
        var chart = LineChart(title: title, xLabel: "finetuning iteration", yLabel: yLabel)
        for (i, regime) in regimes.enumerated() {
            let rows = summary.filter { $0.regime == regime && $0.metric == metric }
                .sorted { $0.iteration < $1.iteration }
            guard !rows.isEmpty else { continue }
            chart.series.append(Series(regime, x: rows.map { Double($0.iteration) },
                                       summaries: rows.map(\.summary),
                                       lineStyle: i < 2 ? .solid : .dashed,
                                       marker: Marker.allCases[i % Marker.allCases.count]))
        }
        return chart
    }

    /// The reproduction figure: held-out accuracy (final-round majority) and the society's
    /// disagreement (probability two different agents write different chains) by iteration.
    public static func accuracyAndDisagreement(_ summary: [SummaryRow], regimes: [String]) -> FigureGrid {
        let acc = metricByIteration(summary, metric: MetricName.accuracyFinal, regimes: regimes,
                                    title: "Held-out accuracy (final-round majority)", yLabel: "accuracy")
        let dis = metricByIteration(summary, metric: MetricName.disagreementChain, regimes: regimes,
                                    title: "Society disagreement (chains)", yLabel: "P(two agents' chains differ)")
        return FigureGrid(rows: 1, columns: 2, panels: [.line(acc), .line(dis)])
    }

    /// KL from the base model by role (claim 6): the multiagent critics and generators against
    /// the single-agent model, with 95% CI bands. Series whose rows are missing are left out.
    public static func klByRole(_ summary: [SummaryRow]) -> LineChart {
        var chart = LineChart(title: "KL from the base model, by role", xLabel: "finetuning iteration", yLabel: "KL (nats)")
        let curves: [(String, String, String)] = [
            ("multiagent critics", "multiagent", MetricName.klBaseCritic),
            ("multiagent generators", "multiagent", MetricName.klBaseGenerator),
            ("single-agent", "single-agent", MetricName.klBase),
        ]
        for (i, (name, regime, metric)) in curves.enumerated() {
            let rows = summary.filter { $0.regime == regime && $0.metric == metric }.sorted { $0.iteration < $1.iteration }
            guard !rows.isEmpty else { continue }
            chart.series.append(Series(name, x: rows.map { Double($0.iteration) }, summaries: rows.map(\.summary),
                                       marker: Marker.allCases[i % Marker.allCases.count]))
        }
        return chart
    }
}

/// The phase diagram of a calibration sweep (`chorus sweep --figure`).
public enum SweepFigures {
    /// One heat map per value of the third axis (if any): columns are the first axis's values,
    /// rows the second's (a single row for a one-axis sweep); the colour is the number of the six
    /// claims that hold, and each cell lists which ones do ("1 2 3 · 5 ·"), so a reader sees
    /// both how far the claims hold together and which one breaks first.
    public static func phaseDiagram(_ points: [Sweep.Point], axes: [Sweep.Axis]) -> FigureGrid {
        func label(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e6 ? String(Int(v)) : "\(v)" }
        let xAxis = axes[0]
        let yAxis: Sweep.Axis? = axes.count > 1 ? axes[1] : nil
        let zValues: [Double?] = axes.count > 2 ? axes[2].values.map { Optional($0) } : [nil]
        var panels: [Panel] = []
        for z in zValues {
            let yValues: [Double?] = yAxis.map { $0.values.map { Optional($0) } } ?? [nil]
            var values: [[Double]] = [], labels: [[String]] = []
            for y in yValues {
                var row: [Double] = [], rowLabels: [String] = []
                for x in xAxis.values {
                    let p = points.first { p in
                        p.settings[0].value == x
                            && (y == nil || p.settings[1].value == y!)
                            && (z == nil || p.settings[2].value == z!)
                    }
                    row.append(p.map { Double($0.holdCount) } ?? .nan)
                    rowLabels.append(p.map { pt in
                        pt.claims.map { $0.holds ? "\($0.number)" : "·" }.joined(separator: " ")
                    } ?? "")
                }
                values.append(row); labels.append(rowLabels)
            }
            let title = z.map { "\(axes[2].key) = \(label($0))" } ?? "Claims holding (of 6)"
            panels.append(.heatMap(HeatMap(title: title, xLabel: xAxis.key, yLabel: yAxis?.key ?? "",
                                           columns: xAxis.values.map(label),
                                           rows: yAxis?.values.map(label) ?? [""],
                                           values: values, range: 0...6,
                                           colourBarLabel: "claims holding", showValues: true,
                                           cellLabels: labels)))
        }
        let columns = min(panels.count, 3)
        let rows = (panels.count + columns - 1) / columns
        while panels.count < rows * columns { panels.append(.empty) }
        return FigureGrid(rows: rows, columns: columns, panels: panels)
    }
}
