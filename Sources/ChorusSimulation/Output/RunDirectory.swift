import Foundation
import ChorusRecords

/// Everything a finished run leaves behind, ready to be written.
public struct RunOutput: Sendable {
    /// The experiment's rows and transcripts.
    public var result: ExperimentResult
    /// Every metric summarised over seeds.
    public var summary: [SummaryRow]
    /// Claims evaluated on the summary; nil when not asked for.
    public var claims: [ClaimResult]?
    /// The claims judged on disjoint seed blocks (`ClaimReplication`); nil when not asked for.
    public var replication: [ReplicatedClaim]?
    /// The manifest written as `manifest.json`.
    public var manifest: RunManifest

    /// An output with every field given.
    public init(result: ExperimentResult, summary: [SummaryRow], claims: [ClaimResult]?, manifest: RunManifest,
                replication: [ReplicatedClaim]? = nil) {
        self.result = result; self.summary = summary; self.claims = claims; self.manifest = manifest
        self.replication = replication
    }
}

/// The run directory: `metrics.csv`, `summary.csv`, `claims.csv` and `claim_effects.csv` (when
/// claims were evaluated),
/// `transcripts/iteration-<k>.jsonl` (for `output.transcripts`, with `run` set to the run id),
/// `training/iteration-<k>.jsonl` (the models' finetuning examples of those iterations but the
/// last, `TrainingRecord`) and `manifest.json`, each
/// written atomically (temporary file + rename), the manifest last so that its presence
/// means the run is complete.
public enum RunDirectory {
    /// `notebooks-data/<name>-<UTC timestamp>`, e.g. `notebooks-data/paper-20261125T105000Z`.
    public static func defaultURL(name: String, date: Date, root: URL = URL(fileURLWithPath: "notebooks-data")) -> URL {
        root.appendingPathComponent(defaultBase(name: name, date: date))
    }

    /// The folder name of `defaultURL`: the name's ASCII letters, digits, `-` and `_` (others
    /// become `-`, at most 64 of them, so the name fits any file system), `-`, the UTC time.
    public static func defaultBase(name: String, date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let safe = String(name.unicodeScalars.prefix(64).map { u -> Character in
            let c = Character(u)
            return u.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") ? c : "-"
        })
        return "\(safe.isEmpty ? "run" : safe)-\(f.string(from: date))"
    }

    /// `url` if nothing exists there, else `url-2`, `url-3`, …. Racy (two processes can pick the
    /// same name): the CLI creates its default folder with `OutputDirectory.prepare(defaultIn:base:)`,
    /// which claims the name with mkdir(2).
    public static func unusedURL(_ url: URL) -> URL {
        var candidate = url
        var k = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = url.deletingLastPathComponent().appendingPathComponent("\(url.lastPathComponent)-\(k)")
            k += 1
        }
        return candidate
    }

    /// A run id that depends only on the resolved configuration's values: `<name>-<16 hex
    /// digits>`, the 64-bit FNV-1a hash of its canonical JSON (`RunManifest.canonicalJSON`:
    /// compact, sorted keys; not the commented YAML, so that editing a comment never changes an id). Equal configurations give
    /// equal ids (and so equal `metrics.csv` bytes); any changed value gives another id.
    public static func runID(for config: SimulationConfig) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        // Encoding plain Codable structs of finite numbers, strings and lists cannot fail.
        let canonical = (try? RunManifest.canonicalJSON(config)) ?? config.yaml(comments: false)
        for b in canonical.utf8 { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        let safe = String(config.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return "\(safe)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Writes the run directory (creating it) and returns the files written, relative to it.
    @discardableResult
    public static func write(_ output: RunOutput, to dir: URL) throws -> [String] {
        var files: [String] = []
        func put(_ name: String, _ text: String) throws {
            try AtomicFile.write(text, to: dir.appendingPathComponent(name))
            files.append(name)
        }
        let runID = output.manifest.runID
        try AtomicFile.write(RunTables.metricsCSV(output.result, runID: runID), to: dir.appendingPathComponent("metrics.csv"))
        files.append("metrics.csv")
        try put("summary.csv", RunTables.summary(output.summary).csv())
        if let claims = output.claims {
            try put("claims.csv", RunTables.claims(claims, replication: output.replication).csv())
            try put("claim_effects.csv", RunTables.claimEffects(claims).csv())
        }
        // Records carry the run id of metrics.csv, so transcripts and tables join on it.
        // Streamed runs: the parts written during the run, concatenated (`TranscriptSpool`).
        let pairs = output.result.config.regimes.count * output.result.config.seeds.count
        let byIteration = output.result.transcriptSpool == nil ? Dictionary(grouping: output.result.transcripts, by: \.iteration) : [:]
        for k in output.result.config.output.transcripts {
            let name = "transcripts/iteration-\(k).jsonl"
            if let spool = output.result.transcriptSpool {
                try spool.assemble(iteration: k, pairs: pairs, to: dir.appendingPathComponent(name))
            } else {
                let records = (byIteration[k] ?? []).lazy.map { r -> ResponseRecord in var r = r; r.run = runID; return r }
                try RecordsJSONL.write(records, to: dir.appendingPathComponent(name))
            }
            files.append(name)
        }
        // The models' finetuning examples of the same iterations (issue 12, `chorus export`).
        let trainingByIteration = Dictionary(grouping: output.result.training, by: \.iteration)
        for k in output.result.config.output.transcripts where k < output.result.config.iterations {
            let name = "training/iteration-\(k).jsonl"
            let records = (trainingByIteration[k] ?? []).map { r -> TrainingRecord in var r = r; r.run = runID; return r }
            try put(name, try TrainingRecord.jsonl(records))
        }
        output.result.transcriptSpool?.removeParts()
        var manifest = output.manifest
        files.append("manifest.json")
        manifest.files = files
        if let claims = output.claims { manifest.claimsHolding = (claims.filter(\.holds).count, claims.count) }
        try AtomicFile.write(try manifest.json(), to: dir.appendingPathComponent("manifest.json"))
        return files
    }
}
