import Foundation
import ChorusRecords
import Yams

/// What `manifest.json` records about a run: enough to reproduce it and to know when, how
/// and with what it ran.
public struct RunManifest: Sendable {
    public var runID: String
    /// Where the configuration came from (`preset paper`, a file path).
    public var source: String
    /// The resolved configuration (after the file, `--set`, `--seeds`, `--regimes`).
    public var config: SimulationConfig
    /// The tool's version (`ChorusVersion.string`, passed in by the CLI).
    public var toolVersion: String
    /// `git rev-parse HEAD` of the working directory, or "unknown".
    public var gitCommit: String
    public var start: Date
    public var end: Date
    /// Wall time of the experiment, from a monotonic clock.
    public var wallSeconds: Double
    /// Worker threads used.
    public var threads: Int
    /// Files of the run directory, relative to it (filled in by `RunDirectory.write`).
    public var files: [String] = []
    /// Claims evaluated, and how many hold (nil when none were evaluated).
    public var claimsHolding: (holding: Int, total: Int)?

    public init(runID: String, source: String, config: SimulationConfig, toolVersion: String, gitCommit: String,
                start: Date, end: Date, wallSeconds: Double, threads: Int) {
        self.runID = runID; self.source = source; self.config = config; self.toolVersion = toolVersion
        self.gitCommit = gitCommit; self.start = start; self.end = end; self.wallSeconds = wallSeconds; self.threads = threads
    }

    /// The manifest as pretty JSON with a fixed key order; the configuration keeps its YAML
    /// keys and order.
    public func json() -> String {
        var lines: [String] = []
        func field(_ k: String, _ v: String) { lines.append("  " + JSONText.quote(k) + ": " + v) }
        field("tool", JSONText.quote("chorus"))
        field("tool_version", JSONText.quote(toolVersion))
        field("git_commit", JSONText.quote(gitCommit))
        field("run_id", JSONText.quote(runID))
        field("source", JSONText.quote(source))
        field("start_time", JSONText.quote(RunManifest.iso8601(start)))
        field("end_time", JSONText.quote(RunManifest.iso8601(end)))
        field("wall_time_seconds", JSONText.number((wallSeconds * 1000).rounded() / 1000))
        field("threads", "\(threads)")
        field("seeds", "[" + config.seeds.map { "\($0)" }.joined(separator: ", ") + "]")
        field("regimes", "[" + config.regimes.map(JSONText.quote).joined(separator: ", ") + "]")
        if let c = claimsHolding { field("claims", "{\"holding\": \(c.holding), \"total\": \(c.total)}") }
        field("files", "[" + files.map(JSONText.quote).joined(separator: ", ") + "]")
        field("config", RunManifest.json(ConfigTree.node(of: config), indent: 2))
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// ISO-8601 UTC with seconds, e.g. `2026-11-25T10:50:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// The commit of the git checkout containing the working directory, or "unknown" (no git,
    /// not a checkout).
    public static func gitCommit(in directory: URL? = nil) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "rev-parse", "HEAD"]
        if let d = directory { p.currentDirectoryURL = d }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { return "unknown" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let s = String(data: data, encoding: .utf8) else { return "unknown" }
        let hash = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return hash.count == 40 && hash.allSatisfy(\.isHexDigit) ? hash : "unknown"
    }

    /// A configuration tree as JSON: plain `true`/`false` as booleans, numeric plain scalars
    /// as numbers (non-finite as null), everything else as strings.
    static func json(_ node: Node, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        switch node {
        case .mapping(let m):
            if m.isEmpty { return "{}" }
            return "{\n" + m.map { pad + JSONText.quote($0.key.string ?? "") + ": " + json($0.value, indent: indent + 2) }
                .joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "}"
        case .sequence(let q):
            return "[" + q.map { json($0, indent: indent + 2) }.joined(separator: ", ") + "]"
        case .scalar(let s):
            guard s.style == .plain || s.style == .any else { return JSONText.quote(s.string) }
            if s.string == "true" || s.string == "false" { return s.string }
            if s.string == "null" { return "null" }
            if let x = ConfigNodeDecoder.parseDouble(s.string) { return x.isFinite ? (Int(s.string) != nil ? s.string : JSONText.number(x)) : "null" }
            return JSONText.quote(s.string)
        default:
            return "null"
        }
    }
}
