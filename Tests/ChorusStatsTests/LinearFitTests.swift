import Testing
@testable import ChorusStats

@Suite("Least-squares line (GSL)")
struct LinearFitTests {
    @Test("Hand-computed fit of five points")
    func handComputed() throws {
        // x̄ = 3, ȳ = 4; Sxy = Σ(x−3)(y−4) = 9, Sxx = 10 → slope 0.9, intercept 4 − 0.9·3 = 1.3.
        let f = try LinearFit.fit(x: [1, 2, 3, 4, 5], y: [2, 3.5, 4, 4.5, 6])
        #expect(abs(f.slope - 0.9) < 1e-12)
        #expect(abs(f.intercept - 1.3) < 1e-12)
        // Residuals −0.2, 0.4, 0, −0.4, 0.2: SS_res = 0.4; SS_tot = 8.5.
        #expect(abs(f.rSquared - (1 - 0.4 / 8.5)) < 1e-12)
    }

    @Test("Standard errors of an ordinary fit by hand")
    func standardErrors() throws {
        // (0,0), (1,1), (2,1): slope 1/2, intercept 1/6; residuals −1/6, 1/3, −1/6, SS_res = 1/6,
        // σ² = SS_res/(n − 2) = 1/6, Sxx = 2: se(slope) = √(σ²/Sxx) = √(1/12),
        // se(intercept) = √(σ²(1/n + x̄²/Sxx)) = √(1/6 · 5/6) = √5/6.
        let f = try LinearFit.fit(x: [0, 1, 2], y: [0, 1, 1])
        #expect(abs(f.slope - 0.5) < 1e-12 && abs(f.intercept - 1.0 / 6) < 1e-12)
        #expect(abs(f.residualSumOfSquares - 1.0 / 6) < 1e-12)
        #expect(abs(f.slopeSE - (1.0 / 12).squareRoot()) < 1e-12)
        #expect(abs(f.interceptSE - 5.0.squareRoot() / 6) < 1e-12)
        // An exact line: slope −3, intercept 2, R² = 1, SE 0.
        let g = try LinearFit.fit(x: [0, 1, 2, 3], y: [2, -1, -4, -7])
        #expect(abs(g.slope + 3) < 1e-12 && abs(g.intercept - 2) < 1e-12 && abs(g.rSquared - 1) < 1e-12 && g.slopeSE < 1e-7)
        // Two points: the line is exact and no error variance can be estimated.
        #expect(try LinearFit.fit(x: [0, 1], y: [1, 3]).slopeSE.isNaN)
    }

    @Test("Weighted fit by hand (normal equations)")
    func weighted() throws {
        // (0,0), (1,1), (2,1) with weights 1, 1, 2: Σw = 4, Σwx = 5, Σwx² = 9, Σwy = 3, Σwxy = 5;
        // [4 5; 5 9]·(a, b) = (3, 5), det 11: a = 2/11, b = 5/11; cov = (XᵀWX)⁻¹ = [9 −5; −5 4]/11.
        let f = try LinearFit.fit(x: [0, 1, 2], y: [0, 1, 1], weights: [1, 1, 2])
        #expect(abs(f.intercept - 2.0 / 11) < 1e-12 && abs(f.slope - 5.0 / 11) < 1e-12)
        #expect(abs(f.slopeSE - (4.0 / 11).squareRoot()) < 1e-12)
        #expect(abs(f.interceptSE - (9.0 / 11).squareRoot()) < 1e-12)
        // Equal weights give the ordinary fit.
        let o = try LinearFit.fit(x: [1, 2, 3, 4, 5], y: [2, 3.5, 4, 4.5, 6])
        let e = try LinearFit.fit(x: [1, 2, 3, 4, 5], y: [2, 3.5, 4, 4.5, 6], weights: [1, 1, 1, 1, 1])
        #expect(abs(o.slope - e.slope) < 1e-12 && abs(o.rSquared - e.rSquared) < 1e-12)
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [0, 1, 2], y: [0, 1, 1], weights: [1, -1, 1]) }
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [0, 1, 2], y: [0, 1, 1], weights: [1, 0, 0]) }
    }

    @Test("Too few points, unequal lengths, constant x and NaN are errors")
    func errors() {
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [1], y: [1]) }
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [1, 2], y: [1]) }
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [2, 2, 2], y: [1, 2, 3]) }
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [1, .nan], y: [1, 2]) }
    }
}
