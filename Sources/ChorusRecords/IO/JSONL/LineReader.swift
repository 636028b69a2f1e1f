import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line through one reusable buffer, so memory stays bounded by the
/// longest line (at most `maxLineBytes`), whatever the file's size.
///
/// Lines end with "\n" (a "\r" before it is dropped); the last line may lack it.
/// - Complexity: O(file size); each byte is copied at most twice (read, and moved once when a
///   line straddles a chunk boundary).
final class LineReader {
    let path: String
    let maxLineBytes: Int
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0          // first byte of the unread part
    private var end = 0            // one past the last valid byte
    private var eof = false
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Byte offset (in the file) of the line last returned.
    private(set) var lineOffset = 0
    private var consumedBeforeBuffer = 0

    init(path: String, maxLineBytes: Int, chunkBytes: Int = 1 << 20) throws {
        self.path = path
        self.maxLineBytes = maxLineBytes
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RecordsReadError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        capacity = max(chunkBytes, 4096)
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Calls `body` with each line's bytes (valid only during the call) until the end of the
    /// file. Throws `RecordsReadError.lineTooLong` for a line over the limit.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while true {
            var scanned = 0            // bytes after `start` known to hold no newline
            var newline: Int? = nil
            while true {
                if start + scanned < end, let p = memchr(buffer + start + scanned, 0x0A, end - start - scanned) {
                    newline = buffer.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    break
                }
                scanned = end - start
                if scanned > maxLineBytes {
                    throw RecordsReadError.lineTooLong(path: path, line: lineNumber + 1, limit: maxLineBytes)
                }
                if eof { break }
                try fill()             // keeps bytes [start, end), possibly moved to the front
            }
            let lineEnd: Int
            if let nl = newline { lineEnd = nl } else {
                guard end > start else { return }   // end of file, nothing left
                lineEnd = end
            }
            if lineEnd - start > maxLineBytes {
                throw RecordsReadError.lineTooLong(path: path, line: lineNumber + 1, limit: maxLineBytes)
            }
            var contentEnd = lineEnd
            if contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            lineNumber += 1
            lineOffset = consumedBeforeBuffer + start
            try body(UnsafeBufferPointer(start: buffer + start, count: contentEnd - start))
            guard let nl = newline else { return }
            start = nl + 1
        }
    }

    /// Moves unread bytes to the front, grows the buffer if a line needs it, and reads more.
    private func fill() throws {
        if start > 0 {
            let n = end - start
            if n > 0 { memmove(buffer, buffer + start, n) }
            consumedBeforeBuffer += start
            end = n; start = 0
        }
        if end == capacity {
            let newCapacity = min(capacity * 2, maxLineBytes + 2)
            guard newCapacity > capacity else {
                throw RecordsReadError.lineTooLong(path: path, line: lineNumber + 1, limit: maxLineBytes)
            }
            let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            nb.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = nb; capacity = newCapacity
        }
        while true {
            let got = read(fd, buffer + end, capacity - end)
            if got < 0 {
                if errno == EINTR { continue }
                throw RecordsReadError.cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { eof = true } else { end += got }
            return
        }
    }
}
