import Testing
import Foundation
import ChorusStats

/// Information quantities against hand-computed values and identities (Cover & Thomas ch. 2).
@Suite("Information theory: values and identities")
struct InformationValueTests {
    static let ln2 = log(2.0)

    @Test func entropyHandValues() throws {
        #expect(abs(try Info.entropy([0.5, 0.25, 0.25], base: .bits) - 1.5) < 1e-15)
        #expect(abs(try Info.entropy([0.5, 0.25, 0.25]) - 1.5 * Self.ln2) < 1e-15)
        #expect(abs(try Info.entropy([0.25, 0.25, 0.25, 0.25], base: .bits) - 2) < 1e-15)
        #expect(try Info.entropy([1, 0, 0]) == 0)                     // 0 log 0 = 0
        // H(0.1, 0.9) = −0.1 ln 0.1 − 0.9 ln 0.9 = 0.325082973391448 nats
        #expect(abs(try Info.entropy([0.1, 0.9]) - 0.325082973391448) < 1e-14)
    }

    @Test func crossEntropyAndKLHandValues() throws {
        // KL((½,½) ‖ (¼,¾)) = ½ ln 2 + ½ ln(2/3) = ½ ln(4/3)
        #expect(abs(try Info.kl([0.5, 0.5], [0.25, 0.75]) - 0.5 * log(4.0 / 3)) < 1e-15)
        // H(p, q) = H(p) + KL(p‖q)
        let p = [0.2, 0.5, 0.3], q = [0.4, 0.4, 0.2]
        #expect(abs(try Info.crossEntropy(p, q) - (try Info.entropy(p) + Info.kl(p, q))) < 1e-14)
        #expect(abs(try Info.kl(p, q, base: .bits) - (try Info.kl(p, q)) / Self.ln2) < 1e-15)
        #expect(try Info.kl([0.5, 0.5], [1, 0]) == .infinity)
        #expect(try Info.crossEntropy([0.5, 0.5], [1, 0]) == .infinity)
        #expect(try Info.kl([1, 0], [0.5, 0.5]) == Self.ln2)
    }

    /// KL ≥ 0 with equality iff p = q, over 500 random pairs of distributions.
    @Test func klNonNegativeAndZeroOnlyAtEquality() throws {
        var g = testGenerator("kl-random")
        for _ in 0..<500 {
            let k = 2 + g.nextInt(below: 8)
            let p = try Sample.dirichlet([Double](repeating: 0.5, count: k), using: &g)
            let q = try Sample.dirichlet([Double](repeating: 0.5, count: k), using: &g)
            #expect(try Info.kl(p, q) > 0)
            #expect(try Info.kl(p, p) == 0)
        }
    }

    /// KL with tiny probabilities: the ratio p/q would overflow (1/5e-324), the log difference does not.
    @Test func klWithSubnormalQIsFinite() throws {
        let tiny = Double.leastNonzeroMagnitude  // 4.9e-324, subnormal
        let q = [tiny, 1 - tiny]
        let d = try Info.kl([0.5, 0.5], q)
        #expect(d.isFinite)
        #expect(abs(d - (0.5 * (log(0.5) - log(tiny)) + 0.5 * log(0.5))) < 1e-12)
    }

    @Test func jensenShannonHandValues() throws {
        // Two disjoint point masses: JS = ln 2 (one bit); identical ones: 0.
        #expect(abs(try Info.jensenShannon([[1, 0], [0, 1]]) - Self.ln2) < 1e-15)
        #expect(abs(try Info.jensenShannon([[1, 0], [0, 1]], base: .bits) - 1) < 1e-15)
        #expect(try Info.jensenShannon([[0.3, 0.7], [0.3, 0.7], [0.3, 0.7]]) == 0)
        // Three disjoint point masses with weights w: JS = H(w).
        let w = [0.5, 0.3, 0.2]
        #expect(abs(try Info.jensenShannon([[1, 0, 0], [0, 1, 0], [0, 0, 1]], weights: w) - (try Info.entropy(w))) < 1e-15)
        // JS((1,0),(½,½)) = H(¾,¼) − ½ ln 2
        let expected = -(0.75 * log(0.75) + 0.25 * log(0.25)) - 0.5 * Self.ln2
        #expect(abs(try Info.jensenShannon([[1, 0], [0.5, 0.5]]) - expected) < 1e-15)
    }

    /// JS = H(mixture) − Σ w_j H(p_j) = I(J; X), computed three ways on random societies.
    @Test func jensenShannonIdentities() throws {
        var g = testGenerator("js-random")
        for _ in 0..<200 {
            let m = 2 + g.nextInt(below: 4), k = 2 + g.nextInt(below: 6)
            let ps = try (0..<m).map { _ in try Sample.dirichlet([Double](repeating: 0.7, count: k), using: &g) }
            let w = try Sample.dirichlet([Double](repeating: 2, count: m), using: &g)
            let js = try Info.jensenShannon(ps, weights: w)
            var mixture = [Double](repeating: 0, count: k)
            for j in 0..<m { for i in 0..<k { mixture[i] += w[j] * ps[j][i] } }
            let meanH = try (0..<m).reduce(0.0) { $0 + w[$1] * (try Info.entropy(ps[$1])) }
            #expect(abs(js - (try Info.entropy(mixture, tolerance: 1e-12) - meanH)) < 1e-12)
            // As a mutual information of the joint table P(j, x) = w_j p_j(x).
            let joint = (0..<m).map { j in ps[j].map { w[j] * $0 } }
            #expect(abs(js - (try Info.mutualInformation(joint: joint))) < 1e-12)
            // As the weighted mean KL of each distribution from the mixture.
            let meanKL = try (0..<m).reduce(0.0) { $0 + w[$1] * (try Info.kl(ps[$1], mixture)) }
            #expect(abs(js - meanKL) < 1e-12)
            let hw = try Info.entropy(w)
            #expect(js >= 0 && js <= hw + 1e-12)
        }
    }

    @Test func mutualInformationValues() throws {
        // Independent table: P(x, y) = P(x) P(y) → I = 0.
        let px = [0.2, 0.3, 0.5], py = [0.6, 0.4]
        let independent = px.map { a in py.map { a * $0 } }
        #expect(abs(try Info.mutualInformation(joint: independent)) < 1e-15)
        // Perfectly dependent 2×2: I = ln 2.
        #expect(abs(try Info.mutualInformation(joint: [[0.5, 0], [0, 0.5]]) - Self.ln2) < 1e-15)
        // Binary symmetric channel, uniform input, flip 0.1: I = ln 2 − H(0.1, 0.9).
        let bsc = [[0.45, 0.05], [0.05, 0.45]]
        #expect(abs(try Info.mutualInformation(joint: bsc) - (Self.ln2 - 0.325082973391448)) < 1e-14)
        // Counts: the same table scaled.
        #expect(abs(try Info.mutualInformation(counts: [[45, 5], [5, 45]]) - (Self.ln2 - 0.325082973391448)) < 1e-14)
        #expect(abs(try Info.mutualInformation(counts: [[2, 3], [4, 6]])) < 1e-15)  // rank one: independent
    }

    @Test func disagreementValues() throws {
        #expect(abs(try Info.disagreement([0.5, 0.5], [0.5, 0.5]) - 0.5) < 1e-15)
        #expect(try Info.disagreement([1, 0], [0, 1]) == 1)
        #expect(abs(try Info.disagreement([0.2, 0.8], [0.6, 0.4]) - (1 - 0.12 - 0.32)) < 1e-15)
    }
}

/// Entropy and KL from logits agree with the same quantities from probabilities, and stay exact
/// where probabilities underflow.
@Suite("Information theory: logits")
struct InformationLogitTests {
    @Test func entropyFromLogitsEqualsEntropyFromProbabilities() throws {
        var g = testGenerator("logits")
        for _ in 0..<300 {
            let k = 2 + g.nextInt(below: 20)
            let z = try (0..<k).map { _ in try Sample.normal(sd: 3, using: &g) }
            let tau = 0.2 + 2 * g.nextUnit()
            let p = Info.softmax(z, temperature: tau)
            #expect(abs(try Info.entropy(logits: z, temperature: tau) - (try Info.entropy(p))) < 1e-12)
            let z2 = try (0..<k).map { _ in try Sample.normal(sd: 3, using: &g) }
            let q = Info.softmax(z2, temperature: tau)
            #expect(abs(try Info.kl(logitsP: z, logitsQ: z2, temperature: tau) - (try Info.kl(p, q))) < 1e-11)
            #expect(abs(try Info.crossEntropy(logitsP: z, logitsQ: z2, temperature: tau) - (try Info.crossEntropy(p, q))) < 1e-11)
        }
    }

    @Test func logitsAreShiftInvariantAndStable() throws {
        let z = [1.0, 2.0, 3.0]
        let h = try Info.entropy(logits: z)
        #expect(abs(try Info.entropy(logits: z.map { $0 + 1e4 }) - h) < 1e-12)
        // exp(1000) overflows; the log-sum-exp path does not.
        #expect(abs(Info.logSumExp([1000, 1000]) - (1000 + log(2.0))) < 1e-12)
        // [0, −800]: the second probability e^{−800} underflows to 0 in double precision, but its
        // entropy term is 800 e^{−800} (also underflowing): H = 0 to double precision, finite.
        #expect(try Info.entropy(logits: [0, -800]) < 1e-300)
        // KL between logits whose probabilities underflow: π_p = (1−ε, ε), π_q = (½, ½) with
        // ε = e^{−50}/(1+e^{−50}): KL ≈ ln 2 − H(π_p).
        let kl = try Info.kl(logitsP: [0, -50], logitsQ: [0, 0])
        let eps = exp(-50.0) / (1 + exp(-50.0))
        let hp = -(1 - eps) * log1p(-eps) - eps * log(eps)
        #expect(abs(kl - (log(2.0) - hp)) < 1e-14)
        // −∞ logits are allowed (probability 0) and contribute nothing.
        #expect(abs(try Info.entropy(logits: [0, 0, -.infinity]) - log(2.0)) < 1e-15)
        #expect(try Info.kl(logitsP: [0, 0], logitsQ: [0, -.infinity]) == .infinity)
        #expect(try Info.crossEntropy(logitsP: [0, 0], logitsQ: [0, -.infinity]) == .infinity)
        // π_p(1) = e^{−800} underflows to 0 but is positive: still infinite, never 0·∞ = NaN.
        #expect(try Info.kl(logitsP: [0, -800], logitsQ: [0, -.infinity]) == .infinity)
        #expect(try Info.crossEntropy(logitsP: [0, -800], logitsQ: [0, -.infinity]) == .infinity)
    }

    @Test func softmaxSumsToOne() {
        let p = Info.softmax([3, -1, 700, 699.5], temperature: 0.7)
        #expect(abs(p.reduce(0, +) - 1) < 1e-15)
        #expect(zip(Info.logSoftmax([3, -1, 2]), Info.softmax([3, -1, 2]).map { log($0) }).allSatisfy { abs($0 - $1) < 1e-15 })
    }
}
