import Foundation
import ChorusStats
import ChorusRecords
import ChorusAnalysis

/// Study 2: model collapse when a model is refitted, generation after generation, on samples
/// drawn from its previous fit (Shumailov et al., Nature 631, 2024), and what accumulating the
/// data instead of replacing it changes (Gerstgrasser et al., arXiv 2404.01413, 2024).
///
/// Categorical refit on N of its own samples = neutral Wright–Fisher drift (haploid, N copies):
/// - heterozygosity: E[1 − Σ p_i(t)²] = (1 − 1/N)^t (1 − Σ p_i(0)²) — exact;
/// - fixation: mode i takes over with probability p_i(0) (p_i is a martingale) — exact;
/// - mean time until one mode is left ≈ −2N Σ_i (1 − p_i) ln(1 − p_i) (Littler 1975;
///   Ewens, *Mathematical Population Genetics*, §5.4). This is the diffusion approximation, off by
///   O(1) generations in the discrete chain, so it is checked at the largest N only with a stated
///   allowance of 2/N relative on top of 4 standard errors.
/// Gaussian refit with the MLE variance σ̂² = (1/M) Σ (x − x̄)² on M samples:
/// σ²_n = σ²_{n−1} χ²_{M−1}/M, so E[σ²_n] = ((M − 1)/M)^n σ²_0 and
/// E[ln σ²_n] = ln σ²_0 + n(ψ((M − 1)/2) + ln(2/M)). With the unbiased variance (divide by M − 1)
/// E[σ²_n] = σ²_0 (a martingale) and E[ln σ²_n] = ln σ²_0 + n(ψ((M − 1)/2) + ln(2/(M − 1))):
/// the original design paired this log formula with the MLE refit (docs/validation.md §2 has the
/// correction, docs/design.md §1 the corrected statement); both are checked.
/// Accumulate: each generation adds its M (or N) samples to a growing pool and refits on the whole
/// pool; the damage is bounded (checked as a direction: variance and heterozygosity stay higher).
public enum ModelCollapseStudy {
    /// Runs study 2: its tables, figure data, checks and summary.
    public static func run(_ o: ValidationOptions) throws -> StudyResult {
        var r = StudyResult(number: 2, title: "Model collapse by refitting")
        let root = SeedStream(seed: o.seed).child("study2")
        try categorical(o, root: root.child("categorical"), into: &r)
        try gaussian(o, root: root.child("gaussian"), into: &r)
        return r
    }

    static let p0 = [0.4, 0.3, 0.2, 0.1]

    /// Littler's mean time to a single mode (diffusion approximation).
    public static func littlerTime(_ p: [Double], n: Int) -> Double {
        -2 * Double(n) * p.reduce(0) { $0 + (1 - $1) * log(1 - $1) }
    }

    struct WFRun: Sendable { var het: [Double]; var hetAccumulate: [Double]; var fixedMode: Int; var fixationTime: Int }

    /// One Wright–Fisher path of `generations` steps (and then on to fixation), plus an
    /// accumulating twin from the same start.
    static func wrightFisher(n: Int, generations: Int, g: inout Xoshiro256) throws -> WFRun {
        var p = p0
        var het = [1 - p.reduce(0) { $0 + $1 * $1 }]
        var t = 0, fixTime = -1
        while true {
            t += 1
            let c = try Sample.multinomial(n: n, p: p, using: &g)
            p = c.map { Double($0) / Double(n) }
            if t <= generations { het.append(1 - p.reduce(0) { $0 + $1 * $1 }) }
            if fixTime < 0, p.contains(1) { fixTime = t }
            if fixTime >= 0 && t >= generations { break }
            if t > 1000 * n { break }   // never reached in practice: fixation is certain and fast
        }
        // Accumulate: the pool starts with N draws' worth of weight at p0 and gains N samples a generation.
        var pool = p0.map { $0 * Double(n) }
        var q = p0
        var hetAcc = [1 - q.reduce(0) { $0 + $1 * $1 }]
        for _ in 0..<generations {
            let c = try Sample.multinomial(n: n, p: q, using: &g)
            for i in pool.indices { pool[i] += Double(c[i]) }
            let tot = pool.reduce(0, +)
            q = pool.map { $0 / tot }
            hetAcc.append(1 - q.reduce(0) { $0 + $1 * $1 })
        }
        return WFRun(het: het, hetAccumulate: hetAcc, fixedMode: p.firstIndex(of: 1) ?? -1, fixationTime: fixTime)
    }

    static func categorical(_ o: ValidationOptions, root: SeedStream, into r: inout StudyResult) throws {
        let n = 20, generations = 60
        let reps = o.quick ? 1500 : 6000
        let runs = try Parallel.map(count: reps, threads: o.threads) { i -> WFRun? in
            var g = root.child("het").child(UInt64(i)).generator()
            return try? wrightFisher(n: n, generations: generations, g: &g)
        }.map { (x: WFRun?) -> WFRun in
            guard let x else { throw AnalysisError.numerical("Wright–Fisher sampler failed") }
            return x
        }
        let h0 = 1 - p0.reduce(0) { $0 + $1 * $1 }
        var table = TidyTable(columns: ["generation", "heterozygosity_replace", "se_replace", "theory", "heterozygosity_accumulate", "se_accumulate"])
        var mR: [Double] = [], seR: [Double] = [], mA: [Double] = [], seA: [Double] = [], th: [Double] = []
        for t in 0...generations {
            let a = meanSE(runs.map { $0.het[t] }), b = meanSE(runs.map { $0.hetAccumulate[t] })
            let theory = pow(1 - 1 / Double(n), Double(t)) * h0
            mR.append(a.mean); seR.append(a.se); mA.append(b.mean); seA.append(b.se); th.append(theory)
            table.append([String(t), TidyTable.format(a.mean), TidyTable.format(a.se), TidyTable.format(theory), TidyTable.format(b.mean), TidyTable.format(b.se)])
        }
        r.tables.append(("study2_heterozygosity.csv", table))
        for t in [1, 5, 10, 20, 40, 60] {
            r.checks.append(.analytic(2, "categorical refit N=\(n): E[1−Σp²] at t=\(t) = (1−1/N)^t H0",
                                      measured: mR[t], expected: th[t], tolerance: 4 * seR[t], detail: "\(reps) paths, 4 SE"))
        }
        r.checks.append(.direction(2, "accumulate keeps more heterozygosity than replace at t=\(generations)",
                                   measured: mA[generations], reference: mR[generations],
                                   margin: 4 * (seA[generations] * seA[generations] + seR[generations] * seR[generations]).squareRoot(),
                                   detail: "difference > 4 SE"))
        // Fixation probabilities.
        var fixTable = TidyTable(columns: ["mode", "p0", "fixation_frequency", "se"])
        for (i, p) in p0.enumerated() {
            let f = Double(runs.filter { $0.fixedMode == i }.count) / Double(reps)
            let se = (p * (1 - p) / Double(reps)).squareRoot()
            fixTable.append([String(i), TidyTable.format(p), TidyTable.format(f), TidyTable.format(se)])
            r.checks.append(.analytic(2, "mode \(i) fixes with probability p_i(0) = \(p), N=\(n)", measured: f, expected: p,
                                      tolerance: 4 * se, detail: "\(reps) paths, binomial SE √(p(1−p)/R), 4 SE"))
        }
        r.tables.append(("study2_fixation.csv", fixTable))

        // Mean time to one mode against Littler's diffusion formula, at several N.
        let ns = o.quick ? [20, 50] : [20, 50, 100, 200]
        let timeReps = o.quick ? 600 : 2000
        var timeTable = TidyTable(columns: ["N", "mean_time", "se", "littler", "relative_difference"])
        for nn in ns {
            let times = try Parallel.map(count: timeReps, threads: o.threads) { i -> Int in
                var g = root.child("time").child(UInt64(nn), UInt64(i)).generator()
                return (try? wrightFisher(n: nn, generations: 0, g: &g).fixationTime) ?? -1
            }.map { (t: Int) -> Double in
                guard t > 0 else { throw AnalysisError.numerical("Wright–Fisher path did not fix") }
                return Double(t)
            }
            let m = meanSE(times), lt = littlerTime(p0, n: nn)
            timeTable.append([String(nn), TidyTable.format(m.mean), TidyTable.format(m.se), TidyTable.format(lt), TidyTable.format((m.mean - lt) / lt)])
            r.summary.append("Wright–Fisher N=\(nn): mean time to one mode \(fmt(m.mean)) ± \(fmt(m.se, 2)), Littler \(fmt(lt))")
            if nn == ns.last! {
                r.checks.append(.analytic(2, "mean time to one mode ≈ Littler −2NΣ(1−p)ln(1−p), N=\(nn)", measured: m.mean, expected: lt,
                                          tolerance: 4 * m.se + 2 / Double(nn) * lt,
                                          detail: "\(timeReps) paths; 4 SE + diffusion allowance 2/N relative"))
            }
        }
        r.tables.append(("study2_fixation_time.csv", timeTable))
        r.summary.insert("categorical N=\(n): heterozygosity t=0,10,30,60: " + [0, 10, 30, 60].map { "\(fmt(mR[$0], 3)) (theory \(fmt(th[$0], 3)), accumulate \(fmt(mA[$0], 3)))" }.joined(separator: "; "), at: 0)

        let xs = (0...generations).map(Double.init)
        var het = StudyCurves("study2_heterozygosity", study: 2, options: o)
        let panel = "Categorical refit on N = \(n) own samples (\(reps) paths, 95% band)"
        het.add(panel: panel, series: "replace (simulated)", x: xs, y: mR, lower: zip(mR, seR).map { $0 - 1.96 * $1 },
                upper: zip(mR, seR).map { $0 + 1.96 * $1 }, replicates: reps)
        het.add(panel: panel, series: "accumulate (simulated)", x: xs, y: mA, lower: zip(mA, seA).map { $0 - 1.96 * $1 },
                upper: zip(mA, seA).map { $0 + 1.96 * $1 }, replicates: reps)
        het.add(panel: panel, series: "theory (1 − 1/N)^t H0", kind: .theory, x: xs, y: th, replicates: 1)
        r.curves.append(het)
    }

    struct GaussRun: Sendable { var logMLE: [Double]; var varMLE: [Double]; var logUnbiased: [Double]; var varUnbiased: [Double]; var logAccumulate: [Double] }

    static func gaussian(_ o: ValidationOptions, root: SeedStream, into r: inout StudyResult) throws {
        let m = 10, generations = o.quick ? 30 : 50
        let reps = o.quick ? 4000 : 20000
        let runs = try Parallel.map(count: reps, threads: o.threads) { i -> GaussRun? in
            var g = root.child(UInt64(i)).generator()
            return try? gaussianPath(m: m, generations: generations, g: &g)
        }.map { (x: GaussRun?) -> GaussRun in
            guard let x else { throw AnalysisError.numerical("Gaussian sampler failed") }
            return x
        }
        let mm = Double(m)
        let stepLogMLE = Special.digamma((mm - 1) / 2) + log(2 / mm)
        let stepLogUnbiased = Special.digamma((mm - 1) / 2) + log(2 / (mm - 1))
        var table = TidyTable(columns: ["generation", "mean_var_mle", "se", "theory_var_mle", "mean_log_var_mle", "se_log", "theory_log_mle",
                                        "mean_var_unbiased", "mean_log_var_unbiased", "theory_log_unbiased", "mean_log_var_accumulate"])
        var series: [String: [Double]] = [:]
        for t in 0...generations {
            let v = meanSE(runs.map { $0.varMLE[t] }), l = meanSE(runs.map { $0.logMLE[t] })
            let vu = meanSE(runs.map { $0.varUnbiased[t] }), lu = meanSE(runs.map { $0.logUnbiased[t] })
            let la = meanSE(runs.map { $0.logAccumulate[t] })
            let tv = pow((mm - 1) / mm, Double(t)), tl = Double(t) * stepLogMLE, tlu = Double(t) * stepLogUnbiased
            table.append([String(t), TidyTable.format(v.mean), TidyTable.format(v.se), TidyTable.format(tv), TidyTable.format(l.mean), TidyTable.format(l.se),
                          TidyTable.format(tl), TidyTable.format(vu.mean), TidyTable.format(lu.mean), TidyTable.format(tlu), TidyTable.format(la.mean)])
            for (k, x) in [("v", v.mean), ("vse", v.se), ("l", l.mean), ("lse", l.se), ("tv", tv), ("tl", tl), ("lu", lu.mean), ("tlu", tlu), ("la", la.mean), ("lase", la.se)] {
                series[k, default: []].append(x)
            }
            if [1, 5, 10].contains(t) {
                r.checks.append(.analytic(2, "Gaussian MLE refit M=\(m): E[σ²_n] = ((M−1)/M)^n at n=\(t)", measured: v.mean, expected: tv,
                                          tolerance: 4 * v.se, detail: "\(reps) paths, 4 SE"))
                r.checks.append(.analytic(2, "Gaussian unbiased refit M=\(m): E[σ²_n] = σ²_0 at n=\(t)", measured: vu.mean, expected: 1,
                                          tolerance: 4 * vu.se, detail: "\(reps) paths, 4 SE"))
            }
            if [1, 10, generations].contains(t) {
                r.checks.append(.analytic(2, "Gaussian MLE refit: E[ln σ²_n] = n(ψ((M−1)/2) + ln(2/M)) at n=\(t)", measured: l.mean, expected: tl,
                                          tolerance: 4 * l.se, detail: "\(reps) paths, 4 SE"))
                r.checks.append(.analytic(2, "Gaussian unbiased refit: E[ln σ²_n] = n(ψ((M−1)/2) + ln(2/(M−1))) at n=\(t)", measured: lu.mean, expected: tlu,
                                          tolerance: 4 * lu.se, detail: "\(reps) paths, 4 SE (the formula docs/validation.md §2 corrects)"))
            }
        }
        r.tables.append(("study2_gaussian.csv", table))
        let last = generations
        let diffSE = (series["lase"]![last] * series["lase"]![last] + series["lse"]![last] * series["lse"]![last]).squareRoot()
        r.checks.append(.direction(2, "accumulate keeps E[ln σ²] above replace at n=\(last)", measured: series["la"]![last], reference: series["l"]![last],
                                   margin: 4 * diffSE, detail: "difference > 4 SE"))
        r.summary.append("Gaussian M=\(m), n=\(last): E[ln σ²] replace \(fmt(series["l"]![last])) (theory \(fmt(series["tl"]![last]))), accumulate \(fmt(series["la"]![last])); E[σ²] replace n=10 \(fmt(series["v"]![10])) (theory \(fmt(series["tv"]![10])))")
        let xs = (0...generations).map(Double.init)
        func band(_ m: String, _ s: String) -> ([Double], [Double]) {
            (zip(series[m]!, series[s]!).map { $0 - 1.96 * $1 }, zip(series[m]!, series[s]!).map { $0 + 1.96 * $1 })
        }
        let bl = band("l", "lse"), bv = band("v", "vse"), ba = band("la", "lase")
        var c = StudyCurves("study2_gaussian_refit", study: 2, options: o)
        let logPanel = "E[ln σ²_n], M = \(m)", varPanel = "E[σ²_n], MLE variance, replace, M = \(m)"
        c.add(panel: logPanel, series: "MLE variance, replace", x: xs, y: series["l"]!, lower: bl.0, upper: bl.1, replicates: reps)
        c.add(panel: logPanel, series: "unbiased variance, replace", x: xs, y: series["lu"]!, replicates: reps)
        c.add(panel: logPanel, series: "MLE variance, accumulate", x: xs, y: series["la"]!, lower: ba.0, upper: ba.1, replicates: reps)
        c.add(panel: logPanel, series: "theory (MLE)", kind: .theory, x: xs, y: series["tl"]!, replicates: 1)
        c.add(panel: logPanel, series: "theory (unbiased)", kind: .theory, x: xs, y: series["tlu"]!, replicates: 1)
        c.add(panel: varPanel, series: "MLE variance, replace", x: xs, y: series["v"]!.map { max($0, 1e-300) }, lower: bv.0.map { max($0, 1e-300) },
              upper: bv.1, replicates: reps)
        c.add(panel: varPanel, series: "theory ((M−1)/M)^n", kind: .theory, x: xs, y: series["tv"]!, replicates: 1)
        r.curves.append(c)
    }

    /// One Gaussian refit path: MLE and unbiased variance (replace) from the same draws'
    /// standard normals, and an accumulating MLE path.
    static func gaussianPath(m: Int, generations: Int, g: inout Xoshiro256) throws -> GaussRun {
        var muM = 0.0, vM = 1.0, muU = 0.0, vU = 1.0
        var out = GaussRun(logMLE: [0], varMLE: [1], logUnbiased: [0], varUnbiased: [1], logAccumulate: [0])
        var z = [Double](repeating: 0, count: m)
        for _ in 0..<generations {
            for i in 0..<m { z[i] = try Sample.normal(using: &g) }
            let zbar = z.reduce(0, +) / Double(m)
            let ss = z.reduce(0) { $0 + ($1 - zbar) * ($1 - zbar) }   // Σ(z − z̄)², ~ χ²_{M−1}
            muM += vM.squareRoot() * zbar; vM *= ss / Double(m)
            muU += vU.squareRoot() * zbar; vU *= ss / Double(m - 1)
            out.varMLE.append(vM); out.logMLE.append(log(vM))
            out.varUnbiased.append(vU); out.logUnbiased.append(log(vU))
        }
        // Accumulate: pool all samples so far (starting with M draws from N(0, 1)) and refit the MLE.
        var n = 0, sum = 0.0, sumSq = 0.0
        var mu = 0.0, v = 1.0
        func addDraws() throws {
            for _ in 0..<m { let x = mu + v.squareRoot() * (try Sample.normal(using: &g)); n += 1; sum += x; sumSq += x * x }
        }
        try addDraws()
        mu = sum / Double(n); v = max(sumSq / Double(n) - mu * mu, 1e-300)
        // Generation 0 of this path is the fit to the first M draws; the table's 0 entry is σ²_0 = 1.
        for _ in 0..<generations {
            try addDraws()
            mu = sum / Double(n); v = max(sumSq / Double(n) - mu * mu, 1e-300)
            out.logAccumulate.append(log(v))
        }
        return out
    }
}
