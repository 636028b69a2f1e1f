import Foundation

/// Reading a configuration file safely: only a regular file (a symbolic link to one is
/// followed), at most `YAMLGuard.maxDocumentBytes`, so that a FIFO, a device or a huge file
/// can neither block nor exhaust memory.
enum ConfigFile {
    /// The file's bytes.
    /// - Throws: `SimulationError.unreadable` naming the path and the reason.
    static func read(_ path: String) throws -> Data {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw SimulationError.unreadable(path: path, reason: reason)
        }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFDIR { throw SimulationError.unreadable(path: path, reason: "it is a directory") }
        guard kind == S_IFREG else {
            throw SimulationError.unreadable(path: path, reason: "not a regular file (a FIFO, socket or device could block)")
        }
        guard Int(st.st_size) <= YAMLGuard.maxDocumentBytes else {
            throw SimulationError.unreadable(path: path, reason: "\(st.st_size) bytes; a configuration has at most \(YAMLGuard.maxDocumentBytes) bytes (1 MiB)")
        }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw SimulationError.unreadable(path: path, reason: "permission denied")
        }
        defer { try? h.close() }
        do {
            // One byte more than the limit: a file that grew since stat is still refused.
            let data = try h.read(upToCount: YAMLGuard.maxDocumentBytes + 1) ?? Data()
            guard data.count <= YAMLGuard.maxDocumentBytes else {
                throw SimulationError.unreadable(path: path, reason: "more than \(YAMLGuard.maxDocumentBytes) bytes (1 MiB)")
            }
            return data
        } catch let e as SimulationError {
            throw e
        } catch {
            throw SimulationError.unreadable(path: path, reason: "read error: \(error.localizedDescription)")
        }
    }
}
