import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusRecords

/// Issue 10: output folders are never mixed or lost.
@Suite final class OutputDirectoryTests {
    let root: URL
    init() throws {
        root = try temporaryDirectory()
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    func names(_ url: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

    @Test func aNonEmptyFolderIsRefusedUnlessForcedAndThenReplacedWhole() throws {
        let out = root.appendingPathComponent("run")
        let first = try OutputDirectory.prepare(explicit: out, force: false)
        try AtomicFile.write("old a", to: first.staging.appendingPathComponent("a.txt"))
        try AtomicFile.write("old stale", to: first.staging.appendingPathComponent("stale.txt"))
        try first.commit()
        #expect(names(out) == ["a.txt", "stale.txt"])
        #expect(names(root) == ["run"])                       // no staging folder left

        #expect(throws: FileIOError.self) { _ = try OutputDirectory.prepare(explicit: out, force: false) }
        let second = try OutputDirectory.prepare(explicit: out, force: true)
        try AtomicFile.write("new a", to: second.staging.appendingPathComponent("a.txt"))
        // Until the commit the old run is intact.
        #expect(try String(contentsOf: out.appendingPathComponent("a.txt"), encoding: .utf8) == "old a")
        try second.commit()
        #expect(names(out) == ["a.txt"])                      // the stale file of the old run is gone
        #expect(try String(contentsOf: out.appendingPathComponent("a.txt"), encoding: .utf8) == "new a")
        #expect(names(root) == ["run"])

        // A file where the folder should go, and an empty folder (accepted without --force).
        let file = root.appendingPathComponent("file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: FileIOError.self) { _ = try OutputDirectory.prepare(explicit: file, force: true) }
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let e = try OutputDirectory.prepare(explicit: empty, force: false)
        try AtomicFile.write("1", to: e.staging.appendingPathComponent("x"))
        try e.commit()
        #expect(names(empty) == ["x"])
    }

    @Test func abandonLeavesNothingBehind() throws {
        let d = try OutputDirectory.prepare(defaultIn: root, base: "job")
        try AtomicFile.write("partial", to: d.staging.appendingPathComponent("metrics.csv"))
        d.abandon()
        #expect(names(root).isEmpty)
    }

    @Test func concurrentDefaultFoldersAreDistinct() throws {
        let n = 20
        let lock = NSLock()
        nonisolated(unsafe) var made: [URL] = []
        let root = self.root
        DispatchQueue.concurrentPerform(iterations: n) { i in
            do {
                let d = try OutputDirectory.prepare(defaultIn: root, base: "same-second")
                try AtomicFile.write("\(i)", to: d.staging.appendingPathComponent("id"))
                try d.commit()
                lock.lock(); made.append(d.destination); lock.unlock()
            } catch { Issue.record("\(error)") }
        }
        #expect(Set(made.map(\.path)).count == n)
        let folders = names(root)
        #expect(folders.count == n)
        // Each holds exactly the file of one run, each run's id once.
        let ids = folders.compactMap { try? String(contentsOf: root.appendingPathComponent($0).appendingPathComponent("id"), encoding: .utf8) }
        #expect(Set(ids) == Set((0..<n).map(String.init)))
    }

    @Test func leftoversOfDeadProcessesAreRemovedAndLiveOnesKept() throws {
        // A PID above the kernel's maximum never runs.
        let dead = root.appendingPathComponent(".metrics.csv.tmp-99999999-1")
        let deadDir = root.appendingPathComponent(".run.tmp-99999999-7")
        let aside = root.appendingPathComponent(".run.old-99999999-3")
        let live = root.appendingPathComponent(".metrics.csv.tmp-\(getpid())-2")
        for f in [dead, live] { try "x".write(to: f, atomically: false, encoding: .utf8) }
        for d in [deadDir, aside] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        try AtomicFile.write("new", to: root.appendingPathComponent("metrics.csv"))
        #expect(names(root) == [".metrics.csv.tmp-\(getpid())-2", ".run.old-99999999-3", ".run.tmp-99999999-7", "metrics.csv"])
        let d = try OutputDirectory.prepare(explicit: root.appendingPathComponent("run"), force: false)
        #expect(d.removedLeftovers == [".run.old-99999999-3", ".run.tmp-99999999-7"])
        d.abandon()
        #expect(names(root) == [".metrics.csv.tmp-\(getpid())-2", "metrics.csv"])
    }
}

/// Atomic single-file writes.
@Suite struct AtomicFileTests {
    @Test func aReadOnlyFileIsNotReplaced() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("figure.png")
        try AtomicFile.write("first", to: f)
        try AtomicFile.write("second", to: f)                 // a writable file is replaced
        chmod(f.path, 0o444)
        #expect(throws: FileIOError.cannotWrite(path: f.path, reason: "the file exists and is read-only")) { try AtomicFile.write("third", to: f) }
        #expect(try String(contentsOf: f, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["figure.png"])
    }
}

/// `--out` given as a symbolic link to a folder.
@Suite struct OutputDirectoryLinkTests {
    @Test func aLinkToAFolderIsFilledNotReplaced() throws {
        let root = try temporaryDirectory()
        let real = root.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let d = try OutputDirectory.prepare(explicit: link, force: false)
        try AtomicFile.write("x", to: d.staging.appendingPathComponent("metrics.csv"))
        try d.commit()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("metrics.csv").path))
    }
}
