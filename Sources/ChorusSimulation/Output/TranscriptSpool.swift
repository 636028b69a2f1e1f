import Foundation
import ChorusRecords

/// Transcripts written to disk as the debates are made, so that `chorus simulate --transcripts`
/// never holds them in memory (issue 10: 15 seeds of transcripts took 587 MB before).
///
/// Each (regime, seed) pair writes its records, debate by debate, to its own part file per
/// recorded iteration (`iteration-K.pair-T.jsonl` in `directory`, through a `LineWriter`), from
/// the worker thread that runs it. `assemble` then concatenates the parts of an iteration in
/// pair order into `transcripts/iteration-K.jsonl`: the same bytes, in the same order, as
/// encoding the in-memory records (regime order, then seed order, then the run's own order),
/// whatever the thread count. Records carry the run id, as `RunDirectory` writes them.
/// - Complexity: memory O(one debate's records + one 1 MiB buffer per open part); the parts
///   take the transcripts' size on disk until assembled.
public final class TranscriptSpool: @unchecked Sendable {
    /// The folder of the part files (inside the run's staging folder, so a killed run leaves
    /// them only where leftovers are cleaned up).
    public let directory: URL
    /// The run's id (the records' `run` field).
    public let runID: String
    /// The iterations whose transcripts are spooled.
    public let iterations: [Int]
    private let lock = NSLock()
    private var firstError: (any Error)?

    /// A spool writing into `directory`, one file per iteration in `iterations`.
    /// - Throws: when the directory cannot be created.
    public init(directory: URL, runID: String, iterations: [Int]) throws {
        self.directory = directory; self.runID = runID; self.iterations = iterations
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        catch { throw FileIOError.cannotWrite(path: directory.path, reason: error.localizedDescription) }
    }

    func part(iteration: Int, pair: Int) -> URL {
        directory.appendingPathComponent("iteration-\(iteration).pair-\(pair).jsonl")
    }

    /// The writer of one (regime, seed) pair, used by one thread.
    func writer(pair: Int) -> PairWriter { PairWriter(spool: self, pair: pair) }

    func fail(_ error: any Error) {
        lock.lock(); defer { lock.unlock() }
        if firstError == nil { firstError = error }
    }

    /// Throws the first write error of any pair (a full disk), if there was one.
    public func check() throws {
        lock.lock(); defer { lock.unlock() }
        if let e = firstError { throw e }
    }

    /// Writes `url` as the parts of iteration `k` of pairs 0..<`pairs`, in order, and removes them.
    public func assemble(iteration k: Int, pairs: Int, to url: URL) throws {
        try check()
        let out = try LineWriter(url: url)
        for t in 0..<pairs {
            let p = part(iteration: k, pair: t)
            guard FileManager.default.fileExists(atPath: p.path) else { continue }   // a pair with no record (no test debate)
            guard let h = FileHandle(forReadingAtPath: p.path) else { throw FileIOError.cannotRead(path: p.path, reason: "cannot open") }
            defer { try? h.close() }
            while true {
                let chunk: Data
                do { chunk = try h.read(upToCount: LineWriter.bufferSize) ?? Data() } catch {
                    throw FileIOError.cannotRead(path: p.path, reason: error.localizedDescription)
                }
                if chunk.isEmpty { break }
                try out.write(bytes: chunk)
            }
            try? FileManager.default.removeItem(at: p)
        }
        try out.close()
    }

    /// Removes the parts folder (after assembling).
    public func removeParts() { try? FileManager.default.removeItem(at: directory) }

    /// One pair's part files, opened at the first record of each iteration.
    final class PairWriter {
        let spool: TranscriptSpool
        let pair: Int
        private var writers: [Int: LineWriter] = [:]
        private var failed = false

        init(spool: TranscriptSpool, pair: Int) { self.spool = spool; self.pair = pair }

        /// Appends records (each with the run id); after an error, does nothing (see `check`).
        func write(_ records: [ResponseRecord]) {
            guard !failed else { return }
            do {
                for var r in records {
                    let w: LineWriter
                    if let x = writers[r.iteration] { w = x } else {
                        w = try LineWriter(url: spool.part(iteration: r.iteration, pair: pair), durable: false)
                        writers[r.iteration] = w
                    }
                    r.run = spool.runID
                    try w.write(RecordsJSONL.encodeLine(r) + "\n")
                }
            } catch { failed = true; spool.fail(error) }
        }

        /// Closes the part files (renaming them into place).
        func close() {
            for (_, w) in writers.sorted(by: { $0.key < $1.key }) where !failed {
                do { try w.close() } catch { failed = true; spool.fail(error) }
            }
            writers = [:]
        }
    }
}
