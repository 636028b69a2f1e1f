import Foundation

/// A file written line by line through a fixed buffer, for outputs too large to hold in memory
/// (`chorus analyze`'s answers.csv and records.jsonl of a large log, simulated transcripts).
///
/// It writes to a temporary sibling (`.NAME.tmp-PID-RANDOM`, as `AtomicFile`) and `close()`
/// fsyncs it and renames it into place, so a reader never sees a half-written file. `mark()` and
/// `rewind(to:)` drop what was written since a mark: a reader that fails half-way through one
/// input (a malformed line 10⁶ lines in) takes back its rows, and the file keeps only whole inputs.
/// - Complexity: O(bytes written) time; memory O(`bufferSize`) whatever the file's size.
public final class LineWriter {
    /// Bytes buffered before a write(2): 1 MiB.
    public static let bufferSize = 1 << 20

    /// The destination file (written to a temporary file beside it until the writer is closed).
    public let url: URL
    private let tmp: URL
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var written: Int64 = 0
    private var closed = false
    private let durable: Bool

    /// Opens the temporary file of `url` (creating its folder). `durable: false` skips the
    /// fsyncs at `close` (intermediate files that a later step reads and removes).
    /// - Throws: `FileIOError.cannotWrite`.
    public init(url: URL, durable: Bool = true) throws {
        try AtomicFile.prepareDirectory(for: url)
        self.url = url
        self.durable = durable
        tmp = AtomicFile.temporaryURL(for: url)
        fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileIOError.cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        if !closed { closeFD(fd); unlink(tmp.path) }
    }

    /// Appends text (the caller adds the "\n").
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends raw bytes (a copied file's contents).
    public func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// The position to come back to with `rewind(to:)`.
    public func mark() -> Int64 { written + Int64(buffer.count) }

    /// Drops everything written after `mark`.
    public func rewind(to mark: Int64) throws {
        if mark >= written {
            buffer.removeLast(buffer.count - Int(mark - written))
            return
        }
        buffer.removeAll(keepingCapacity: true)
        guard ftruncate(fd, off_t(mark)) == 0, lseek(fd, off_t(mark), SEEK_SET) >= 0 else {
            throw FileIOError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
        written = mark
    }

    /// Flushes, fsyncs and renames the file into place (fsyncing its folder).
    public func close() throws {
        defer { if !closed { closed = true; closeFD(fd); unlink(tmp.path) } }
        try flush()
        closed = true
        closeFD(fd)
        do {
            if durable { try AtomicFile.replace(url, with: tmp) }
            else if rename(tmp.path, url.path) != 0 { throw FileIOError.cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        } catch { unlink(tmp.path); throw error }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        written += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// close(2) under a name that does not clash with `LineWriter.close()`.
@inline(__always) private func closeFD(_ fd: Int32) { _ = Foundation.close(fd) }
