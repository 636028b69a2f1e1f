import Testing
@testable import ChorusStats
import CGSL

/// The bridge that lets GSL's samplers draw from a Chorus stream (`withGSLRandom`).
@Suite("GSL bridge")
struct GSLBridgeTests {
    /// Inside the bridge, `gsl_rng_uniform` and `gsl_rng_get` read exactly the Swift stream, and
    /// the advanced state is written back.
    @Test func bridgeReadsTheSwiftStreamAndWritesStateBack() {
        var g = Xoshiro256(seed: 99)
        var twin = g
        let fromGSL: [Double] = withGSLRandom(&g) { r in (0..<1000).map { _ in gsl_rng_uniform(r) } }
        let fromSwift = (0..<1000).map { _ in twin.nextUnit() }
        #expect(fromGSL == fromSwift)
        #expect(g == twin)
        let words: [UInt64] = withGSLRandom(&g) { r in (0..<100).map { _ in UInt64(gsl_rng_get(r)) } }
        #expect(words == (0..<100).map { _ in twin.next() >> 32 })
        #expect(g == twin)
    }

    /// Same seed, same GSL-sampler draws, for every bridged sampler, interleaved with Swift draws.
    @Test func bridgedDrawsAreReproducible() throws {
        func run(_ seed: UInt64) throws -> [Double] {
            var g = SeedStream(seed: seed).child("bridge").generator()
            var out: [Double] = []
            for _ in 0..<200 {
                out.append(try Sample.gamma(shape: 0.7, using: &g))
                out.append(try Sample.normal(mean: 1, sd: 2, using: &g))
                out.append(try Sample.beta(2, 3, using: &g))
                out.append(Double(try Sample.binomial(n: 30, p: 0.4, using: &g)))
                out.append(contentsOf: try Sample.dirichlet([1, 2, 3], using: &g))
                out.append(contentsOf: try Sample.multinomial(n: 10, p: [0.2, 0.8], using: &g).map(Double.init))
                out.append(g.nextUnit())
            }
            return out
        }
        let a = try run(1), b = try run(1), c = try run(2)
        #expect(a == b)
        #expect(a != c)
    }

    /// A bridged draw advances the Swift stream by exactly the words GSL consumed: the state after
    /// one normal draw equals the state after k calls of `next()` for some small k ≥ 1, and
    /// successive draws differ.
    @Test func bridgedDrawsAdvanceTheStream() throws {
        var g = Xoshiro256(seed: 4)
        let start = g
        let x = try Sample.normal(using: &g)
        #expect(g != start)
        var probe = start
        var steps = 0
        while probe != g && steps < 100 { _ = probe.next(); steps += 1 }
        #expect(probe == g && steps >= 1 && steps < 100, "normal draw consumed \(steps) words")
        let y = try Sample.normal(using: &g)
        #expect(x != y)
        var gammas: Set<Double> = []
        for _ in 0..<1000 { gammas.insert(try Sample.gamma(shape: 2, using: &g)) }
        #expect(gammas.count == 1000)
    }

    /// GSL's error handler is off: a domain error returns (as NaN) instead of aborting, and a
    /// pole never passes for a number (GSL's own lngamma(−1) value is 0).
    @Test func gslErrorsDoNotAbortAndPolesAreNaN() {
        #expect(Special.lnGamma(-1).isNaN)
        #expect(Special.lnGamma(0).isNaN)
        #expect(Special.digamma(0).isNaN)
        #expect(Special.digamma(-2).isNaN)
        #expect(Special.trigamma(0).isNaN)
        #expect(abs(Special.lnGamma(-0.5) - 1.2655121234846454) < 1e-12)  // ln|Γ(−½)| = ln(2√π)
    }

    @Test func samplerParameterErrorsAreTyped() {
        var g = Xoshiro256(seed: 1)
        #expect(thrownKind { try Sample.gamma(shape: 0, using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.gamma(shape: 1, scale: .nan, using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.normal(sd: -1, using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.beta(1, -2, using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.binomial(n: -1, p: 0.5, using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.binomial(n: 3, p: .nan, using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.dirichlet([1, 0], using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.dirichlet([], using: &g) } == "invalidParameter")
        #expect(thrownKind { try Sample.multinomial(n: 3, p: [0.5, -0.5], using: &g) } == "invalidDistribution")
        #expect(thrownKind { try Sample.categorical([], using: &g) } == "invalidDistribution")
        #expect(thrownKind { try Sample.categorical([0, 0], using: &g) } == "invalidDistribution")
        #expect(thrownKind { try Sample.categorical([1, .infinity], using: &g) } == "invalidDistribution")
        #expect(thrownKind { try GSLDiscrete(weights: [1, .nan]) } == "invalidDistribution")
    }
}
