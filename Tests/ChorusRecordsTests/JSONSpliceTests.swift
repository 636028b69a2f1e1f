import Foundation
import Testing
@testable import ChorusRecords

/// `JSONSplice` writes the very bytes of `JSONFile.text` of the whole value.
@Suite struct JSONSpliceTests {
    struct Row: Encodable {
        var name: String
        @ExplicitNull var value: Double?
        var tags: [String]
        var nested: [String: [Int]]
    }

    /// A list of rows, inline or spliced (as analysis.json's `rows`).
    enum Rows: Encodable {
        case inline([Row])
        case spliced(JSONSplice.Point)
        func encode(to encoder: any Encoder) throws {
            switch self {
            case .inline(let r): try r.encode(to: encoder)
            case .spliced(let p): try p.encode(to: encoder)
            }
        }
    }

    struct File: Encodable {
        var file: String
        var rows: Rows          // not the last key: "skipped" sorts after it
        var skipped: [String]
        var zeta: Int
    }

    struct Document: Encodable {
        var alpha = "chorus \"analyze\"\nsecond line / slash"
        var files: [File]
        var omega = 3.25
    }

    static func rows(_ seed: Int, count: Int) -> [Row] {
        (0..<count).map { i in
            Row(name: "row \(seed).\(i) ünïcode \u{1F600} \"q\" \\ \t", value: i % 3 == 0 ? nil : Double(i) / 7 + Double(seed),
                tags: i % 2 == 0 ? [] : ["a", "b\nc"], nested: i % 4 == 0 ? [:] : ["k\(i)": [i, -i], "empty": []])
        }
    }

    @Test(arguments: [[0], [1], [3, 0, 5], [0, 0], [40, 1, 0, 2]])
    func splicedBytesEqualTheWholeDocument(_ counts: [Int]) throws {
        let whole = Document(files: counts.enumerated().map { k, n in
            File(file: "f\(k).jsonl", rows: .inline(Self.rows(k, count: n)), skipped: k == 0 ? [] : ["line \(k): bad"], zeta: k)
        })
        let splice = JSONSplice()
        let points = Document(files: counts.enumerated().map { k, _ in
            File(file: "f\(k).jsonl", rows: .spliced(splice.point(k)), skipped: k == 0 ? [] : ["line \(k): bad"], zeta: k)
        })
        var pieces: [String] = []
        try splice.write(points, into: { pieces.append($0) }) { k, emit in
            for r in Self.rows(k, count: counts[k]) { try emit(r) }
        }
        let expected = try JSONFile.text(whole)
        let got = pieces.joined()
        #expect(got == expected, "first difference: \(Self.firstDifference(got, expected))")
        // Streamed: more pieces than arrays (one per element), none holding two elements.
        #expect(pieces.count >= counts.reduce(0, +))

        // And to a file, atomically.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-splice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("doc.json")
        try splice.write(points, to: url) { k, emit in for r in Self.rows(k, count: counts[k]) { try emit(r) } }
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["doc.json"])
    }

    /// Where two texts first differ, with some context of each.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a.utf8), y = Array(b.utf8)
        let i = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        func around(_ z: [UInt8]) -> String { String(decoding: z[max(0, i - 60)..<min(z.count, i + 60)], as: UTF8.self) }
        return "at byte \(i): got «\(around(x))», expected «\(around(y))»"
    }

    @Test func aStringThatMerelyLooksLikeAPointIsKept() throws {
        // The token is random per splice: another splice's point is just a string.
        let a = JSONSplice(), b = JSONSplice()
        let doc = Document(files: [File(file: "x", rows: .spliced(b.point(0)), skipped: [], zeta: 0)])
        var text = ""
        try a.write(doc, into: { text += $0 }) { _, _ in Issue.record("no array of this splice") }
        #expect(text == (try JSONFile.text(doc)))
    }
}
