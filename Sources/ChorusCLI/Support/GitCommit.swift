import Foundation

/// The git commit recorded in a run's manifest. Running `git` is the command line's business:
/// the simulation library takes the commit as a value (`RunManifest.gitCommit`) and never
/// starts a process (issue 9).
enum GitCommit {
    /// The commit of the git checkout containing the working directory, or "unknown" (no git,
    /// not a checkout).
    static func current(in directory: URL? = nil) -> String {
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
}
