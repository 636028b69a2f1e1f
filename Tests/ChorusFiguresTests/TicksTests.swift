import Testing
@testable import ChorusFigures

@Suite("Tick positions and labels")
struct TicksTests {
    @Test("Linear ticks are 1-2-2.5-5 multiples inside the range, labelled with enough decimals")
    func linear() {
        let t = Ticks.linear(-0.52, 0.03, target: 6)
        #expect(t.step == 0.1)
        #expect(t.labels == ["−0.5", "−0.4", "−0.3", "−0.2", "−0.1", "0.0"])
        let u = Ticks.linear(0, 100, target: 5)
        #expect(u.values == [0, 20, 40, 60, 80, 100])
        #expect(Ticks.linear(0.4, 0.65, target: 6).labels == ["0.40", "0.45", "0.50", "0.55", "0.60", "0.65"])
    }

    @Test("Log ticks: 1-2-5 within two decades, decades beyond")
    func log() {
        #expect(Ticks.logarithmic(5, 500).labels == ["5", "10", "20", "50", "100", "200", "500"])
        #expect(Ticks.logarithmic(1, 1e4).values == [1, 10, 100, 1000, 10000])
        #expect(Ticks.logarithmic(0.01, 0.5).labels == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5"])
    }

    @Test("Palette cycles through the Okabe–Ito colours")
    func palette() {
        #expect(Palette.colour(0) == RGB(hex: 0x0072B2))
        #expect(Palette.colour(8) == Palette.colour(0))
        #expect(Palette.colour(-1) == Palette.colour(7))
        #expect(RGB(hex: 0xD55E00).description == "#d55e00")
    }
}

import ChorusStats

@Suite("Series from summaries")
struct SeriesSummaryTests {
    @Test("Means become y and the interval the band")
    func fromSummaries() throws {
        let s1 = try Describe.tInterval([1, 2, 3]), s2 = try Describe.tInterval([2, 4, 6, 8])
        let s = Series("m", x: [1, 2], summaries: [s1, s2])
        #expect(s.y == [2, 5])
        #expect(s.lower == [s1.lower, s2.lower] && s.upper == [s1.upper, s2.upper])
        try LineChart(series: [s]).validate()
    }
}

@Suite("Scientific tick labels")
struct ScientificTests {
    @Test("Large and tiny values use m×10ᵏ")
    func scientific() {
        #expect(Ticks.scientific(1e6) == "10⁶")
        #expect(Ticks.scientific(2.5e6) == "2.5×10⁶")
        #expect(Ticks.scientific(-3e-5) == "−3×10⁻⁵")
        #expect(Ticks.logarithmic(1e4, 1e7).labels == ["10⁴", "10⁵", "10⁶", "10⁷"])
        #expect(Ticks.linear(0, 4e6, target: 4).labels == ["0", "10⁶", "2×10⁶", "3×10⁶", "4×10⁶"])
    }
}

@Suite("Integer ticks")
struct IntegerTicksTests {
    @Test("whole-number axes never get fractional ticks")
    func integerSteps() {
        // Rounds 1…2 with about 6 ticks would step by 0.2; integer ticks step by 1.
        let t = Ticks.linear(1, 2, target: 6, integer: true)
        #expect(t.values == [1, 2])
        #expect(t.labels == ["1", "2"])
        // Iterations 0…5: step 1.
        #expect(Ticks.linear(0, 5, target: 6, integer: true).values == [0, 1, 2, 3, 4, 5])
        // A long axis keeps nice whole steps (2.5 is never chosen).
        let long = Ticks.linear(0, 12, target: 5, integer: true)
        #expect(long.values.allSatisfy { $0 == $0.rounded() })
        #expect(Ticks.linear(1, 2, target: 6).values.count > 2)   // the default still subdivides
    }
}
