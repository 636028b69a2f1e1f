import Foundation

/// A place in a file: 1-based line and column (in bytes) and the 0-based byte offset.
public struct SourcePosition: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in bytes.
    public var column: Int
    /// The 0-based byte offset from the start of the file.
    public var byteOffset: Int

    /// A position with these coordinates.
    public init(line: Int, column: Int, byteOffset: Int) {
        self.line = line; self.column = column; self.byteOffset = byteOffset
    }

    /// The position of `offset` in `bytes` (counts the newlines before it).
    /// - Complexity: O(offset).
    public static func locate(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, baseOffset: Int = 0) -> SourcePosition {
        let end = min(max(offset, 0), bytes.count)
        var line = firstLine, lineStart = 0
        var i = 0
        while i < end {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        return SourcePosition(line: line, column: end - lineStart + 1, byteOffset: baseOffset + end)
    }

    public var description: String { "\(line):\(column) (byte \(byteOffset))" }
}
