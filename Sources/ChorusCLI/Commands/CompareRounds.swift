import ChorusAnalysis
import ChorusFigures
import ChorusIngest
import ChorusRecords
import ChorusStats
import Foundation

/// `chorus compare` against round (issue 12): the per-round metrics of a simulated run's
/// transcripts and of a real run, joined and drawn a panel per metric and iteration.
enum CompareRounds {
    static let columns = ["source", "regime", "iteration", "round", "metric", "value", "lower", "upper", "n"]

    /// The rounds table (`RunAnalysisOutput.roundsTable`) of a run directory's transcripts, one
    /// group per regime and iteration: the seeds are pooled, each (seed, question) one question
    /// of the bootstrap. Nil when the directory has no transcripts.
    static func simulatedRounds(_ dir: URL, regimes: [String]?, seed: UInt64) throws -> TidyTable? {
        let tdir = dir.appendingPathComponent("transcripts")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: tdir.path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        guard !names.isEmpty else { return nil }
        var records: [ResponseRecord] = []
        for n in names {
            let (rs, bad) = try RecordsJSONLReader.readAll(tdir.appendingPathComponent(n))
            if let b = bad.first { throw IngestError.invalidRecord(path: tdir.appendingPathComponent(n).path, location: "line \(b.line)", reason: b.reason) }
            for var r in rs where regimes?.contains(r.regime) ?? true {
                r.question = "s\(r.seed.map(String.init) ?? "-")/\(r.question)"
                r.run = r.regime; r.seed = nil
                records.append(r)
            }
        }
        return RunAnalysisOutput.roundsTable(records, stream: SeedStream(seed: seed).child("compare-rounds"))
    }

    /// Rows of both tables for the metrics and iterations both have.
    static func join(simulated: TidyTable, real: TidyTable, realName: String) throws -> TidyTable {
        func cols(_ t: TidyTable, _ what: String) throws -> [Int] {
            try ["run", "iteration", "round", "metric", "value", "lower", "upper", "n"].map { c in
                guard let i = t.columns.firstIndex(of: c) else {
                    throw AnalysisError.invalidParameter("\(what) has no column '\(c)' (columns: \(t.columns.joined(separator: ", ")))")
                }
                return i
            }
        }
        let sc = try cols(simulated, "simulated rounds"), rc = try cols(real, "rounds.csv")
        let key = { (r: [String], c: [Int]) in "\(r[c[1]])|\(r[c[3]])" }
        let common = Set(simulated.rows.map { key($0, sc) }).intersection(real.rows.map { key($0, rc) })
        var t = TidyTable(columns: columns)
        for r in simulated.rows where common.contains(key(r, sc)) { t.append(["simulated", r[sc[0]]] + sc[1...].map { r[$0] }) }
        for r in real.rows where common.contains(key(r, rc)) { t.append([realName, "log"] + rc[1...].map { r[$0] }) }
        return t
    }
}
