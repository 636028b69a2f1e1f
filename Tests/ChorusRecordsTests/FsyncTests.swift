import Foundation
import Testing
@testable import ChorusRecords

/// Issue 10: "the folder is fsynced after a rename". The writers are observed through
/// `Fsync.observer` (a task-local): each fsync is recorded with the state of the files at that
/// moment, so the tests check not only that the calls happen but that they come in the right
/// order (the file before its rename, the folder after it).
@Suite final class FsyncTests {
    let root: URL
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-fsync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    /// One observed fsync and what `probe` saw when it happened.
    struct Seen: Sendable { var call: Fsync.Call; var probe: String }

    /// A value shared with the observer (which may be called from any thread).
    final class Locked<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: T
        init(_ value: T) { self.value = value }
        func update(_ f: (inout T) -> Void) { lock.lock(); f(&value); lock.unlock() }
        var current: T { lock.lock(); defer { lock.unlock() }; return value }
    }

    /// Runs `body` with an observer that records every fsync and `probe()` at that moment.
    func observe(probe: @escaping @Sendable () -> String, _ body: () throws -> Void) rethrows -> [Seen] {
        let seen = Locked<[Seen]>([])
        try Fsync.$observer.withValue({ call in
            let p = probe()
            seen.update { $0.append(Seen(call: call, probe: p)) }
        }) { try body() }
        return seen.current
    }

    static func contents(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? "<absent>"
    }

    @Test func anAtomicFileIsFsyncedBeforeItsRenameAndItsFolderAfter() throws {
        let dir = root.appendingPathComponent("out")
        let url = dir.appendingPathComponent("table.csv")
        try AtomicFile.write("old\n", to: url)
        let seen = try observe(probe: { Self.contents(url) }) {
            try AtomicFile.write("new\n", to: url)
        }
        #expect(seen.count == 2)
        guard seen.count == 2 else { return }
        // 1. The temporary file, while the destination still holds the old bytes.
        let tmpName = (seen[0].call.path as NSString).lastPathComponent
        #expect(tmpName.hasPrefix(".table.csv.tmp-"))
        #expect((seen[0].call.path as NSString).deletingLastPathComponent == dir.standardizedFileURL.path)
        #expect(seen[0].probe == "old\n")
        // 2. The folder, after the rename: the new bytes are in place.
        #expect(seen[1].call.path == dir.standardizedFileURL.path)
        #expect(seen[1].probe == "new\n")
        #expect(seen.allSatisfy { $0.call.succeeded })
        #expect(!FileManager.default.fileExists(atPath: seen[0].call.path))   // the temporary name is gone
    }

    @Test func produceFsyncsTheSameWay() throws {
        let url = root.appendingPathComponent("figure.svg")
        let seen = try observe(probe: { Self.contents(url) }) {
            try AtomicFile.produce(at: url) { tmp in try Data("<svg/>".utf8).write(to: tmp) }
        }
        #expect(seen.map { ($0.call.path as NSString).deletingLastPathComponent == root.standardizedFileURL.path } == [true, false])
        #expect(seen.map(\.probe) == ["<absent>", "<svg/>"])
        #expect(seen.last?.call.path == root.standardizedFileURL.path)
    }

    @Test func aCommittedFolderHasEveryFileFsyncedThenItsParentAfterTheRename() throws {
        let out = root.appendingPathComponent("run")
        let first = try OutputDirectory.prepare(explicit: out, force: false)
        try AtomicFile.write("1", to: first.staging.appendingPathComponent("a.csv"))
        try FileManager.default.createDirectory(at: first.staging.appendingPathComponent("figures"), withIntermediateDirectories: false)
        try AtomicFile.write("2", to: first.staging.appendingPathComponent("figures/b.png"))
        let marker = out.appendingPathComponent("a.csv")
        let seen = try observe(probe: { Self.contents(marker) }) { try first.commit() }
        let staging = first.staging.standardizedFileURL.path
        let paths = seen.map(\.call.path)
        // Every file and folder of the staging tree, before the rename (nothing at the destination yet).
        for p in ["a.csv", "figures", "figures/b.png", ""] {
            let full = p.isEmpty ? staging : staging + "/" + p
            let i = paths.firstIndex(of: full)
            #expect(i != nil, "\(full) was not fsynced")
            if let i { #expect(seen[i].probe == "<absent>") }
        }
        // The parent, last, after the rename: the folder is in place.
        #expect(paths.last == root.standardizedFileURL.path)
        #expect(seen.last?.probe == "1")

        // A forced replacement: the parent is fsynced after the swap, with the new folder in place.
        let second = try OutputDirectory.prepare(explicit: out, force: true)
        try AtomicFile.write("new", to: second.staging.appendingPathComponent("a.csv"))
        let again = try observe(probe: { Self.contents(marker) }) { try second.commit() }
        let parentCalls = again.filter { $0.call.path == root.standardizedFileURL.path }
        #expect(!parentCalls.isEmpty)
        #expect(parentCalls.allSatisfy { $0.probe == "new" })
        #expect(again.filter { $0.probe == "new" }.count == parentCalls.count)   // files fsynced before the swap
    }

    @Test func noObserverOutsideTheScope() throws {
        // The observer is task-local: a write outside `withValue` is not recorded.
        let seen = Locked(0)
        Fsync.$observer.withValue({ _ in seen.update { $0 += 1 } }) {}
        try AtomicFile.write("x", to: root.appendingPathComponent("x"))
        #expect(seen.current == 0)
    }
}
