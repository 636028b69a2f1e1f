import Foundation
import ChorusRecords

/// The layout of a sweep directory: `sweep-spec.txt` (the spec's canonical text, so that a
/// directory is never mixed with another sweep's points) and `points/<id>.json`.
public enum SweepDirectory {
    /// The file that records which sweep a directory holds.
    public static let specFile = "sweep-spec.txt"
    /// The folder of the point files.
    public static let pointsFolder = "points"
    /// The folder of a sweep directory where the Slurm scripts (`scripts/slurm/`) write their
    /// jobs' logs: a shard's log exists before the shard starts, so `prepare` allows it.
    public static let logsFolder = "logs"

    /// The file of point `id` in the sweep directory `dir`.
    public static func pointURL(_ dir: URL, id: String) -> URL {
        dir.appendingPathComponent(pointsFolder).appendingPathComponent(id + ".json")
    }

    /// Creates the directory for `spec` (or checks that an existing one holds the same sweep).
    /// Concurrent shards may call this at once: the spec file is written atomically and equal.
    /// - Throws: `SweepError.mismatchedSpecs` when the directory holds another sweep;
    ///   `SweepError.badDirectory` when it cannot be created, or when it is a non-empty folder
    ///   that is not a sweep directory (no spec file; hidden files, `points/` and `logs/` aside):
    ///   the sweep's files would be mixed with whatever it holds (issue 10).
    public static func prepare(_ dir: URL, spec: SweepSpec) throws {
        try check(dir, spec: spec, mustExist: false)
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent(specFile).path),
           let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path),
           // A concurrent shard may have made points/ only; the Slurm scripts' logs/ comes first.
           let first = items.filter({ !$0.hasPrefix(".") && $0 != pointsFolder && $0 != logsFolder }).sorted().first {
            throw SweepError.badDirectory(path: dir.path, reason: "it holds files (e.g. \(first)) and no \(specFile): not a sweep directory; use another --out")
        }
        do {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(pointsFolder), withIntermediateDirectories: true)
            let url = dir.appendingPathComponent(specFile)
            if !FileManager.default.fileExists(atPath: url.path) { try AtomicFile.write(spec.canonicalText, to: url) }
        } catch {
            throw SweepError.badDirectory(path: dir.path, reason: "\(error)")
        }
    }

    /// Checks that `dir` holds points of `spec`.
    public static func check(_ dir: URL, spec: SweepSpec, mustExist: Bool) throws {
        let url = dir.appendingPathComponent(specFile)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            if mustExist { throw SweepError.badDirectory(path: dir.path, reason: "no \(specFile): not a sweep directory (or the sweep never started)") }
            return
        }
        let stored = String(decoding: data, as: UTF8.self)
        guard stored == spec.canonicalText else {
            let a = stored.split(separator: "\n"), b = spec.canonicalText.split(separator: "\n")
            let first = zip(a, b).first { $0 != $1 }.map { "it has '\($0.0)', this sweep '\($0.1)'" } ?? "different number of fields"
            throw SweepError.mismatchedSpecs(path: dir.path, reason: "\(first); use another output directory")
        }
    }
}
