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

    @Test("Too few points, unequal lengths, constant x and NaN are errors")
    func errors() {
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [1], y: [1]) }
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [1, 2], y: [1]) }
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [2, 2, 2], y: [1, 2, 3]) }
        #expect(throws: StatsError.self) { try LinearFit.fit(x: [1, .nan], y: [1, 2]) }
    }
}
