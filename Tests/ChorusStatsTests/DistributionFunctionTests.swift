import Testing
import Foundation
import ChorusStats

/// The GSL CDFs and pmfs used as truths by the sampler tests, against closed forms.
@Suite("CDFs and pmfs")
struct DistributionFunctionTests {
    @Test func closedForms() throws {
        for x in [0.1, 1, 2.5, 7] {
            #expect(abs(CDF.chiSquare(x, dof: 2) - (1 - exp(-x / 2))) < 1e-14)          // χ²₂ is Exp(½)
            #expect(abs(CDF.chiSquareUpper(x, dof: 2) - exp(-x / 2)) < 1e-14)
            #expect(abs(try CDF.gamma(x, shape: 1, scale: 3) - (1 - exp(-x / 3))) < 1e-14)
            #expect(abs(try CDF.gamma(x, shape: 2, scale: 1) - (1 - exp(-x) * (1 + x))) < 1e-14)
        }
        for x in [0.0, 0.2, 0.5, 0.9, 1] {
            #expect(abs(try CDF.beta(x, 1, 1) - x) < 1e-15)
            #expect(abs(try CDF.beta(x, 2, 1) - x * x) < 1e-15)
        }
        #expect(abs(CDF.normal(1.959963984540054) - 0.975) < 1e-15)
        #expect(abs(CDF.normalQuantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(try CDF.normal(5, mean: 3, sd: 2) - CDF.normal(1)) < 1e-15)
        // Binomial(5, 0.3): pmf(2) = 10 · 0.3² · 0.7³ = 0.3087; CDF(1) = 0.7⁵ + 5·0.3·0.7⁴.
        #expect(abs(try PMF.binomial(2, p: 0.3, n: 5) - 0.3087) < 1e-15)
        #expect(abs(try CDF.binomial(1, p: 0.3, n: 5) - (pow(0.7, 5) + 5 * 0.3 * pow(0.7, 4))) < 1e-14)
        #expect(try CDF.binomial(-1, p: 0.3, n: 5) == 0 && CDF.binomial(5, p: 0.3, n: 5) == 1)
        #expect(try PMF.binomial(6, p: 0.3, n: 5) == 0)
        // Multinomial(3; ½, ¼, ¼) at (1, 1, 1): 3! · ½ · ¼ · ¼ = 0.1875.
        #expect(abs(try PMF.multinomial([1, 1, 1], p: [2, 1, 1]) - 0.1875) < 1e-15)
    }

    @Test func specialFunctionValues() throws {
        let euler = 0.57721566490153286
        #expect(abs(Special.digamma(1) + euler) < 1e-15)
        #expect(abs(Special.trigamma(1) - Double.pi * Double.pi / 6) < 1e-14)
        #expect(abs(Special.lnGamma(5) - log(24.0)) < 1e-14)
        #expect(abs(try Special.lnFactorial(10) - log(3628800.0)) < 1e-13)
        #expect(abs(try Special.lnChoose(10, 3) - log(120.0)) < 1e-13)
        #expect(abs(try Special.lnBeta(2, 3) - log(1.0 / 12)) < 1e-14)
    }

    @Test func parameterErrorsAreTyped() {
        #expect(thrownKind { try CDF.gamma(1, shape: 0) } == "invalidParameter")
        #expect(thrownKind { try CDF.beta(0.5, 1, -1) } == "invalidParameter")
        #expect(thrownKind { try CDF.normal(0, mean: 0, sd: 0) } == "invalidParameter")
        #expect(thrownKind { try CDF.binomial(1, p: 1.5, n: 3) } == "invalidParameter")
        #expect(thrownKind { try PMF.binomial(1, p: 0.5, n: -3) } == "invalidParameter")
        #expect(thrownKind { try PMF.multinomial([1, 1], p: [1]) } == "sizeMismatch")
        #expect(thrownKind { try PMF.multinomial([1, -1], p: [1, 1]) } == "invalidParameter")
        #expect(thrownKind { try Special.lnFactorial(-1) } == "invalidParameter")
        #expect(thrownKind { try Special.lnChoose(3, 4) } == "invalidParameter")
    }
}
