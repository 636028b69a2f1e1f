import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis

/// Study 3: the entropy change of a softmax policy under one policy-gradient step, against the
/// covariance prediction of Cui et al., "The Entropy Mechanism of Reinforcement Learning for
/// Reasoning Language Models" (arXiv 2505.22617, 2025), and their empirical law R = −a e^H + b.
///
/// For π = softmax(z) and a logit change Δz, dπ_a = π_a(dz_a − E_π dz), so
///   ΔH = −Cov_{a∼π}(log π(a), Δz_a) + O(|Δz|²).
/// Natural PG moves the logits by Δz = η A, vanilla (exact gradient of E_π[r]) by Δz = η π ⊙ A,
/// with the advantage A centred under π (E_π A = 0); hence ΔH ≈ −η Cov(log π, A) and
/// ΔH ≈ −η Cov(log π, π A). Checked on random policies and rewards against the exact
/// ΔH = H(softmax(z + Δz)) − H(softmax(z)): (a) the slope dΔH/dη at η = 0, by a central
/// difference with step h = 10⁻⁵, equals −Cov(log π, Δz/η) for every policy to 10⁻⁶ (the
/// difference's own error is ~h²·|H'''| + ε|H|/h ≈ 10⁻¹⁰, so 10⁻⁶ only allows for rounding;
/// a wrong sign, a missing centring or a missing π factor gives O(1) errors); (b) the error of
/// the prediction at finite η is second order: halving η divides it by 4 (median ratio within
/// 4 ± 0.4 at η = 0.01). These are deterministic properties of the expansion, not Monte Carlo
/// estimates. The printed table shows how the relative error grows with η.
///
/// The law R = −a e^H + b is fitted by closed-form least squares of R on x = e^H,
///   a = −Cov(x, R)/Var(x), b = R̄ + a x̄,
/// to (exact entropy, exact accuracy) pairs from a small self-training loop: a log-linear
/// policy over chains π(r|q) ∝ exp(b_qr + θ·φ_qr), trained by REINFORCE with a binary reward and
/// a per-question baseline. Checked as a direction only (a > 0 by 4 standard errors): the law
/// is empirical.
public enum EntropyMechanismStudy {
    struct PolicyCase: Sendable {
        var hNat: [Double], predNat: [Double], hVan: [Double], predVan: [Double]
        /// |numerical dΔH/dη at 0 − (−Cov)| for natural and vanilla updates.
        var slopeErrorNat: Double, slopeErrorVan: Double
    }

    static let etas = [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.3]

    /// Runs study 3: its tables, figure data, checks and summary.
    public static func run(_ o: ValidationOptions) throws -> StudyResult {
        var r = StudyResult(number: 3, title: "Entropy change of a softmax policy under policy gradient")
        let root = SeedStream(seed: o.seed).child("study3")
        let policies = o.quick ? 400 : 3000
        let cases = Parallel.map(count: policies, threads: o.threads) { i -> PolicyCase in
            var g = root.child("policy").child(UInt64(i)).generator()
            return randomCase(&g, k: [4, 16, 64][i % 3])
        }
        var table = TidyTable(columns: ["policy", "K", "eta", "update", "predicted_dH", "exact_dH"])
        for (i, c) in cases.enumerated() {
            for (j, eta) in etas.enumerated() {
                table.append([String(i), String([4, 16, 64][i % 3]), TidyTable.format(eta), "natural", TidyTable.format(c.predNat[j]), TidyTable.format(c.hNat[j])])
                table.append([String(i), String([4, 16, 64][i % 3]), TidyTable.format(eta), "vanilla", TidyTable.format(c.predVan[j]), TidyTable.format(c.hVan[j])])
            }
        }
        r.tables.append(("study3_entropy_change.csv", table))

        r.summary.append("eta     update    median rel. error   95% rel. error   corr(pred, exact)")
        for (name, exact, pred) in [("natural", \PolicyCase.hNat, \PolicyCase.predNat), ("vanilla", \PolicyCase.hVan, \PolicyCase.predVan)] {
            let i1 = etas.firstIndex(of: 0.001)!, i5 = etas.firstIndex(of: 0.005)!, i10 = etas.firstIndex(of: 0.01)!
            for (j, eta) in etas.enumerated() {
                let rel = cases.map { abs($0[keyPath: exact][j] - $0[keyPath: pred][j]) / max(abs($0[keyPath: pred][j]), 1e-300) }.sorted()
                let corr = try Correlation.pearson(cases.map { $0[keyPath: pred][j] }, cases.map { $0[keyPath: exact][j] })
                r.summary.append("\(fmt(eta, 2).padding(toLength: 8, withPad: " ", startingAt: 0))\(name.padding(toLength: 10, withPad: " ", startingAt: 0))\(fmt(Describe.quantile(sorted: rel, 0.5), 3).padding(toLength: 20, withPad: " ", startingAt: 0))\(fmt(Describe.quantile(sorted: rel, 0.95), 3).padding(toLength: 17, withPad: " ", startingAt: 0))\(fmt(corr, 6))")
                _ = i1
            }
            let slopeErr = cases.map { name == "natural" ? $0.slopeErrorNat : $0.slopeErrorVan }.max()!
            r.checks.append(.analytic(3, "\(name) PG: dH/dη at η = 0 equals −Cov(log π, \(name == "natural" ? "A" : "π·A")) (max over \(policies) policies)",
                                      measured: slopeErr, expected: 0, tolerance: 1e-6,
                                      detail: "central difference, h = 1e-5; its own error ≈ 1e-10"))
            // Second order: err(0.01)/err(0.005).
            let ratios = cases.compactMap { c -> Double? in
                let e10 = abs(c[keyPath: exact][i10] - c[keyPath: pred][i10]), e5 = abs(c[keyPath: exact][i5] - c[keyPath: pred][i5])
                return e5 > 1e-14 ? e10 / e5 : nil
            }.sorted()
            r.checks.append(.analytic(3, "\(name) PG: error of the covariance prediction is O(η²) (err(0.01)/err(0.005))",
                                      measured: Describe.quantile(sorted: ratios, 0.5), expected: 4, tolerance: 0.4,
                                      detail: "median over \(ratios.count) policies; second-order remainder ⇒ ratio 4(1 + O(η))"))
        }
        // Each point is one policy's exact ΔH, no Monte Carlo: one replicate.
        var curves = StudyCurves("study3_entropy_change", study: 3, options: o)
        for eta in [0.01, 0.3] {
            let j = etas.firstIndex(of: eta)!
            curves.add(panel: "η = \(eta)", series: "natural PG: −η Cov(log π, A)", kind: .points,
                       x: cases.map { $0.predNat[j] }, y: cases.map { $0.hNat[j] }, replicates: 1)
            curves.add(panel: "η = \(eta)", series: "vanilla PG: −η Cov(log π, π·A)", kind: .points,
                       x: cases.map { $0.predVan[j] }, y: cases.map { $0.hVan[j] }, replicates: 1)
        }
        r.curves.append(curves)
        try selfTraining(o, root: root.child("selftrain"), into: &r)
        return r
    }

    /// A random softmax policy and reward, and the predicted and exact ΔH for every η.
    static func randomCase(_ g: inout Xoshiro256, k: Int) -> PolicyCase {
        let scale = 0.5 + 2.5 * g.nextUnit()
        let z = (0..<k).map { _ in scale * gaussian(&g) }
        let reward = (0..<k).map { _ in gaussian(&g) }
        let pi = Info.softmax(z)
        let logPi = Info.logSoftmax(z)
        let h0 = Info.entropyUnchecked(pi)
        let mean = zip(pi, reward).reduce(0) { $0 + $1.0 * $1.1 }
        let a = reward.map { $0 - mean }                       // centred under π
        let piA = zip(pi, a).map { $0 * $1 }
        let covNat = covariance(pi, logPi, a), covVan = covariance(pi, logPi, piA)
        func h(_ d: [Double], _ t: Double) -> Double { Info.entropyUnchecked(Info.softmax(zip(z, d).map { $0 + t * $1 })) }
        let step = 1e-5
        let slopeNat = (h(a, step) - h(a, -step)) / (2 * step), slopeVan = (h(piA, step) - h(piA, -step)) / (2 * step)
        var c = PolicyCase(hNat: [], predNat: [], hVan: [], predVan: [],
                           slopeErrorNat: abs(slopeNat + covNat), slopeErrorVan: abs(slopeVan + covVan))
        for eta in etas {
            c.predNat.append(-eta * covNat); c.predVan.append(-eta * covVan)
            c.hNat.append(Info.entropyUnchecked(Info.softmax(zip(z, a).map { $0 + eta * $1 })) - h0)
            c.hVan.append(Info.entropyUnchecked(Info.softmax(zip(z, piA).map { $0 + eta * $1 })) - h0)
        }
        return c
    }

    /// Cov_{a∼π}(x_a, y_a).
    static func covariance(_ pi: [Double], _ x: [Double], _ y: [Double]) -> Double {
        var ex = 0.0, ey = 0.0, exy = 0.0
        for i in pi.indices { ex += pi[i] * x[i]; ey += pi[i] * y[i]; exy += pi[i] * x[i] * y[i] }
        return exy - ex * ey
    }

    /// A standard normal by Box–Muller from the stream (no GSL call in the hot loop).
    static func gaussian(_ g: inout Xoshiro256) -> Double {
        (-2 * log(g.nextOpenUnit())).squareRoot() * cos(2 * Double.pi * g.nextUnit())
    }

    /// The self-training loop: (entropy, accuracy) after each update, exact over the questions.
    static func selfTrainingRun(_ g: inout Xoshiro256, questions: Int, iterations: Int) -> (h: [Double], acc: [Double]) {
        let k = 8, d = 6, samples = 8, lr = 0.5
        var u = (0..<d).map { _ in gaussian(&g) }
        let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot(); u = u.map { $0 / norm }
        var base: [[Double]] = [], phi: [[[Double]]] = [], correct: [[Bool]] = []
        for _ in 0..<questions {
            var c = (0..<k).map { _ in g.nextUnit() < 0.25 }
            if !c.contains(true) { c[g.nextInt(below: k)] = true }
            correct.append(c)
            base.append((0..<k).map { _ in 1.5 * gaussian(&g) })
            phi.append((0..<k).map { r in (0..<d).map { j in gaussian(&g) + (c[r] ? 0.8 * u[j] : 0) } })
        }
        var theta = [Double](repeating: 0, count: d)
        var hs: [Double] = [], accs: [Double] = []
        func measure() {
            var h = 0.0, a = 0.0
            for q in 0..<questions {
                let pi = Info.softmax((0..<k).map { base[q][$0] + zip(theta, phi[q][$0]).reduce(0) { $0 + $1.0 * $1.1 } })
                h += Info.entropyUnchecked(pi)
                for r in 0..<k where correct[q][r] { a += pi[r] }
            }
            hs.append(h / Double(questions)); accs.append(a / Double(questions))
        }
        measure()
        for _ in 0..<iterations {
            var grad = [Double](repeating: 0, count: d)
            for q in 0..<questions {
                let pi = Info.softmax((0..<k).map { base[q][$0] + zip(theta, phi[q][$0]).reduce(0) { $0 + $1.0 * $1.1 } })
                let meanPhi = (0..<d).map { j in (0..<k).reduce(0.0) { $0 + pi[$1] * phi[q][$1][j] } }
                let draws = (0..<samples).map { _ -> Int in
                    let u = g.nextUnit(); var acc = 0.0
                    for r in 0..<k { acc += pi[r]; if u < acc { return r } }
                    return k - 1
                }
                let rewards = draws.map { correct[q][$0] ? 1.0 : 0.0 }
                let baseline = rewards.reduce(0, +) / Double(samples)
                for (r, rew) in zip(draws, rewards) where rew != baseline {
                    for j in 0..<d { grad[j] += (rew - baseline) * (phi[q][r][j] - meanPhi[j]) }
                }
            }
            for j in 0..<d { theta[j] += lr * grad[j] / Double(questions * samples) }
            measure()
        }
        return (hs, accs)
    }

    static func selfTraining(_ o: ValidationOptions, root: SeedStream, into r: inout StudyResult) throws {
        let runs = o.quick ? 3 : 6, iterations = o.quick ? 40 : 80, questions = 60
        let results = Parallel.map(count: runs, threads: o.threads) { i -> (h: [Double], acc: [Double]) in
            var g = root.child(UInt64(i)).generator()
            return selfTrainingRun(&g, questions: questions, iterations: iterations)
        }
        var table = TidyTable(columns: ["run", "iteration", "entropy", "accuracy"])
        var fits = TidyTable(columns: ["run", "a", "a_se", "b", "r2_exp_fit", "r2_linear_in_H"])
        var curves = StudyCurves("study3_reward_vs_entropy", study: 3, options: o)
        let panel = "REINFORCE self-training, \(questions) questions (dashed: R = −a e^H + b)"
        for (i, res) in results.enumerated() {
            for t in res.h.indices { table.append([String(i), String(t), TidyTable.format(res.h[t]), TidyTable.format(res.acc[t])]) }
            let x = res.h.map { exp($0) }
            let fit = try LinearFit.fit(x: x, y: res.acc)
            let lin = try LinearFit.fit(x: res.h, y: res.acc)
            let a = -fit.slope, b = fit.intercept
            fits.append([String(i), TidyTable.format(a), TidyTable.format(fit.slopeSE), TidyTable.format(b), TidyTable.format(fit.rSquared), TidyTable.format(lin.rSquared)])
            r.summary.append("self-training run \(i): R = −\(fmt(a)) e^H + \(fmt(b)), R² = \(fmt(fit.rSquared, 5)) (linear in H: R² = \(fmt(lin.rSquared, 5))); H \(fmt(res.h.first!, 3)) → \(fmt(res.h.last!, 3)), R \(fmt(res.acc.first!, 3)) → \(fmt(res.acc.last!, 3))")
            r.checks.append(.direction(3, "self-training run \(i): fitted a > 0 in R = −a e^H + b (R² = \(fmt(fit.rSquared, 4)))", measured: a, reference: 0,
                                       margin: 4 * fit.slopeSE, detail: "a exceeds 4 × its least-squares SE"))
            // Model choice: both fits have 2 parameters, so ΔAIC = n·ln(RSS_linear / RSS_exp).
            let dAIC = try aicGap(x: res.h, y: res.acc)
            r.checks.append(.direction(3, "self-training run \(i): R = −a e^H + b beats a linear trade-off R = cH + d (ΔAIC)", measured: dAIC, reference: 0,
                                       margin: 2, detail: "AIC(linear) − AIC(exponential) must exceed 2"))
            // Exact accuracies (one replicate a point) and the least-squares fit of the same run.
            curves.add(panel: panel, series: "run \(i)", kind: .points, x: res.h, y: res.acc, replicates: 1)
            let hs = res.h.sorted()
            curves.add(panel: panel, series: "run \(i)", kind: .theory, x: hs, y: hs.map { b - a * exp($0) }, replicates: 1)
        }
        // Control: data from a linear trade-off must not be read as the exponential law.
        var g = root.child("linear-control").generator()
        var worst = -Double.infinity
        for _ in 0..<20 {
            let h = (0..<40).map { 1.6 - 1.4 * Double($0) / 39 }
            let y = h.map { 0.9 - 0.3 * $0 + 0.002 * gaussian(&g) }
            worst = max(worst, try aicGap(x: h, y: y))
        }
        r.checks.append(.direction(3, "control: a linear trade-off is not taken for R = −a e^H + b (ΔAIC < −2 on all 20 synthetic series)",
                                   measured: -worst, reference: 0, margin: 2, detail: "largest AIC(linear) − AIC(exponential) = \(fmt(worst))"))
        r.tables.append(("study3_selftraining.csv", table))
        r.tables.append(("study3_selftraining_fits.csv", fits))
        r.curves.append(curves)
    }

    /// AIC(linear in H) − AIC(linear in e^H) for least-squares fits of y on x (both 2
    /// parameters, Gaussian errors): n·ln(RSS_linear/RSS_exp). Positive favours the exponential law.
    static func aicGap(x: [Double], y: [Double]) throws -> Double {
        Double(y.count) * log(try LinearFit.fit(x: x, y: y).residualSumOfSquares
                              / LinearFit.fit(x: x.map { exp($0) }, y: y).residualSumOfSquares)
    }
}
