import Testing
import ChorusStats

/// Chi-square goodness of fit of the GSL-backed continuous samplers, at fixed seeds, with 50
/// equiprobable bins taken from the exact CDF (probability integral transform) and 100,000 draws.
@Suite("Continuous samplers: chi-square goodness of fit")
struct ContinuousSamplerFitTests {
    static let draws = 100_000, bins = 50

    /// Shapes below 1 (GSL boosts them through Gamma(k+1)·U^{1/k}), at 1, and large.
    @Test(arguments: [(0.3, 1.0), (1.0, 2.0), (2.5, 0.5), (50.0, 3.0)])
    func gamma(shape: Double, scale: Double) throws {
        var g = testGenerator("gamma-\(shape)-\(scale)")
        let x = try (0..<Self.draws).map { _ in try Sample.gamma(shape: shape, scale: scale, using: &g) }
        let fit = try GoodnessOfFit(draws: x, bins: Self.bins) { try CDF.gamma($0, shape: shape, scale: scale) }
        #expect(fit.passes, "Gamma(\(shape), \(scale)): \(fit)")
    }

    @Test(arguments: [(0.0, 1.0), (3.0, 2.0), (-50.0, 0.01)])
    func normal(mean: Double, sd: Double) throws {
        var g = testGenerator("normal-\(mean)-\(sd)")
        let x = try (0..<Self.draws).map { _ in try Sample.normal(mean: mean, sd: sd, using: &g) }
        let fit = try GoodnessOfFit(draws: x, bins: Self.bins) { try CDF.normal($0, mean: mean, sd: sd) }
        #expect(fit.passes, "Normal(\(mean), \(sd)): \(fit)")
    }

    /// The hot-loop standard normal (GSL's ziggurat, used by the simulator's debate reads and
    /// task banks): 50 equiprobable bins of N(0, 1) over 10⁶ draws, the central rectangles,
    /// the wedges and the tail all inside; and the tail itself (|z| > 3.4426, GSL's R, reached
    /// by about 1 draw in 1,700) against the normal's conditional law there, so that a wrong
    /// tail cannot hide among a million central draws.
    @Test func standardNormal() {
        var g = testGenerator("standard-normal-ziggurat")
        let x = (0..<1_000_000).map { _ in Sample.standardNormal(using: &g) }
        let fit = GoodnessOfFit(draws: x, bins: Self.bins) { CDF.normal($0) }
        #expect(fit.passes, "N(0, 1) by the ziggurat: \(fit)")
        let r = 3.442619855899
        let upperTail = CDF.normal(-r)   // P(Z > r) = Φ(−r)
        let tail = x.filter { abs($0) > r }.map(abs)
        // 10⁶ · 2Φ(−r) ≈ 576 expected; a 4-SD band around it.
        let expected = 2 * upperTail * 1e6
        #expect(abs(Double(tail.count) - expected) < 4 * expected.squareRoot(), "\(tail.count) tail draws, \(expected) expected")
        // P(|Z| ≤ x | |Z| > r) = 1 − Φ(−x)/Φ(−r) for x > r.
        let tailFit = GoodnessOfFit(draws: tail, bins: 10) { 1 - CDF.normal(-$0) / upperTail }
        #expect(tailFit.passes, "tail beyond \(r): \(tailFit)")
        // Symmetry: the signs are balanced within 4 SD.
        let positive = x.filter { $0 > 0 }.count
        #expect(abs(Double(positive) - 5e5) < 4 * 500)
    }

    /// Both parameters ≤ 1 (GSL's Jöhnk branch) and the two-gamma branch.
    @Test(arguments: [(0.5, 0.5), (0.2, 0.9), (2.0, 5.0), (30.0, 1.5)])
    func beta(a: Double, b: Double) throws {
        var g = testGenerator("beta-\(a)-\(b)")
        let x = try (0..<Self.draws).map { _ in try Sample.beta(a, b, using: &g) }
        #expect(x.allSatisfy { $0 >= 0 && $0 <= 1 })
        let fit = try GoodnessOfFit(draws: x, bins: Self.bins) { try CDF.beta($0, a, b) }
        #expect(fit.passes, "Beta(\(a), \(b)): \(fit)")
    }

    /// Each Dirichlet marginal θ_i is Beta(α_i, α_0 − α_i) (Johnson, Kotz & Balakrishnan, ch. 49).
    @Test(arguments: [[0.3, 1.0, 2.5, 5.0], [0.1, 0.2, 0.3], [4.0, 4.0]])
    func dirichletMarginals(alpha: [Double]) throws {
        var g = testGenerator("dirichlet-\(alpha)")
        let n = 50_000
        let theta = try (0..<n).map { _ in try Sample.dirichlet(alpha, using: &g) }
        #expect(theta.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 && $0.allSatisfy { $0 >= 0 } })
        let a0 = alpha.reduce(0, +)
        for (i, ai) in alpha.enumerated() {
            let fit = try GoodnessOfFit(draws: theta.map { $0[i] }, bins: Self.bins) { try CDF.beta($0, ai, a0 - ai) }
            #expect(fit.passes, "Dirichlet\(alpha) marginal \(i): \(fit)")
        }
    }
}

/// The chi-square check has power: it rejects slightly wrong laws (so the fits above can fail).
@Suite("Chi-square check power")
struct ChiSquarePowerTests {
    @Test func rejectsAGammaWithTheWrongShape() throws {
        var g = testGenerator("power-gamma")
        let x = try (0..<100_000).map { _ in try Sample.gamma(shape: 1.05, using: &g) }
        let fit = try GoodnessOfFit(draws: x, bins: 50) { try CDF.gamma($0, shape: 1) }
        #expect(fit.pValue < 1e-6, "\(fit)")
    }

    @Test func rejectsACategoricalOffByOnePercentagePoint() throws {
        var g = testGenerator("power-categorical")
        let table = try AliasTable(weights: [0.26, 0.25, 0.25, 0.24])
        let values = (0..<200_000).map { _ in table.sample(using: &g) }
        let fit = GoodnessOfFit(values: values, probabilities: [0.25, 0.25, 0.25, 0.25])
        #expect(fit.pValue < 1e-6, "\(fit)")
    }
}
