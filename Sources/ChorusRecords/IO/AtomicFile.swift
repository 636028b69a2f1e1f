import Foundation

/// Errors of reading and writing files.
public enum FileIOError: Error, CustomStringConvertible, Equatable {
    /// The file at `path` could not be written (or renamed into place); `reason` says why.
    case cannotWrite(path: String, reason: String)
    /// The file at `path` could not be read; `reason` says why.
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let p, let r): return "cannot write \(p): \(r)"
        case .cannotRead(let p, let r): return "cannot read \(p): \(r)"
        }
    }
}

/// Atomic file output: write to a temporary file in the destination's folder, fsync it, then
/// rename it over the destination and fsync the folder, so a reader never sees a half-written
/// file and a crash leaves the old file intact (rename(2) is atomic within one file system).
/// Temporary files of killed writers (`.NAME.tmp-PID-*` of a PID that no longer runs) are
/// removed at the next write of the same name.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating parent folders as needed.
    public static func write(_ data: Data, to url: URL) throws {
        try prepareDirectory(for: url)
        let tmp = temporaryURL(for: url)
        do {
            try data.write(to: tmp, options: [])
            try replace(url, with: tmp)
        } catch let e as FileIOError {
            try? FileManager.default.removeItem(at: tmp); throw e
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw FileIOError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes a string as UTF-8, atomically.
    public static func write(_ text: String, to url: URL) throws { try write(Data(text.utf8), to: url) }

    /// Lets `produce` write a temporary file (by path), then moves it into place. For writers
    /// that insist on opening the file themselves (PLplot, streaming writers).
    public static func produce(at url: URL, _ produce: (URL) throws -> Void) throws {
        try prepareDirectory(for: url)
        let tmp = temporaryURL(for: url)
        do {
            try produce(tmp)
            try replace(url, with: tmp)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Creates the folder that will hold `url`, or throws a clear error. An existing file at
    /// `url` that is read-only is refused: renaming over it would silently replace a file its
    /// owner protected (`demo` and `reproduce` write to default figure paths).
    public static func prepareDirectory(for url: URL) throws {
        var st = stat()
        // By its mode bits (no write permission for anyone), so that it holds for root too.
        if lstat(url.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, (st.st_mode & 0o222) == 0 {
            throw FileIOError.cannotWrite(path: url.path, reason: "the file exists and is read-only")
        }
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw FileIOError.cannotWrite(path: url.path, reason: "\(dir.path) is not a directory") }
        } else {
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
            catch { throw FileIOError.cannotWrite(path: url.path, reason: "cannot create directory \(dir.path)") }
        }
        guard FileManager.default.isWritableFile(atPath: dir.path) else {
            throw FileIOError.cannotWrite(path: url.path, reason: "directory \(dir.path) is not writable")
        }
    }

    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// fsyncs the temporary file, renames it over `url`, fsyncs the folder (so the new name
    /// survives a crash of the machine), and removes leftovers of killed writers of `url`
    /// (`Leftovers.clean`).
    static func replace(_ url: URL, with tmp: URL) throws {
        Fsync.path(tmp)
        guard rename(tmp.path, url.path) == 0 else {
            throw FileIOError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        Fsync.directory(url.deletingLastPathComponent())
        Leftovers.clean(near: url)
    }
}
