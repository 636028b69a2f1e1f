import Foundation

/// An output folder written as a whole: files go to a hidden staging sibling
/// (`.NAME.tmp-PID-RANDOM`), and `commit()` renames it into place, so a reader (or a later
/// run, after a crash or `kill -9`) finds at the destination either nothing, the old folder or
/// the complete new one, never a mix.
///
/// Rules (docs/configuration.md, "Output folders"):
/// - `prepare(explicit:force:)` is called *before* any compute: it refuses a destination that
///   is a file, a non-empty folder without `force`, or a parent that cannot be created or written.
/// - `prepare(defaultIn:base:)` creates `base`, `base-2`, `base-3`, … with `mkdir(2)`, which
///   fails if the name exists, so concurrent runs always get distinct folders.
/// - `commit()` renames the staging folder over the destination. An empty destination is
///   replaced by one `rename(2)`; a non-empty one (`--force`) is first renamed aside to
///   `.NAME.old-PID-RANDOM` and removed after the new folder is in place (between the two
///   renames the destination is briefly absent). The parent folder is fsynced afterwards.
/// - Leftovers of killed runs (`.NAME.tmp-PID-*`, `.NAME.old-PID-*` whose process no longer
///   exists) are removed by `prepare`, which lists them in `removedLeftovers`.
public struct OutputDirectory: Sendable {
    /// Where the folder ends up.
    public let destination: URL
    /// Where files are written until `commit()`.
    public let staging: URL
    /// Stale temporary folders and files of killed runs that `prepare` removed.
    public private(set) var removedLeftovers: [String] = []
    /// Whether `prepare` created the (empty) destination itself.
    private let createdDestination: Bool

    private init(destination: URL, createdDestination: Bool) {
        self.destination = destination
        self.createdDestination = createdDestination
        self.staging = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Checks an explicit destination (`--out DIR`) before compute and creates the staging folder.
    /// - Throws: `FileIOError.cannotWrite` when `url` is a file, a non-empty folder (and
    ///   `force` is false) or its parent cannot be created or written.
    public static func prepare(explicit url: URL, force: Bool) throws -> OutputDirectory {
        // A symbolic link to a folder stands for that folder (renaming over the link would
        // replace the link, not fill the folder it points to).
        let url = url.standardizedFileURL.resolvingSymlinksInPath()
        var st = stat()
        if lstat(url.path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            guard kind == S_IFDIR || (kind == S_IFLNK && isDirectory(url)) else {
                throw FileIOError.cannotWrite(path: url.path, reason: "it exists and is not a directory")
            }
            if !force, let items = try? FileManager.default.contentsOfDirectory(atPath: url.path), !items.isEmpty {
                throw FileIOError.cannotWrite(path: url.path, reason: "the folder already holds \(items.count) file(s) "
                                              + "(e.g. \(items.sorted()[0])); give --force to replace it, or another --out")
            }
        }
        try AtomicFile.prepareDirectory(for: url)
        var d = OutputDirectory(destination: url, createdDestination: false)
        try d.createStaging()
        return d
    }

    /// Creates a fresh destination `root/base`, or `root/base-2`, `-3`, … when taken, exclusively.
    public static func prepare(defaultIn root: URL, base: String) throws -> OutputDirectory {
        let probe = root.appendingPathComponent(base)
        try AtomicFile.prepareDirectory(for: probe)
        for k in 1...100_000 {
            let url = root.appendingPathComponent(k == 1 ? base : "\(base)-\(k)").standardizedFileURL
            if mkdir(url.path, 0o755) == 0 {
                var d = OutputDirectory(destination: url, createdDestination: true)
                do { try d.createStaging() } catch { rmdir(url.path); throw error }
                return d
            }
            guard errno == EEXIST else {
                throw FileIOError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
            }
        }
        throw FileIOError.cannotWrite(path: probe.path, reason: "100000 folders of this name exist")
    }

    private mutating func createStaging() throws {
        removedLeftovers = Leftovers.clean(near: destination)
        guard mkdir(staging.path, 0o755) == 0 else {
            throw FileIOError.cannotWrite(path: staging.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Moves the staging folder into place (see the type's rules) and fsyncs the parent.
    public func commit() throws {
        Fsync.tree(staging)
        let fm = FileManager.default
        if rename(staging.path, destination.path) != 0 {
            guard errno == ENOTEMPTY || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw FileIOError.cannotWrite(path: destination.path, reason: reason)
            }
            let aside = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            guard rename(destination.path, aside.path) == 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw FileIOError.cannotWrite(path: destination.path, reason: "cannot move the old folder aside: \(reason)")
            }
            guard rename(staging.path, destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(aside.path, destination.path)
                abandon()
                throw FileIOError.cannotWrite(path: destination.path, reason: reason)
            }
            Fsync.directory(destination.deletingLastPathComponent())
            try? fm.removeItem(at: aside)
        }
        Fsync.directory(destination.deletingLastPathComponent())
    }

    /// Removes the staging folder (and the destination if `prepare` created it empty): for a
    /// run that failed after `prepare`.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
        if createdDestination { rmdir(destination.path) }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var st = stat()
        return stat(url.path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}

/// Temporary files and folders left by killed writers: `.NAME.tmp-PID-*` (AtomicFile, staging
/// folders) and `.NAME.old-PID-*` (folders moved aside by a replacing commit).
public enum Leftovers {
    /// Removes leftovers of `url` in its folder whose writer process no longer exists; returns
    /// their names. A leftover of a live process (a concurrent writer) is kept.
    @discardableResult
    public static func clean(near url: URL) -> [String] {
        let dir = url.deletingLastPathComponent()
        let name = url.lastPathComponent
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        var removed: [String] = []
        for item in items {
            for kind in [".tmp-", ".old-"] {
                let prefix = "." + name + kind
                guard item.hasPrefix(prefix) else { continue }
                let rest = item.dropFirst(prefix.count)
                guard let pidText = rest.split(separator: "-").first, let pid = Int32(pidText) else { continue }
                if kill(pid, 0) == 0 || errno == EPERM { continue }   // still running (or not ours)
                if (try? FileManager.default.removeItem(at: dir.appendingPathComponent(item))) != nil { removed.append(item) }
            }
        }
        return removed.sorted()
    }
}

/// fsync(2) of files and folders, so that a rename is durable after a crash of the machine.
public enum Fsync {
    /// One fsync as an observer sees it: the path, and whether `fsync(2)` returned 0.
    public struct Call: Sendable, Equatable {
        /// The file or folder fsynced (standardized path).
        public var path: String
        /// Whether `fsync(2)` returned 0.
        public var succeeded: Bool
    }

    /// Called after every fsync made by the current task (tests: which files and folders were
    /// fsynced, and in which state the folder was at that moment). A task-local, so concurrent
    /// tests do not see each other's calls; nil (the default) costs one load.
    @TaskLocal public static var observer: (@Sendable (Call) -> Void)? = nil

    /// fsyncs one file or folder (errors are ignored: not every file system supports it).
    public static func path(_ url: URL) {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return }
        let ok = fsync(fd) == 0
        close(fd)
        observer?(Call(path: url.standardizedFileURL.path, succeeded: ok))
    }

    /// fsyncs a folder (its entries: created, renamed and removed names).
    public static func directory(_ url: URL) { path(url) }

    /// fsyncs every file and folder below `url`, and `url` itself.
    public static func tree(_ url: URL) {
        if let e = FileManager.default.enumerator(atPath: url.path) {
            while let p = e.nextObject() as? String { path(url.appendingPathComponent(p)) }
        }
        path(url)
    }
}
