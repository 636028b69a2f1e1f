import Foundation
import ChorusTestSupport
@testable import ChorusFigures

/// A synthetic simulation run's tables (7 regimes × 4 seeds × 6 iterations, every metric the
/// figures draw), written as CSV and read back through `SummaryData` / `MetricsData`.
enum SyntheticRun {
    static let regimes = ["single-agent", "multiagent", "no-summary", "no-critic", "single-no-debate", "majority-ft", "star"]
    static let metricNames = ["accuracy.final", "accuracy.round1_individual", "entropy.chain", "entropy.answer", "entropy.style",
                              "entropy.chain.generator", "entropy.chain.critic", "entropy.answer.generator", "entropy.answer.critic",
                              "entropy.style.generator", "entropy.style.critic", "disagreement.answer", "disagreement.chain", "js.chain",
                              "sample.embedding_dissimilarity", "sample.consensus", "sample.cross_nll", "kl_base", "kl_base.generator", "kl_base.critic"]
        + ["generator", "critic"].flatMap { r in (0..<3).flatMap { a in (0..<4).map { "style_share.\(r).agent\(a).style\($0)" } } }

    /// A deterministic value: a trend by regime and iteration plus a small seed-dependent wobble.
    static func value(_ regime: Int, _ seed: Int, _ it: Int, _ metric: String) -> Double {
        let wobble = 0.01 * sin(Double(seed * 7 + it * 3 + regime))
        let collapse = regime == 0 ? 0.35 : 0.05 + 0.01 * Double(regime)
        let h = 2.0 * exp(-collapse * Double(it))
        switch metric {
        case "accuracy.final": return 0.62 - 0.012 * exp(h) + 0.004 * Double(regime) + wobble
        case "accuracy.round1_individual": return 0.55 - 0.01 * exp(h) + wobble
        case let m where m.hasPrefix("entropy"): return h * (m.hasSuffix("critic") ? 0.8 : 1) + wobble
        case let m where m.hasPrefix("kl_base"): return Double(it) * (m.hasSuffix("critic") ? 0.3 : 0.2) + abs(wobble)
        case "sample.consensus": return 0.6 + 0.05 * Double(it) * collapse + wobble
        case "sample.cross_nll": return 1.5 + 0.1 * Double(it) + wobble
        case let m where m.hasPrefix("style_share"): return 0.25 + wobble
        default: return 0.5 * h / 2 + wobble
        }
    }

    static func write(to dir: URL) throws {
        var metrics = "run_id,regime,seed,iteration,metric,value\n"
        var summary = "regime,iteration,metric,n,mean,sd,se,ci_lower,ci_upper\n"
        for (r, regime) in regimes.enumerated() {
            for it in 0...5 {
                for m in metricNames {
                    var xs: [Double] = []
                    for seed in 1...4 {
                        let v = value(r, seed, it, m)
                        xs.append(v)
                        metrics += "synthetic-0,\(regime),\(seed),\(it),\(m),\(v)\n"
                    }
                    let mean = xs.reduce(0, +) / 4
                    let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
                    let half = 3.182446305284263 * sd / 2   // t(0.975, 3) · sd / √4
                    summary += "\(regime),\(it),\(m),4,\(mean),\(sd),\(sd / 2),\(mean - half),\(mean + half)\n"
                }
            }
        }
        try metrics.write(to: dir.appendingPathComponent("metrics.csv"), atomically: true, encoding: .utf8)
        try summary.write(to: dir.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    }

    static func directory() throws -> URL {
        let dir = try temporaryDirectory("synthetic-run")
        try write(to: dir)
        return dir
    }

    static func summary() throws -> SummaryData {
        let d = try directory()
        defer { try? FileManager.default.removeItem(at: d) }
        return try SummaryData.read(d.appendingPathComponent("summary.csv"))
    }

    static func metrics() throws -> MetricsData {
        let d = try directory()
        defer { try? FileManager.default.removeItem(at: d) }
        return try MetricsData.read(d.appendingPathComponent("metrics.csv"))
    }
}
