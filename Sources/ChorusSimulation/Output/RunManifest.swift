import Foundation
import ChorusRecords

/// What `manifest.json` records about a run: enough to reproduce it and to know when, how
/// and with what it ran.
public struct RunManifest: Sendable {
    /// The run's id: a digest of its configuration.
    public var runID: String
    /// Where the configuration came from (`preset paper`, a file path).
    public var source: String
    /// The resolved configuration (after the file, `--set`, `--seeds`, `--regimes`).
    public var config: SimulationConfig
    /// The tool's version (`ChorusVersion.string`, passed in by the CLI).
    public var toolVersion: String
    /// `git rev-parse HEAD` of the working directory, or "unknown".
    public var gitCommit: String
    /// When the run started (UTC).
    public var start: Date
    /// When the run ended (UTC).
    public var end: Date
    /// Wall time of the experiment, from a monotonic clock.
    public var wallSeconds: Double
    /// Worker threads used.
    public var threads: Int
    /// Files of the run directory, relative to it (filled in by `RunDirectory.write`).
    public var files: [String] = []
    /// Claims evaluated, and how many hold (nil when none were evaluated).
    public var claimsHolding: (holding: Int, total: Int)?

    /// A manifest with every field given; claims are filled in afterwards.
    public init(runID: String, source: String, config: SimulationConfig, toolVersion: String, gitCommit: String,
                start: Date, end: Date, wallSeconds: Double, threads: Int) {
        self.runID = runID; self.source = source; self.config = config; self.toolVersion = toolVersion
        self.gitCommit = gitCommit; self.start = start; self.end = end; self.wallSeconds = wallSeconds; self.threads = threads
    }

    /// The manifest as pretty JSON (`JSONFile`: sorted keys); `config` is the resolved
    /// configuration with its YAML (snake_case) keys.
    /// - Throws: `EncodingError` if a number is not finite (validated configurations are finite).
    public func json() throws -> String {
        try JSONFile.text(Document(self))
    }

    /// The configuration as compact JSON with sorted keys: the canonical text behind run ids.
    public static func canonicalJSON(_ config: SimulationConfig) throws -> String {
        try JSONFile.text(config, pretty: false)
    }

    /// The file's layout: the manifest's facts under their snake_case keys.
    struct Document: Encodable {
        struct Claims: Encodable { var holding: Int; var total: Int }
        var tool = "chorus"
        var toolVersion, gitCommit, runID, source, startTime, endTime: String
        var wallTimeSeconds: Double
        var threads: Int
        var seeds: [UInt64]
        var regimes: [String]
        var claims: Claims?
        var files: [String]
        var config: SimulationConfig

        init(_ m: RunManifest) {
            toolVersion = m.toolVersion; gitCommit = m.gitCommit; runID = m.runID; source = m.source
            startTime = RunManifest.iso8601(m.start); endTime = RunManifest.iso8601(m.end)
            wallTimeSeconds = (m.wallSeconds * 1000).rounded() / 1000
            threads = m.threads; seeds = m.config.seeds; regimes = m.config.regimes
            claims = m.claimsHolding.map { Claims(holding: $0.holding, total: $0.total) }
            files = m.files; config = m.config
        }

        enum CodingKeys: String, CodingKey {
            case tool, toolVersion = "tool_version", gitCommit = "git_commit", runID = "run_id", source
            case startTime = "start_time", endTime = "end_time", wallTimeSeconds = "wall_time_seconds"
            case threads, seeds, regimes, claims, files, config
        }
    }

    /// ISO-8601 UTC with seconds, e.g. `2026-11-25T10:50:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
