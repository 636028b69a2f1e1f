import Foundation
import ChorusStats

/// `metrics.csv` of a simulation run: one value per regime × seed × iteration × metric. Used
/// for paired comparisons over seeds (a change from the base model with its own interval).
public struct MetricsData: Sendable {
    /// value[regime|metric][seed][iteration]
    private var values: [String: [String: [Int: Double]]] = [:]

    /// Reads the columns regime, seed, iteration, metric, value of `metrics.csv`.
    /// - Throws: `TableError` naming the file, line and column of a bad cell.
    public static func read(_ url: URL) throws -> MetricsData {
        let t = try RunTable(url, required: ["regime", "seed", "iteration", "metric", "value"])
        var d = MetricsData()
        for i in 0..<t.count {
            let key = t.string(i, "regime") + "|" + t.string(i, "metric")
            d.values[key, default: [:]][t.string(i, "seed"), default: [:]][try t.int(i, "iteration")] = try t.double(i, "value")
        }
        return d
    }

    /// Mean change of `metric` from iteration `from` to `to` over the seeds that have both, with
    /// its 95% Student-t interval over seeds (paired differences; `Describe.tInterval`).
    /// nil when fewer than two seeds have both values.
    public func pairedChange(_ regime: String, _ metric: String, from: Int, to: Int) -> Estimate? {
        guard let seeds = values[regime + "|" + metric] else { return nil }
        let diffs = seeds.keys.sorted().compactMap { s -> Double? in
            guard let a = seeds[s]?[from], let b = seeds[s]?[to], a.isFinite, b.isFinite else { return nil }
            return b - a
        }
        guard diffs.count >= 2, let t = try? Describe.tInterval(diffs) else { return nil }
        return Estimate(mean: t.mean, lower: t.lower, upper: t.upper, n: t.n)
    }

    /// The seeds with a value of `metric` in `regime`, in numeric order (then as text).
    public func seeds(_ regime: String, _ metric: String) -> [String] {
        (values[regime + "|" + metric].map { Array($0.keys) } ?? []).sorted { a, b in
            if let x = UInt64(a), let y = UInt64(b) { return x < y }
            return a < b
        }
    }

    /// One seed's value at one iteration (nil when absent).
    public func value(_ regime: String, _ metric: String, seed: String, iteration: Int) -> Double? {
        values[regime + "|" + metric]?[seed]?[iteration]
    }
}
