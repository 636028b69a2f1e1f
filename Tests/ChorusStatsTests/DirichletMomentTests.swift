import Testing
import ChorusStats

/// Dirichlet(α) moments against the formulas, within 5 Monte Carlo standard errors:
/// E θ_i = α_i/α_0, Var θ_i = α_i(α_0 − α_i)/(α_0²(α_0 + 1)), Cov(θ_i, θ_j) = −α_iα_j/(α_0²(α_0 + 1)).
@Suite("Dirichlet moments")
struct DirichletMomentTests {
    @Test(arguments: [[0.5, 1.0, 2.0, 4.0], [0.05, 0.05, 0.1], [20.0, 30.0]])
    func meanVarianceCovariance(alpha: [Double]) throws {
        var g = testGenerator("dirichlet-moments-\(alpha)")
        let n = 40_000
        let theta = try (0..<n).map { _ in try Sample.dirichlet(alpha, using: &g) }
        let a0 = alpha.reduce(0, +), nn = Double(n)
        let k = alpha.count
        let means = (0..<k).map { i in theta.reduce(0) { $0 + $1[i] } / nn }
        for i in 0..<k {
            let mu = alpha[i] / a0
            let v = alpha[i] * (a0 - alpha[i]) / (a0 * a0 * (a0 + 1))
            #expect(abs(means[i] - mu) < 5 * (v / nn).squareRoot(), "mean θ_\(i) = \(means[i]), expected \(mu)")
            // Sample variance; its standard error from the sample's fourth central moment.
            let dev = theta.map { $0[i] - means[i] }
            let s2 = dev.reduce(0) { $0 + $1 * $1 } / (nn - 1)
            let m4 = dev.reduce(0) { $0 + $1 * $1 * $1 * $1 } / nn
            let seVar = ((m4 - s2 * s2) / nn).squareRoot()
            #expect(abs(s2 - v) < 5 * seVar, "var θ_\(i) = \(s2), expected \(v) ± \(seVar)")
        }
        for i in 0..<k {
            for j in (i + 1)..<k {
                let products = theta.map { ($0[i] - means[i]) * ($0[j] - means[j]) }
                let c = products.reduce(0, +) / (nn - 1)
                let seCov = try Describe.sd(products) / nn.squareRoot()
                let expected = -alpha[i] * alpha[j] / (a0 * a0 * (a0 + 1))
                #expect(abs(c - expected) < 5 * seCov, "cov(θ_\(i), θ_\(j)) = \(c), expected \(expected) ± \(seCov)")
            }
        }
    }
}
