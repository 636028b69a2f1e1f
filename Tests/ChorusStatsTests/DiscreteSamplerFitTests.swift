import Testing
import ChorusStats

/// Chi-square goodness of fit of the discrete samplers against exact probabilities.
@Suite("Discrete samplers: chi-square goodness of fit")
struct DiscreteSamplerFitTests {
    /// Weights with zeros, a tiny weight and unnormalised scale.
    static let weights: [Double] = [5, 0, 1, 2.5, 0.01, 3, 0, 8, 0.5, 12]
    static var probabilities: [Double] {
        let t = weights.reduce(0, +)
        return weights.map { $0 / t }
    }

    static func check(_ values: [Int], _ p: [Double], _ what: String) {
        for (i, pi) in p.enumerated() where pi == 0 {
            #expect(!values.contains(i), "\(what) drew outcome \(i) of probability 0")
        }
        let fit = GoodnessOfFit(values: values, probabilities: p)
        #expect(fit.passes, "\(what): \(fit)")
    }

    @Test func aliasTable() throws {
        var g = testGenerator("alias")
        let table = try AliasTable(weights: Self.weights)
        Self.check((0..<200_000).map { _ in table.sample(using: &g) }, Self.probabilities, "alias table")
    }

    /// 16 outcomes of random weights, and a table dominated by one outcome.
    @Test func aliasTableOtherShapes() throws {
        var w = testGenerator("alias-weights")
        let random = (0..<16).map { _ in w.nextUnit() * w.nextUnit() }
        let skewed = [1e6] + [Double](repeating: 1, count: 9)
        for (name, weights) in [("random16", random), ("skewed", skewed)] {
            var g = testGenerator("alias-\(name)")
            let table = try AliasTable(weights: weights)
            let t = weights.reduce(0, +)
            Self.check((0..<200_000).map { _ in table.sample(using: &g) }, weights.map { $0 / t }, "alias \(name)")
        }
    }

    /// The table's implied probabilities equal the normalised weights.
    @Test func aliasTableImpliedProbabilities() throws {
        let table = try AliasTable(weights: Self.weights)
        for (i, p) in Self.probabilities.enumerated() {
            #expect(abs(table.probability(of: i) - p) < 1e-14, "outcome \(i)")
        }
        var g = testGenerator("alias-single")
        let one = try AliasTable(weights: [3])
        #expect((0..<100).allSatisfy { _ in one.sample(using: &g) == 0 })
    }

    @Test func aliasTableErrors() {
        #expect(thrownKind { try AliasTable(weights: []) } == "invalidDistribution")
        #expect(thrownKind { try AliasTable(weights: [1, -1]) } == "invalidDistribution")
        #expect(thrownKind { try AliasTable(weights: [0, 0]) } == "invalidDistribution")
        #expect(thrownKind { try AliasTable(weights: [1, .nan]) } == "invalidDistribution")
        #expect(thrownKind { try AliasTable(weights: [1e308, 1e308]) } == "invalidDistribution")
    }

    @Test func categoricalByInversion() throws {
        var g = testGenerator("categorical")
        Self.check(try (0..<200_000).map { _ in try Sample.categorical(Self.weights, using: &g) }, Self.probabilities, "Sample.categorical")
    }

    @Test func gslDiscrete() throws {
        var g = testGenerator("gsl-discrete")
        let table = try GSLDiscrete(weights: Self.weights)
        Self.check(table.sample(count: 200_000, using: &g), Self.probabilities, "GSLDiscrete")
        for (i, p) in Self.probabilities.enumerated() { #expect(abs(table.probability(of: i) - p) < 1e-12) }
    }

    /// Batched, buffer-filling and one-at-a-time GSLDiscrete draws are the same sequence.
    @Test func gslDiscreteBatchEqualsSingles() throws {
        let table = try GSLDiscrete(weights: Self.weights)
        var a = testGenerator("gsl-discrete-batch"), b = a
        #expect(table.sample(count: 1000, using: &a) == (0..<1000).map { _ in table.sample(using: &b) })
        #expect(a == b)
        var buffer = [Int](repeating: -1, count: 1000)
        table.sample(into: &buffer, using: &a)
        #expect(buffer == table.sample(count: 1000, using: &b))
        #expect(a == b)
    }

    /// Small n (GSL inverts the CDF) and large n·p (GSL's BTPE), against GSL's exact pmf.
    @Test(arguments: [(20, 0.3), (1000, 0.4), (5, 0.97), (0, 0.5)])
    func binomial(n: Int, p: Double) throws {
        var g = testGenerator("binomial-\(n)-\(p)")
        let x = try (0..<100_000).map { _ in try Sample.binomial(n: n, p: p, using: &g) }
        let pmf = try (0...n).map { try PMF.binomial($0, p: p, n: n) }
        if n == 0 { #expect(x.allSatisfy { $0 == 0 }); return }
        Self.check(x, pmf, "Binomial(\(n), \(p))")
    }

    /// The full joint law of Multinomial(4; 0.5, 0.3, 0.2): all 15 outcomes against the exact pmf.
    @Test func multinomialJoint() throws {
        let p = [0.5, 0.3, 0.2], n = 4
        var outcomes: [[Int]] = []
        for a in 0...n { for b in 0...(n - a) { outcomes.append([a, b, n - a - b]) } }
        let index = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1, $0) })
        let pmf = try outcomes.map { try PMF.multinomial($0, p: p) }
        #expect(abs(pmf.reduce(0, +) - 1) < 1e-12)
        var g = testGenerator("multinomial-joint")
        let draws = try (0..<100_000).map { _ in index[try Sample.multinomial(n: n, p: p, using: &g)]! }
        Self.check(draws, pmf, "Multinomial(4; 0.5, 0.3, 0.2)")
    }

    /// Large n: every marginal of Multinomial(500; p) is Binomial(500, p_i), and totals are n.
    @Test func multinomialMarginals() throws {
        let w = [1.0, 2, 3, 4, 10], n = 500
        let p = w.map { $0 / 20 }
        var g = testGenerator("multinomial-marginals")
        let draws = try (0..<40_000).map { _ in try Sample.multinomial(n: n, p: w, using: &g) }
        #expect(draws.allSatisfy { $0.reduce(0, +) == n })
        for i in p.indices {
            let pmf = try (0...n).map { try PMF.binomial($0, p: p[i], n: n) }
            Self.check(draws.map { $0[i] }, pmf, "multinomial marginal \(i)")
        }
    }
}
