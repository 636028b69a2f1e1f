import Foundation
import ChorusStats
import ChorusRecords

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

    /// The `style_share.*` rows of the run's first seed (the seed of the first data row), for the
    /// style-specialisation heat maps, without parsing the other rows: a reproduce run's
    /// metrics.csv has millions of rows (380 MB), of which the figure needs a few thousand.
    ///
    /// Lines are scanned as bytes and only those holding `style_share.` are split into fields.
    /// The scan needs the plain CSV that `chorus simulate` writes (no quoted fields); a file with
    /// a double quote anywhere is read whole with the CSV library instead (same result, slower).
    /// - Throws: `TableError` naming the file, line and column of a bad cell.
    public static func readStyleShares(_ url: URL) throws -> MetricsData {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw TableError.malformed(path: url.path, line: 0, reason: "unreadable: \(error.localizedDescription)")
        }
        if data.contains(UInt8(ascii: "\"")) {
            let all = try read(url)
            var d = MetricsData()
            let keys = all.values.keys.filter { $0.contains("|style_share.") }
            guard let first = keys.flatMap({ all.values[$0]!.keys }).min(by: { (UInt64($0) ?? 0) < (UInt64($1) ?? 0) }) else { return d }
            for k in keys { if let v = all.values[k]?[first] { d.values[k] = [first: v] } }
            return d
        }
        var d = MetricsData()
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let needle = Array("style_share.".utf8)
            var lineStart = 0, lineNumber = 0
            var columns: [String: Int] = [:]
            var firstSeed: Substring? = nil
            func fields(_ a: Int, _ b: Int) -> [Substring] {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            }
            func contains(_ a: Int, _ b: Int) -> Bool {
                guard b - a >= needle.count else { return false }
                var i = a
                while i + needle.count <= b {
                    if bytes[i] == needle[0] {
                        var j = 1
                        while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                        if j == needle.count { return true }
                    }
                    i += 1
                }
                return false
            }
            while lineStart < bytes.count {
                var end = lineStart
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let lineEnd = end > lineStart && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
                lineNumber += 1
                if lineNumber == 1 {
                    for (i, c) in fields(lineStart, lineEnd).enumerated() where columns[String(c)] == nil { columns[String(c)] = i }
                    for c in ["regime", "seed", "iteration", "metric", "value"] where columns[c] == nil {
                        throw TableError.missingColumn(path: url.path, column: c)
                    }
                } else if lineEnd > lineStart {
                    if firstSeed == nil {
                        let f = fields(lineStart, lineEnd)
                        if columns["seed"]! < f.count { firstSeed = f[columns["seed"]!] }
                    }
                    if contains(lineStart, lineEnd) {
                        let f = fields(lineStart, lineEnd)
                        guard f.count > columns.values.max()! else {
                            throw TableError.malformed(path: url.path, line: lineNumber, reason: "\(f.count) fields, expected \(columns.count)")
                        }
                        let seed = f[columns["seed"]!]
                        if seed == firstSeed, f[columns["metric"]!].hasPrefix("style_share.") {
                            guard let it = Int(f[columns["iteration"]!]), let v = Double(f[columns["value"]!]) else {
                                throw TableError.malformed(path: url.path, line: lineNumber, reason: "column 'iteration' or 'value' is not a number")
                            }
                            d.values[String(f[columns["regime"]!]) + "|" + String(f[columns["metric"]!]), default: [:]][String(seed), default: [:]][it] = v
                        }
                    }
                }
                lineStart = end + 1
            }
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
