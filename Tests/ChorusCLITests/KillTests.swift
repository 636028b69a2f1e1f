import Foundation
import Testing
import ChorusTestSupport
import ChorusStats

/// Issue 10: `chorus simulate` and `chorus analyze` killed with SIGKILL at random moments leave
/// at their output location either the old result or the complete new one (or, for a first
/// run, nothing): never a mix, never a half-written file. Runs the built `chorus` binary.
@Suite(.serialized) struct KillTests {
    static let packageRoot = Paths.packageRoot
    static let fixtures = Paths.fixtures

    static var binary: URL? {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("chorus"),
                          packageRoot.appendingPathComponent(".build/debug/chorus")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts `chorus args`; returns the process.
    static func start(_ args: [String], in dir: URL) throws -> Process {
        let p = Process()
        p.executableURL = binary!
        p.arguments = args
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Every regular file below `dir`, relative path → bytes.
    static func snapshot(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return out }
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let u = dir.appendingPathComponent(p)
            if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue { out[p] = try? Data(contentsOf: u) }
        }
        return out
    }

    /// Kills `args` at `trials` random moments within its measured duration; after each kill
    /// the location must hold the old snapshot or a state `isCompleteNew` accepts.
    func killRepeatedly(first: [String], second: [String], out: URL, work: URL, trials: Int, seed: UInt64,
                        isCompleteNew: ([String: Data]) -> Bool) throws {
        // The old result, and how long a full replacing run takes.
        let p0 = try Self.start(first, in: work); p0.waitUntilExit()
        #expect(p0.terminationStatus == 0)
        let old = Self.snapshot(out)
        #expect(!old.isEmpty)
        let t0 = Date()
        let p1 = try Self.start(second, in: work); p1.waitUntilExit()
        let duration = Date().timeIntervalSince(t0)
        #expect(p1.terminationStatus == 0)
        #expect(isCompleteNew(Self.snapshot(out)))

        var g = SeedStream(seed: seed).child("kill").generator()
        var sawOld = 0, sawNew = 0
        for trial in 0..<trials {
            // Reset to the old result, then replace it and kill at a random moment.
            try? FileManager.default.removeItem(at: out)
            let r = try Self.start(first, in: work); r.waitUntilExit()
            let old = Self.snapshot(out)   // this trial's old result (its manifest has new times)
            let delay = duration * 1.1 * Double(g.next() % 1000) / 1000
            let p = try Self.start(second, in: work)
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = Self.snapshot(out)
            if now == old { sawOld += 1 }
            else if isCompleteNew(now) { sawNew += 1 }
            else { Issue.record("trial \(trial) (kill after \(String(format: "%.2f", delay)) s): a mixed or partial result: \(now.keys.sorted())") }
        }
        // Whatever was left behind is hidden and removed by the next run.
        let p2 = try Self.start(second, in: work); p2.waitUntilExit()
        let leftovers = (try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(sawOld + sawNew == trials)
    }

    @Test func killedSimulateLeavesTheOldOrTheCompleteNewRun() throws {
        _ = try #require(Self.binary, "the chorus binary is not built (this test target depends on it, so `swift build --build-tests` builds it)")
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("run")
        let base = ["simulate", "--preset", "quick", "--threads", "1", "--quiet", "--out", out.path, "--force", "--transcripts", "0,2"]
        try killRepeatedly(first: base, second: base + ["--set", "debate.rounds=3"], out: out, work: work, trials: 4, seed: 1) { files in
            // Complete and new: the manifest lists exactly the table files present (the figures,
            // drawn from them in the same staging folder, sit beside them in figures/), and says rounds = 3.
            guard let m = files["manifest.json"], let json = try? JSONSerialization.jsonObject(with: m) as? [String: Any],
                  let listed = json["files"] as? [String], let config = json["config"] as? [String: Any],
                  let debate = config["debate"] as? [String: Any] else { return false }
            return Set(listed) == Set(files.keys.filter { !$0.hasPrefix("figures/") }) && (debate["rounds"] as? Int) == 3
        }
    }

    @Test func killedAnalyzeLeavesTheOldOrTheCompleteNewResult() throws {
        _ = try #require(Self.binary, "the chorus binary is not built (this test target depends on it, so `swift build --build-tests` builds it)")
        let work = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("analysis")
        let a = Self.fixtures.appendingPathComponent("du_numeric.json").path
        let b = Self.fixtures.appendingPathComponent("agora_small.json").path
        let common = ["--out", out.path, "--force", "--records"]
        try killRepeatedly(first: ["analyze", a] + common, second: ["analyze", b] + common, out: out, work: work, trials: 4, seed: 2) { files in
            guard let m = files["analysis.json"], let json = try? JSONSerialization.jsonObject(with: m) as? [String: Any],
                  let f = json["files"] as? [[String: Any]], f.count == 1,
                  let name = f[0]["file"] as? String ?? f[0]["name"] as? String else { return false }
            return name.hasSuffix("agora_small.json") && files["records.jsonl"] != nil && files["rounds.csv"] != nil
        }
    }
}
