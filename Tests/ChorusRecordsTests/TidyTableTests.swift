import Testing
import ChorusTestSupport
import Foundation
@testable import ChorusRecords

@Suite("Tidy tables")
struct TidyTableTests {
    @Test func fieldsWithSeparatorsQuotesAndLineEndsRoundTrip() throws {
        var t = TidyTable(columns: ["a", "b"])
        let tricky = ["plain", "a,b", "say \"hi\"", "two\nlines", "crlf\r\nline end", "lone\rcr"]
        for x in tricky { t.append([x, "1"]) }
        // A CRLF is one Character in Swift: the field must still be quoted.
        #expect(TidyTable.escape("crlf\r\nline end") == "\"crlf\r\nline end\"")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.csv")
        try t.write(to: url)
        let back = try TidyTable.read(from: url)
        #expect(back.columns == ["a", "b"])
        #expect(back.rows.count == tricky.count)
        // Every tricky field reads back as written (separators, quotes, LF, CRLF, lone CR).
        #expect(back.column("a") == tricky)
        #expect(back.column("b") == Array(repeating: "1", count: tricky.count))
    }

    @Test func numbersAreShortestRoundTripWithNAForNaN() {
        #expect(TidyTable.format(0.1) == "0.1")
        #expect(TidyTable.format(.nan) == "NA")
        #expect(TidyTable.format(-.infinity) == "-Inf")
        #expect(Double(TidyTable.format(1.0 / 3.0)) == 1.0 / 3.0)
    }
}
