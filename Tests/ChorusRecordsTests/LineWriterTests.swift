import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusRecords

/// `LineWriter`: streamed output written whole (temporary sibling renamed on close), and
/// rewinding to a mark, inside the buffer and after it was flushed to disk.
@Suite final class LineWriterTests {
    let root: URL
    init() throws {
        root = try temporaryDirectory()
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    @Test func writesWholeOnCloseAndRewinds() throws {
        let url = root.appendingPathComponent("a.csv")
        let w = try LineWriter(url: url)
        try w.write("head\n")
        let m1 = w.mark()
        try w.write("dropped in the buffer\n")
        try w.rewind(to: m1)
        try w.write("kept\n")
        // Nothing at the destination before close: a reader never sees a half-written file.
        #expect(!FileManager.default.fileExists(atPath: url.path))
        let m2 = w.mark()
        // More than the buffer, so part of it is already on disk when we rewind.
        let line = String(repeating: "x", count: 999) + "\n"
        for _ in 0..<(3 * LineWriter.bufferSize / line.utf8.count) { try w.write(line) }
        try w.rewind(to: m2)
        try w.write("tail\n")
        try w.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == "head\nkept\ntail\n")
        // Only the file: no temporary sibling left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["a.csv"])
    }

    @Test func anUnclosedWriterLeavesNothing() throws {
        let url = root.appendingPathComponent("b.csv")
        do {
            let w = try LineWriter(url: url)
            try w.write(String(repeating: "y", count: 2 * LineWriter.bufferSize))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func csvLineMatchesTheTable() {
        var t = TidyTable(columns: ["a", "b"])
        t.append(["x,y", "q\"r\r\ns"])
        #expect(t.csv() == TidyTable.csvLine(["a", "b"]) + TidyTable.csvLine(["x,y", "q\"r\r\ns"]))
    }
}
