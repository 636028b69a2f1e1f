import Foundation
import ChorusRecords

/// Figures written as one set (all files named `PREFIX*` with a figure extension) into a
/// folder that also holds other files, such as the repository's `figures/` (`chorus reproduce`;
/// issue 10: it silently replaced the figures there, even read-only ones).
///
/// The rules are those of run directories (`OutputTarget`), for a set of files instead of a
/// folder:
/// - `prepare`, before any compute: an existing file of the set is refused unless `force`
///   (the error names the folder, how many and one of them); a read-only one is refused even
///   with `force`; the folder must be creatable and writable.
/// - The figures are drawn into a hidden staging folder (`.PREFIXfigures.tmp-PID-RANDOM`)
///   next to the set, so nothing of the old set is touched until the new one is complete.
/// - `commit` removes the old set's files (so no stale figure of an earlier run stays beside the
///   new ones), renames the new files in, fsyncs the folder and removes the staging folder.
///   Between the first removal and the last rename the set is incomplete (one folder cannot be
///   swapped as a whole when it holds other files); a kill there leaves the staging folder,
///   which the next `prepare` removes with a `note:` (`Leftovers`).
struct FigureSetTarget {
    static let extensions: Set<String> = ["png", "pdf", "svg"]

    let folder: URL
    let prefix: String
    let staging: URL

    /// The files of the set now in `folder`, by name.
    static func existing(in folder: URL, prefix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") && extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
    }

    static func prepare(folder: URL, prefix: String, force: Bool, option: String) throws -> FigureSetTarget {
        let old = existing(in: folder, prefix: prefix)
        if !old.isEmpty {
            guard force else {
                throw FileIOError.cannotWrite(path: folder.path, reason: "the folder already holds \(old.count) \(prefix)* figure file(s) (e.g. \(old[0])); give --force to replace them, or another \(option)")
            }
            for name in old {
                var st = stat()
                let p = folder.appendingPathComponent(name).path
                if lstat(p, &st) == 0, (st.st_mode & 0o222) == 0 {
                    throw FileIOError.cannotWrite(path: p, reason: "the file exists and is read-only")
                }
            }
        }
        let anchor = folder.appendingPathComponent("\(prefix)figures")
        try AtomicFile.prepareDirectory(for: anchor)
        let removed = Leftovers.clean(near: anchor)
        if !removed.isEmpty {
            Console.current.note("removed \(removed.count) leftover(s) of killed runs in \(folder.path): \(removed.joined(separator: ", "))")
        }
        let staging = folder.appendingPathComponent(".\(prefix)figures.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false) }
        catch { throw FileIOError.cannotWrite(path: staging.path, reason: error.localizedDescription) }
        return FigureSetTarget(folder: folder, prefix: prefix, staging: staging)
    }

    /// Replaces the old set by the files drawn in `staging`; returns their final URLs by name.
    func commit() throws -> [String: URL] {
        Fsync.tree(staging)
        for name in Self.existing(in: folder, prefix: prefix) {
            do { try FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
            catch { throw FileIOError.cannotWrite(path: folder.appendingPathComponent(name).path, reason: error.localizedDescription) }
        }
        var placed: [String: URL] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? [] {
            let dest = folder.appendingPathComponent(name)
            guard rename(staging.appendingPathComponent(name).path, dest.path) == 0 else {
                throw FileIOError.cannotWrite(path: dest.path, reason: String(cString: strerror(errno)))
            }
            placed[name] = dest
        }
        Fsync.directory(folder)
        try? FileManager.default.removeItem(at: staging)
        return placed
    }

    func abandon() { try? FileManager.default.removeItem(at: staging) }
}
