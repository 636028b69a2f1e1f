import Foundation
@testable import ChorusFigures

/// A small chart of every kind of element: bands, a NaN gap, markers, a reference line.
func sampleChart(title: String = "Sample") -> LineChart {
    let x = (1...20).map(Double.init)
    var chart = LineChart(title: title, xLabel: "iteration", yLabel: "accuracy")
    chart.series.append(Series("multiagent", x: x, y: x.map { 0.5 + 0.01 * $0 },
                               lower: x.map { 0.47 + 0.01 * $0 }, upper: x.map { 0.53 + 0.01 * $0 }))
    var y2 = x.map { 0.55 - 0.004 * $0 }
    y2[7] = .nan
    chart.series.append(Series("single-agent", x: x, y: y2, lineStyle: .dashed, marker: .square))
    chart.references.append(.horizontal(0.5, label: "base"))
    return chart
}
