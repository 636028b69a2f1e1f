import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusFigures

@Suite("Clipping before PLplot")
struct ClipTests {
    let box = Rect(x0: 0, y0: 0, x1: 10, y1: 10)

    @Test("Segments are cut at the window; outside ones vanish")
    func segments() throws {
        let s = try #require(Clip.segment((-10, 5), (20, 5), box))
        #expect(s.0 == (0, 5) && s.1 == (10, 5))
        #expect(Clip.segment((-5, -5), (-1, 20), box) == nil)
        let d = try #require(Clip.segment((5, 5), (5, 1e300), box))
        #expect(d.1.1 == 10)
    }

    @Test("A polyline leaving and re-entering the window splits in two")
    func polyline() {
        let pieces = Clip.polyline([1, 5, 9], [1, 1e12, 1], box)
        #expect(pieces.count == 2)
        #expect(pieces.allSatisfy { $0.1.allSatisfy { $0 <= 10 && $0 >= 0 } })
        #expect(Clip.polyline([1, 2, 3], [1, 2, 3], box).count == 1)
        #expect(Clip.polyline([1, 2, 3], [1, 2, 3], box)[0].0 == [1, 2, 3])
    }

    @Test("Polygons are clipped to the window; the inside part keeps its area")
    func polygon() {
        // A triangle with one vertex far above: the clipped part has area between those of
        // the window-bounded pieces computed by hand.
        let (x, y) = Clip.polygon([2, 8, 5], [2, 2, 1e9], box)
        #expect(y.allSatisfy { $0 <= 10 })
        var area = 0.0
        for i in x.indices { let j = (i + 1) % x.count; area += x[i] * y[j] - x[j] * y[i] }
        // Below y = 10 the triangle is nearly a 6 × 8 rectangle (sides almost vertical).
        #expect(abs(abs(area) / 2 - 48) < 1e-3)
        #expect(Clip.polygon([20, 30, 25], [20, 20, 30], box).0.isEmpty)
    }

    @Test("Data far outside a fixed range render without trouble")
    func farOutliers() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var chart = LineChart(title: "outliers", yRange: 0...1)
        chart.series.append(Series("s", x: [0, 1, 2, 3], y: [0.5, 1e15, -1e15, 0.5], lower: [0, 1e14, -1e16, 0], upper: [1, 1e16, 1e3, 1],
                                   marker: .circle))
        chart.references.append(ReferenceLine(.diagonal(slope: 1e12, intercept: 0)))
        chart.references.append(ReferenceLine(.vertical(1.5)))
        try chart.render(to: dir.appendingPathComponent("o.png"), size: FigureSize(width: 400, height: 300))
        #expect(pngSize(try Data(contentsOf: dir.appendingPathComponent("o.png")))?.width == 400)
    }
}
