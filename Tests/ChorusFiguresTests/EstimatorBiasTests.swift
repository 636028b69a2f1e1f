import ChorusStats
import Foundation
import Testing
@testable import ChorusFigures

@Suite("Demo study: estimator bias")
struct EstimatorBiasTests {
    /// E[Ĥ(counts)] under Multinomial(N, p), by enumerating every composition of N into K parts.
    static func exactExpectation(_ e: EntropyEstimator, p: [Double], n: Int) throws -> Double {
        let k = p.count
        let logP = p.map { log($0) }
        var counts = [Int](repeating: 0, count: k)
        var total = 0.0, mass = 0.0
        func visit(_ i: Int, _ left: Int) throws {
            if i == k - 1 {
                counts[i] = left
                var lw: Double = Special.lnGamma(Double(n) + 1)
                for j in 0..<k {
                    let c = Double(counts[j])
                    lw += c * logP[j]
                    lw -= Special.lnGamma(c + 1)
                }
                let w = exp(lw)
                total += w * (try e.estimate(counts, alphabetSize: k)); mass += w
                return
            }
            for c in 0...left { counts[i] = c; try visit(i + 1, left - c) }
        }
        try visit(0, n)
        #expect(abs(mass - 1) < 1e-9)
        return total
    }

    @Test("Mean bias matches the exact expectation (enumeration) within 4.5 standard errors")
    func againstEnumeration() throws {
        let p = EstimatorBias.zipf(k: 10)
        let h = try Info.entropy(p)
        #expect(abs(h - 1.9938) < 5e-5) // the H for Zipf K = 10
        let estimators: [EntropyEstimator] = [.plugIn, .millerMadow, .chaoShen, .grassberger]
        let config = EstimatorBias.Config(distribution: p, sampleSizes: [5, 10], replicates: 3000,
                                          nsbReplicates: 0, seed: 2024, estimators: estimators)
        let result = try EstimatorBias.compute(config)
        #expect(result.points.count == 8)
        for pt in result.points {
            let exact = try Self.exactExpectation(pt.estimator, p: p, n: pt.sampleSize) - h
            let z = (pt.summary.mean - exact) / pt.summary.se
            #expect(abs(z) < 4.5, "\(pt.estimator) N=\(pt.sampleSize): MC \(pt.summary.mean) vs exact \(exact), z = \(z)")
            #expect(pt.summary.n == 3000)
            #expect(pt.summary.lower < pt.summary.mean && pt.summary.mean < pt.summary.upper)
        }
    }

    @Test("Same seed, same numbers; a sample size's result does not depend on the others")
    func determinism() throws {
        let a = try EstimatorBias.compute(.init(sampleSizes: [7, 30], replicates: 50, nsbReplicates: 5, seed: 9))
        let b = try EstimatorBias.compute(.init(sampleSizes: [7, 30], replicates: 50, nsbReplicates: 5, seed: 9))
        #expect(a == b)
        let c = try EstimatorBias.compute(.init(sampleSizes: [30], replicates: 50, nsbReplicates: 5, seed: 9))
        #expect(c.points == a.points.filter { $0.sampleSize == 30 })
        let d = try EstimatorBias.compute(.init(sampleSizes: [30], replicates: 50, nsbReplicates: 5, seed: 10))
        #expect(d.points != c.points)
    }

    @Test("NSB points equal NSB recomputed directly on the same seeded counts (memo is exact)")
    func nsbMemo() throws {
        let p = EstimatorBias.zipf(k: 10)
        let h = try Info.entropy(p)
        let config = EstimatorBias.Config(distribution: p, sampleSizes: [6], replicates: 40, nsbReplicates: 40,
                                          seed: 5, estimators: [.nsb])
        let pt = try #require(try EstimatorBias.compute(config).points.first)
        let table = try AliasTable(weights: p)
        var biases: [Double] = []
        for r in 0..<40 {
            var g = SeedStream(seed: 5).child("estimator-bias").child(6, UInt64(r)).generator()
            var counts = [Int](repeating: 0, count: 10)
            for _ in 0..<6 { counts[table.sample(using: &g)] += 1 }
            biases.append(NSB.estimate(counts: counts, alphabetSize: 10).mean - h)
        }
        #expect(abs(pt.summary.mean - biases.reduce(0, +) / 40) < 1e-12)
    }

    @Test("The chart has one banded series per estimator, the plug-in theory line and a zero line")
    func chart() throws {
        let r = try EstimatorBias.compute(.init(sampleSizes: [5, 50], replicates: 20, nsbReplicates: 4, seed: 1))
        let chart = EstimatorBias.chart(r)
        #expect(chart.series.count == EntropyEstimator.allCases.count + 1)
        #expect(chart.series.prefix(5).allSatisfy { $0.lower != nil && $0.upper != nil })
        let theory = try #require(chart.series.last)
        #expect(theory.y == [-9.0 / 10, -9.0 / 100])
        #expect(chart.references.contains { $0.kind == .horizontal(0) && $0.lineStyle == .dashed })
        #expect(chart.xAxis.scale == .log10)
        try chart.validate()
    }

    @Test("Bad settings are typed errors")
    func badSettings() {
        #expect(throws: EstimatorBias.ConfigError.self) { try EstimatorBias.compute(.init(replicates: 1)) }
        #expect(throws: EstimatorBias.ConfigError.self) { try EstimatorBias.compute(.init(replicates: 10, nsbReplicates: 11)) }
        #expect(throws: EstimatorBias.ConfigError.self) { try EstimatorBias.compute(.init(sampleSizes: [0])) }
        #expect(throws: (any Error).self) { try EstimatorBias.compute(.init(distribution: [0.5, 0.6])) }
    }

    @Test("Log-spaced sizes hit the ends and are strictly increasing")
    func sizes() {
        let s = EstimatorBias.logSpacedSizes(from: 5, to: 500, count: 21)
        #expect(s.first == 5 && s.last == 500)
        #expect(zip(s, s.dropFirst()).allSatisfy { $0 < $1 })
        #expect(s.contains(10) && s.contains(50) && s.contains(100))
    }
}
