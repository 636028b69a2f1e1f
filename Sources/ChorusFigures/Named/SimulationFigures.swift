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
