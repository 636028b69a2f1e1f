import Foundation
import Testing
@testable import ChorusStats

/// pass@k and coverage estimators from samples, against hand values and exact expectations
/// by enumeration (the simulator's exact pass@k and coverage are what they estimate).
@Suite struct PassAtKTests {
    /// C(n, k) as a Double (small n).
    static func choose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var r = 1.0
        for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
        return r
    }

    @Test("hand values: 1 − C(n−c, k)/C(n, k)")
    func handValues() {
        // n = 5, c = 2, k = 2: 1 − C(3,2)/C(5,2) = 1 − 3/10.
        #expect(abs(PassAtK.estimate(samples: 5, correct: 2, k: 2)! - 0.7) < 1e-15)
        // k = 1 is the share right.
        #expect(abs(PassAtK.estimate(samples: 8, correct: 3, k: 1)! - 3.0 / 8) < 1e-15)
        // n − c < k: some right sample is always among k.
        #expect(PassAtK.estimate(samples: 4, correct: 3, k: 2) == 1)
        #expect(PassAtK.estimate(samples: 4, correct: 0, k: 4) == 0)
        #expect(PassAtK.estimate(samples: 3, correct: 1, k: 4) == nil)
        #expect(PassAtK.estimate(samples: 3, correct: 1, k: 0) == nil)
        for n in 1...12 { for c in 0...n { for k in 1...n {
            let direct = 1 - Self.choose(n - c, k) / Self.choose(n, k)
            #expect(abs(PassAtK.estimate(samples: n, correct: c, k: k)! - direct) < 1e-12, "n \(n) c \(c) k \(k)")
        } } }
    }

    @Test("unbiased: E over c ~ Binomial(n, p) is 1 − (1 − p)^k exactly (enumeration)")
    func unbiased() {
        for (n, p) in [(4, 0.3), (10, 0.05), (16, 0.62), (64, 0.2)] {
            for k in [1, 2, 4, 8, 16, 32, 64] where k <= n {
                var mean = 0.0
                for c in 0...n {
                    let w = Self.choose(n, c) * pow(p, Double(c)) * pow(1 - p, Double(n - c))
                    mean += w * PassAtK.estimate(samples: n, correct: c, k: k)!
                }
                #expect(abs(mean - (1 - pow(1 - p, Double(k)))) < 1e-12, "n \(n) p \(p) k \(k)")
            }
        }
    }

    @Test("coverage: hand value, and unbiased over independent models (enumeration)")
    func coverage() {
        #expect(abs(PassAtK.coverage([(4, 1), (2, 1)])! - (1 - 0.75 * 0.5)) < 1e-15)
        #expect(PassAtK.coverage([(0, 0)]) == nil)
        let (n1, p1, n2, p2) = (3, 0.4, 5, 0.15)
        var mean = 0.0
        for c1 in 0...n1 { for c2 in 0...n2 {
            let w = Self.choose(n1, c1) * pow(p1, Double(c1)) * pow(1 - p1, Double(n1 - c1))
                * Self.choose(n2, c2) * pow(p2, Double(c2)) * pow(1 - p2, Double(n2 - c2))
            mean += w * PassAtK.coverage([(n1, c1), (n2, c2)])!
        } }
        #expect(abs(mean - (1 - (1 - p1) * (1 - p2))) < 1e-12)
    }
}
