import Testing
@testable import ChorusStats

@Suite("Pearson and Spearman correlation (GSL)")
struct CorrelationTests {
    @Test("Pearson's r by hand")
    func pearson() throws {
        // x̄ = 3, ȳ = 4: Sxy = 9, Sxx = 10, Syy = 8.5, so r = 9/√85.
        let r = try Correlation.pearson([1, 2, 3, 4, 5], [2, 3.5, 4, 4.5, 6])
        #expect(abs(r - 9 / 85.0.squareRoot()) < 1e-12)
        #expect(abs(try Correlation.pearson([1, 2, 3], [6, 4, 2]) + 1) < 1e-12)
        #expect(try Correlation.pearson([1, 1, 1], [1, 2, 3]).isNaN)
    }

    @Test("Spearman's ρ by hand, with ties as mid-ranks")
    func spearman() throws {
        #expect(abs(try Correlation.spearman([1, 2, 3, 4], [10, 100, 1000, 10000]) - 1) < 1e-12)
        #expect(abs(try Correlation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12)
        // Ranks (1,2,3) vs (1,3,2): 1 − 6·Σd²/(n(n²−1)) = 1 − 6·2/24 = 1/2.
        #expect(abs(try Correlation.spearman([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-12)
        // x = (10, 20, 20, 5) has mid-ranks (2, 3.5, 3.5, 1); with y ranks (1, 2, 3, 4):
        // deviations from 2.5 are (−½, 1, 1, −3/2) and (−3/2, −½, ½, 3/2): Sxy = −3/2,
        // Sxx = 9/2, Syy = 5, ρ = −1.5/√22.5 = −1/√10.
        #expect(abs(try Correlation.spearman([10, 20, 20, 5], [1, 2, 3, 4]) + 1 / 10.0.squareRoot()) < 1e-12)
    }

    @Test("Bad input is an error")
    func errors() {
        #expect(throws: StatsError.self) { try Correlation.pearson([1], [1]) }
        #expect(throws: StatsError.self) { try Correlation.pearson([1, 2], [1]) }
        #expect(throws: StatsError.self) { try Correlation.spearman([1, .nan], [1, 2]) }
    }
}

@Suite("Multi-parameter least squares (GSL)")
struct LinearModelTests {
    @Test("A quadratic by hand")
    func quadratic() throws {
        // Points on y = 1 − 2x + 3x² are fitted exactly.
        let x = [-2.0, -1, 0, 1, 2, 3]
        let m = try LinearModel.polynomial(x: x, y: x.map { 1 - 2 * $0 + 3 * $0 * $0 }, degree: 2)
        #expect(abs(m.coefficients[0] - 1) < 1e-10 && abs(m.coefficients[1] + 2) < 1e-10 && abs(m.coefficients[2] - 3) < 1e-10)
        #expect(m.residualSumOfSquares < 1e-18)
        // x = −1, 0, 1, 2 with y = 1, 0, 0, 2: the normal equations [4 2 6; 2 6 8; 6 8 18]·c =
        // (3, 3, 9) are solved by c = (−3/20, −9/20, 3/4) (substitute to check); fitted values
        // 1.05, −0.15, 0.15, 1.95, residuals −0.05, 0.15, −0.15, 0.05, RSS = 0.05.
        let q = try LinearModel.polynomial(x: [-1, 0, 1, 2], y: [1, 0, 0, 2], degree: 2)
        #expect(abs(q.coefficients[0] + 0.15) < 1e-12 && abs(q.coefficients[1] + 0.45) < 1e-12 && abs(q.coefficients[2] - 0.75) < 1e-12)
        #expect(abs(q.residualSumOfSquares - 0.05) < 1e-12)
        #expect(abs(q.residualSD - 0.05.squareRoot()) < 1e-12)
    }

    @Test("Bad input is an error")
    func errors() {
        #expect(throws: StatsError.self) { try LinearModel.fit(design: [[1, 2], [1]], y: [1, 2]) }
        #expect(throws: StatsError.self) { try LinearModel.fit(design: [[1, 2]], y: [1]) }
        #expect(throws: StatsError.self) { try LinearModel.fit(design: [[1], [.nan]], y: [1, 2]) }
    }
}
