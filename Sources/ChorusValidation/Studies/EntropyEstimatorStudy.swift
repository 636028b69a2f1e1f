import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis

/// Study 1: bias and RMSE of the entropy estimators against the sample size N, for uniform,
/// Zipf (p_i ∝ 1/i) and Dirichlet(1)-random distributions on K = 4, 16, 64 outcomes.
///
/// Truths checked:
/// 1. The exact expectation of the plug-in estimator for a given p and N,
///      E[Ĥ] = −Σ_i Σ_{k=1}^{N} Binom(k; N, p_i) (k/N) ln(k/N),
///    and of Miller–Madow, E[Ĥ_MM] = E[Ĥ] + (E[K̂] − 1)/(2N) with E[K̂] = Σ_i (1 − (1 − p_i)^N):
///    the Monte Carlo mean must match within 4 standard errors in every cell (a check of the
///    sampler and the estimators together).
/// 2. The first-order bias E[Ĥ] − H = −(K − 1)/(2N) (Miller 1955), in the cells where the
///    expansion applies (N ≥ 10K and N·min p_i ≥ 10; uniform and Zipf): tolerance 4 standard
///    errors plus the size of the next term, (1 − Σ 1/p_i)/(12N²) (Harris 1975).
/// Chao–Shen, Grassberger and NSB are measured and drawn, without an analytic reference.
public enum EntropyEstimatorStudy {
    /// The families of true distributions the estimators are measured on.
    public enum Family: String, CaseIterable, Sendable {
        /// Uniform over K outcomes.
        case uniform
        /// Zipf over K outcomes, p_i ∝ 1/i.
        case zipf
        /// A fresh Dirichlet(1, …, 1) draw over K outcomes per replicate.
        case dirichlet
    }

    struct Cell: Sendable { var family: Family; var k: Int; var n: Int }
    struct CellResult: Sendable {
        var cell: Cell
        var trueH: Double                      // mean over replicates of H(p)
        var bias: [EntropyEstimator: (mean: Double, se: Double)]
        var replicates: [EntropyEstimator: Int]
        var rmse: [EntropyEstimator: Double]
        var plugInVsExact: (mean: Double, se: Double)   // mean of Ĥ + control variate − E[Ĥ | p]
        var mmVsExact: (mean: Double, se: Double)
        var exactPlugInBias: Double            // mean over replicates of E[Ĥ | p] − H(p)
        var secondOrder: Double                // (1 − Σ 1/p_i)/(12N²), uniform/zipf
        var minP: Double
    }

    /// Runs study 1: its tables, figure data, checks and summary.
    public static func run(_ o: ValidationOptions) throws -> StudyResult {
        let ks = [4, 16, 64]
        let ns = o.quick ? [10, 50, 200, 1000] : [10, 20, 50, 100, 200, 500, 1000]
        let reps = o.quick ? 150 : 400
        // NSB costs milliseconds a call (numerical integration): it is run on the first
        // `nsbReps` replicates of each cell only (its columns say how many).
        let nsbReps = o.quick ? 20 : 80
        var cells: [Cell] = []
        for f in Family.allCases { for k in ks { for n in ns { cells.append(Cell(family: f, k: k, n: n)) } } }
        let allCells = cells
        let root = SeedStream(seed: o.seed).child("study1")
        let lnFact = lnFactorials(upTo: ns.max()!)
        let results = Parallel.map(count: cells.count, threads: o.threads) { i -> CellResult in
            let c = allCells[i]
            return simulate(c, reps: reps, nsbReps: nsbReps, stream: root.child(c.family.rawValue).child(UInt64(c.k), UInt64(c.n)), lnFact: lnFact)
        }

        var r = StudyResult(number: 1, title: "Entropy estimators: bias and RMSE against N")
        var table = TidyTable(columns: ["distribution", "K", "N", "estimator", "replicates", "true_entropy", "bias", "bias_se", "rmse", "first_order_bias", "exact_plugin_bias"])
        for c in results {
            for e in EntropyEstimator.allCases {
                table.append([c.cell.family.rawValue, String(c.cell.k), String(c.cell.n), e.rawValue, String(c.replicates[e]!),
                              TidyTable.format(c.trueH), TidyTable.format(c.bias[e]!.mean), TidyTable.format(c.bias[e]!.se),
                              TidyTable.format(c.rmse[e]!), TidyTable.format(-Double(c.cell.k - 1) / (2 * Double(c.cell.n))),
                              TidyTable.format(c.exactPlugInBias)])
            }
        }
        r.tables.append(("study1_entropy_estimators.csv", table))

        // Check 1: Monte Carlo vs exact expectation, every cell (plug-in and Miller–Madow).
        var worstPlug = (z: 0.0, name: ""), worstMM = (z: 0.0, name: "")
        var failedExact: [Check] = []
        for c in results {
            let label = "\(c.cell.family.rawValue) K=\(c.cell.k) N=\(c.cell.n)"
            for (which, v) in [("plug-in", c.plugInVsExact), ("Miller–Madow", c.mmVsExact)] {
                let z = v.se > 0 ? abs(v.mean) / v.se : (v.mean == 0 ? 0 : .infinity)
                if which == "plug-in", z > worstPlug.z { worstPlug = (z, label) }
                if which != "plug-in", z > worstMM.z { worstMM = (z, label) }
                let ch = Check.analytic(1, "\(which) mean = exact E[Ĥ], \(label)", measured: v.mean, expected: 0,
                                        tolerance: 4 * v.se, detail: "Monte Carlo mean of Ĥ − E[Ĥ|p] (with a mean-zero control variate) over \(reps) samples, 4 SE")
                if !ch.passed { failedExact.append(ch) }
            }
        }
        // One summary line per estimator (all cells), plus every failing cell individually.
        r.checks.append(Check.analytic(1, "plug-in MC mean = exact E[Ĥ] in all \(results.count) cells (max |z| \(fmt(worstPlug.z, 3)) at \(worstPlug.name))",
                                       measured: worstPlug.z, expected: 0, tolerance: 4, detail: "largest |mean|/SE over cells; 4 SE"))
        r.checks.append(Check.analytic(1, "Miller–Madow MC mean = exact E[Ĥ_MM] in all \(results.count) cells (max |z| \(fmt(worstMM.z, 3)) at \(worstMM.name))",
                                       measured: worstMM.z, expected: 0, tolerance: 4, detail: "largest |mean|/SE over cells; 4 SE"))
        r.checks += failedExact

        // Check 2: first-order bias where the expansion applies: the exact expected bias (from
        // the binomial sums, verified by check 1) against −(K−1)/(2N), allowing twice the size of
        // the second-order term for the truncation.
        for c in results where c.cell.family != .dirichlet && c.cell.n >= 10 * c.cell.k && Double(c.cell.n) * c.minP >= 10 {
            let b1 = -Double(c.cell.k - 1) / (2 * Double(c.cell.n))
            r.checks.append(.analytic(1, "plug-in bias ≈ −(K−1)/(2N), \(c.cell.family.rawValue) K=\(c.cell.k) N=\(c.cell.n)",
                                      measured: c.exactPlugInBias, expected: b1, tolerance: 2 * abs(c.secondOrder),
                                      detail: "exact E[Ĥ]−H; tolerance 2 × |(1 − Σ1/p_i)/(12N²)| = \(fmt(2 * abs(c.secondOrder), 2)); MC bias \(fmt(c.bias[.plugIn]!.mean, 4)) ± \(fmt(c.bias[.plugIn]!.se, 2))"))
        }

        // Check 3: the plug-in Jensen–Shannon divergence among m agents with identical answer
        // distributions (true JS = 0) is biased up by (K − 1)(m − 1)/(2N) (N = all answers), and the
        // corrected value is unbiased; allowance: the second-order difference
        // |(1 − K²)(1/N² − 1/N_j²)/12| for uniform p (Harris 1975), plus 4 SE.
        var jsTable = TidyTable(columns: ["K", "agents", "answers_per_agent", "mean_plugin_js", "se", "first_order_bias", "mean_corrected_js", "se_corrected"])
        let jsReps = o.quick ? 300 : 1000
        for k in [4, 16] {
            for m in [3, 5] {
                let nj = 200
                var g = root.child("js").child(UInt64(k), UInt64(m)).generator()
                var plug: [Double] = [], corr: [Double] = []
                let labels = (0..<k).map { "a\($0)" }
                for _ in 0..<jsReps {
                    let s = (0..<m).map { _ in (0..<nj).map { _ -> String? in labels[g.nextInt(below: k)] } }
                    if let e = AnswerDivergence.jensenShannon(samples: s) { plug.append(e.plugIn); corr.append(e.corrected) }
                }
                let n = Double(m * nj)
                let first = Double((k - 1) * (m - 1)) / (2 * n)
                let second = abs(Double(1 - k * k) * (1 / (n * n) - 1 / Double(nj * nj)) / 12)
                let a = meanSE(plug), b = meanSE(corr)
                jsTable.append([String(k), String(m), String(nj), TidyTable.format(a.mean), TidyTable.format(a.se), TidyTable.format(first), TidyTable.format(b.mean), TidyTable.format(b.se)])
                r.checks.append(.analytic(1, "plug-in JS of \(m) identical agents bias = (K−1)(m−1)/(2N), K=\(k), N=\(m * nj)", measured: a.mean, expected: first,
                                          tolerance: 4 * a.se + second, detail: "\(jsReps) samples; 4 SE + second-order term \(fmt(second, 2))"))
            }
        }
        r.tables.append(("study1_js_bias.csv", jsTable))

        // Summary: bias at the smallest and largest N for each family and K.
        r.summary.append("distribution  K   N     " + EntropyEstimator.allCases.map { $0.displayName.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined() + "−(K−1)/2N")
        for c in results where c.cell.n == ns.first! || c.cell.n == ns.last! {
            let cols = EntropyEstimator.allCases.map { fmt(c.bias[$0]!.mean, 3).padding(toLength: 13, withPad: " ", startingAt: 0) }.joined()
            r.summary.append(c.cell.family.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                             + String(c.cell.k).padding(toLength: 4, withPad: " ", startingAt: 0)
                             + String(c.cell.n).padding(toLength: 6, withPad: " ", startingAt: 0) + cols
                             + fmt(-Double(c.cell.k - 1) / (2 * Double(c.cell.n)), 3))
        }

        // Figures: bias and RMSE against N, one panel per (family, K).
        for (metric, figure) in [("bias", "study1_bias_vs_N"), ("rmse", "study1_rmse_vs_N")] {
            var curves = StudyCurves(figure, study: 1, options: o)
            for f in Family.allCases {
                for k in ks {
                    let cs = results.filter { $0.cell.family == f && $0.cell.k == k }.sorted { $0.cell.n < $1.cell.n }
                    let x = cs.map { Double($0.cell.n) }
                    let panel = "\(f.rawValue), K = \(k)"
                    for e in EntropyEstimator.allCases {
                        curves.add(panel: panel, series: e.displayName, x: x, y: cs.map { metric == "bias" ? $0.bias[e]!.mean : $0.rmse[e]! },
                                   lower: metric == "bias" ? cs.map { $0.bias[e]!.mean - 1.96 * $0.bias[e]!.se } : nil,
                                   upper: metric == "bias" ? cs.map { $0.bias[e]!.mean + 1.96 * $0.bias[e]!.se } : nil,
                                   replicates: e == .nsb ? nsbReps : reps)
                    }
                    if metric == "bias" {
                        curves.add(panel: panel, series: "−(K−1)/(2N)", kind: .theory, x: x, y: x.map { -Double(k - 1) / (2 * $0) }, replicates: 1)
                    }
                }
            }
            r.curves.append(curves)
        }
        return r
    }

    /// The distribution of a replicate: fixed for uniform and Zipf, a fresh Dirichlet(1) draw otherwise.
    static func distribution(_ f: Family, k: Int, using g: inout Xoshiro256) -> [Double] {
        switch f {
        case .uniform: return [Double](repeating: 1 / Double(k), count: k)
        case .zipf:
            let w = (1...k).map { 1 / Double($0) }
            let s = w.reduce(0, +)
            return w.map { $0 / s }
        case .dirichlet:
            return (try? Sample.dirichlet([Double](repeating: 1, count: k), using: &g)) ?? [Double](repeating: 1 / Double(k), count: k)
        }
    }

    static func simulate(_ c: Cell, reps: Int, nsbReps: Int, stream: SeedStream, lnFact: [Double]) -> CellResult {
        var g = stream.generator()
        var errs: [EntropyEstimator: [Double]] = [:]
        var plugVsExact: [Double] = [], mmVsExact: [Double] = [], exactBias: [Double] = [], hs: [Double] = []
        var fixedExact: (Double, Double)? = nil
        var minP = 1.0, second = 0.0
        for rep in 0..<reps {
            let p = distribution(c.family, k: c.k, using: &g)
            let h = Info.entropyUnchecked(p)
            hs.append(h)
            let exact: (plug: Double, mm: Double)
            if c.family != .dirichlet, let e = fixedExact { exact = e } else {
                exact = exactExpectations(p, n: c.n, lnFact: lnFact)
                if c.family != .dirichlet { fixedExact = exact }
            }
            if c.family != .dirichlet {
                minP = p.min()!
                second = (1 - p.reduce(0) { $0 + 1 / $1 }) / (12 * Double(c.n * c.n))
            }
            let counts = (try? Sample.multinomial(n: c.n, p: p, using: &g)) ?? []
            // Control variate with known mean 0: Σ (p̂_i − p_i) ln p_i, the linear term of Ĥ's
            // fluctuation. Adding it leaves E unchanged and removes the O(1/√N) noise, so the
            // comparison with the exact expectation is sharp.
            var linear = 0.0
            for i in p.indices where p[i] > 0 { linear += (Double(counts[i]) / Double(c.n) - p[i]) * log(p[i]) }
            for e in EntropyEstimator.allCases {
                if e == .nsb && rep >= nsbReps { continue }
                let est = (try? e.estimate(counts, alphabetSize: c.k)) ?? .nan
                errs[e, default: []].append(est - h)
                if e == .plugIn { plugVsExact.append(est + linear - exact.plug) }
                if e == .millerMadow { mmVsExact.append(est + linear - exact.mm) }
            }
            exactBias.append(exact.plug - h)
        }
        var bias: [EntropyEstimator: (Double, Double)] = [:], rmse: [EntropyEstimator: Double] = [:]
        for (e, v) in errs {
            bias[e] = meanSE(v)
            rmse[e] = (v.reduce(0) { $0 + $1 * $1 } / Double(v.count)).squareRoot()
        }
        return CellResult(cell: c, trueH: hs.reduce(0, +) / Double(hs.count), bias: bias, replicates: errs.mapValues(\.count), rmse: rmse,
                          plugInVsExact: meanSE(plugVsExact), mmVsExact: meanSE(mmVsExact),
                          exactPlugInBias: exactBias.reduce(0, +) / Double(exactBias.count),
                          secondOrder: second, minP: minP)
    }

    /// ln k! for k = 0...n (summed logs: exact to rounding, no special function needed).
    static func lnFactorials(upTo n: Int) -> [Double] {
        var f = [Double](repeating: 0, count: n + 1)
        if n >= 1 { for k in 1...n { f[k] = f[k - 1] + log(Double(k)) } }
        return f
    }

    /// Exact E[plug-in] and E[Miller–Madow] for N draws from p (binomial marginals).
    /// - Complexity: O(K · N).
    static func exactExpectations(_ p: [Double], n: Int, lnFact: [Double]) -> (plug: Double, mm: Double) {
        let nn = Double(n)
        var eh = 0.0, ek = 0.0
        for pi in p where pi > 0 {
            ek += 1 - pow(1 - pi, nn)
            if pi >= 1 { continue }
            let lp = log(pi), lq = log1p(-pi)
            for k in 1...n {
                let lpmf = lnFact[n] - lnFact[k] - lnFact[n - k] + Double(k) * lp + Double(n - k) * lq
                if lpmf < -745 { continue }
                let x = Double(k) / nn
                eh -= exp(lpmf) * x * log(x)
            }
        }
        return (eh, eh + (ek - 1) / (2 * nn))
    }
}
