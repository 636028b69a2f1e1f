import Foundation
import ChorusStats
import ChorusRecords

/// Runs the points of a sweep (or of one shard) into a sweep directory, one durable file per
/// point, skipping points already done: the same command resumes after a `kill -9`.
///
/// Points run on all cores: when there are at least as many pending points as threads, points
/// run in parallel with one thread each; otherwise one at a time, each point's (regime, seed)
/// pairs in parallel. Results do not depend on it (every pair draws from its own streams).
public enum SweepRunner {
    /// What a run did.
    public struct Report: Sendable {
        /// Points of this shard.
        public var total = 0
        /// Points found done (valid files) and not recomputed.
        public var reused = 0
        /// Points computed now (failed ones included).
        public var computed = 0
        /// Files that were stale (point index, why) and were recomputed.
        public var stale: [(index: Int, reason: String)] = []
        /// Points that failed now (index, error).
        public var failed: [(index: Int, error: String)] = []
        /// The valid point files of this shard by point index (reused and computed ones), so
        /// that the merge of a single-process run need not read back the files it just wrote
        /// (`SweepMerge.collect(plan:directories:toolVersion:known:)`).
        public var files: [Int: PointFile] = [:]
    }

    /// Runs the pending points of `plan` (of shard `shard.index` of `shard.count`, if given).
    /// - Parameters:
    ///   - plan: the sweep's points.
    ///   - directory: the sweep directory the point files go to.
    ///   - toolVersion: the running tool's version, recorded in each point file.
    ///   - shard: run only the points whose position ≡ `index` (mod `count`).
    ///   - threads: worker threads (nil: one per core).
    ///   - progressTotal: given the number of pending points, makes the progress display (or nil).
    ///   - log: one-line notes (stale files, failures), for standard error.
    /// - Throws: `SweepError` for a directory that holds another sweep or cannot be written.
    public static func run(plan: SweepPlan, directory: URL, toolVersion: String,
                           shard: (index: Int, count: Int)? = nil, threads: Int? = nil,
                           progressTotal: ((Int) -> SweepProgress?)? = nil,
                           log: @escaping @Sendable (String) -> Void = { _ in }) throws -> Report {
        try SweepDirectory.prepare(directory, spec: plan.spec)
        let mine = shard.map { plan.shard($0.index, of: $0.count) } ?? plan.points
        var report = Report()
        report.total = mine.count
        var pending: [SweepPlan.Point] = []
        for p in mine {
            let url = SweepDirectory.pointURL(directory, id: p.id)
            guard FileManager.default.fileExists(atPath: url.path) else { pending.append(p); continue }
            do {
                let f = try PointFile.read(url, expectedID: p.id, toolVersion: toolVersion)
                if f.ok { report.reused += 1; report.files[p.index] = f } else { pending.append(p) }   // a failed point is tried again
            } catch {
                report.stale.append((p.index, error.description))
                log("sweep: point \(p.index) (\(p.id).json) is stale: \(error.description); recomputing\n")
                pending.append(p)
            }
        }
        let progress = progressTotal?(pending.count)
        let todo = pending
        let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let outer = pending.count >= workers ? workers : 1
        let inner = outer == 1 ? workers : 1
        let results = Parallel.Slots<PointFile>(count: pending.count)
        let writeErrors = Parallel.Slots<String?>(count: pending.count)
        let spec = plan.spec
        Parallel.forEach(count: pending.count, threads: outer) { i in
            let p = todo[i]
            let file = SweepRunner.compute(p, spec: spec, toolVersion: toolVersion, threads: inner)
            do {
                try AtomicFile.write(try file.json(), to: SweepDirectory.pointURL(directory, id: p.id))
                writeErrors.set(i, nil)
            } catch {
                writeErrors.set(i, "\(error)")
            }
            if let e = file.error { log("sweep: point \(p.index) failed: \(e)\n") }
            results.set(i, file)
            progress?.pointFinished(failed: !file.ok)
        }
        for (i, e) in writeErrors.values().enumerated() {
            if let e { throw SweepError.badDirectory(path: directory.path, reason: "cannot write point \(pending[i].index): \(e)") }
        }
        for f in results.values() {
            if f.ok { report.files[f.index] = f } else { report.failed.append((f.index, f.error ?? "")) }
        }
        report.computed = pending.count
        return report
    }

    /// Runs one point: the experiment, its kept rows and (if asked) the claims. An error
    /// becomes a failed point file carrying its message.
    public static func compute(_ p: SweepPlan.Point, spec: SweepSpec, toolVersion: String, threads: Int) -> PointFile {
        var file = PointFile(toolVersion: toolVersion, id: p.id, index: p.index, settings: p.settings,
                             seeds: p.config.seeds, error: nil, rows: [], claims: [])
        do {
            let result = try Experiment(config: p.config).run(threads: threads)
            if !spec.claims.isEmpty {
                let selected = Set(spec.claims)
                file.claims = Claims.evaluate(result.summarize()).filter { selected.contains($0.number) }.map {
                    PointFile.Claim(number: $0.number, statement: $0.statement, holds: $0.holds, margin: $0.margin.map(PointFile.Estimate.init))
                }
            }
            if spec.metrics.isEmpty {
                file.rows = result.rows
            } else {
                let keep = Set(spec.metrics)
                file.rows = result.rows.filter { keep.contains($0.metric) }
            }
        } catch {
            file.error = "\(error)"
        }
        return file
    }
}

