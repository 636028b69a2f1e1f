import Foundation

/// A JSON document written in pieces: the same bytes as `JSONFile.text` (pretty printed, sorted
/// keys), but with its long arrays streamed to disk one element at a time, so that neither the
/// document's text nor `JSONEncoder`'s tree of it is ever held whole (issue 10: analysis.json of
/// a 1 GB log has 20,000 rows; encoding them at once was the end-of-run peak of `chorus analyze`).
///
/// The document is encoded once with a `Point` (a unique string) where each long array goes;
/// then its text is copied to the file, and each point's string is replaced by the array,
/// every element encoded on its own with `JSONFile.text` and indented to its depth. Key names
/// and order, number formats and escapes all come from `JSONEncoder` itself, so a renamed
/// `CodingKey` needs no change here. `JSONSpliceTests` checks the bytes against `JSONFile.text`
/// of the whole value.
///
/// - Complexity: O(document size) time; memory O(the document without its spliced arrays +
///   the largest element + `LineWriter.bufferSize`).
public struct JSONSplice: Sendable {
    /// Where a spliced array goes: encodes as a string no real value holds (a random token).
    public struct Point: Encodable, Sendable {
        let token: String
        /// Encodes the point as its token, a JSON string.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(token)
        }
    }

    /// Emits one element of a spliced array.
    public typealias Emit = (any Encodable) throws -> Void

    private let token = "chorus-splice-" + UUID().uuidString + "-"

    /// A splice with a fresh random token.
    public init() {}

    /// The placeholder of array number `k` (put it in the value where that array goes).
    public func point(_ k: Int) -> Point { Point(token: token + String(k)) }

    /// Writes `value` (holding `point(k)` placeholders) to `url` atomically (`LineWriter`),
    /// with array `k` made of the elements `elements(k, emit)` emits, in order. An array that
    /// emits nothing is written as `JSONFile.text` writes an empty array.
    /// - Throws: `EncodingError` (a non-finite number), `FileIOError`, or what `elements` throws.
    public func write<T: Encodable>(_ value: T, to url: URL, elements: (Int, Emit) throws -> Void) throws {
        let out = try LineWriter(url: url)
        try write(value, into: out.write, elements: elements)
        try out.close()
    }

    /// As `write(_:to:elements:)`, into `sink` (for tests and standard output).
    public func write<T: Encodable>(_ value: T, into sink: (String) throws -> Void, elements: (Int, Emit) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in try splice(value, into: sink, elements: elements) }
    }

    private func splice<T: Encodable>(_ value: T, into sink: @escaping (String) throws -> Void, elements: (Int, Emit) throws -> Void) throws {
        let text = try JSONFile.text(value)
        let quoted = "\"" + token
        var rest = Substring(text)
        while let hit = rest.range(of: quoted) {
            // The point's number and closing quote.
            var end = hit.upperBound
            while end < rest.endIndex, rest[end].isASCII, rest[end].isNumber { end = rest.index(after: end) }
            guard end < rest.endIndex, rest[end] == "\"", let k = Int(rest[hit.upperBound..<end]) else {
                try sink(String(rest[..<hit.upperBound])); rest = rest[hit.upperBound...]; continue
            }
            // Indentation of the line holding the point: the array's closing bracket goes there,
            // its elements two spaces deeper (JSONEncoder's pretty printing).
            let lineStart = rest[..<hit.lowerBound].lastIndex(of: "\n").map { rest.index(after: $0) } ?? rest.startIndex
            let indent = String(rest[lineStart...].prefix { $0 == " " })
            try sink(String(rest[..<hit.lowerBound]))
            var count = 0
            try elements(k) { element in
                let body = try JSONFile.text(AnyEncodable(element)).dropLast()   // its final newline
                var piece = count == 0 ? "[\n" : ",\n"
                // Every line two spaces deeper than the point's, except the empty lines that
                // JSONEncoder puts inside an empty array or object.
                for (i, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if i > 0 { piece += "\n" }
                    if !line.isEmpty { piece += indent + "  " + line }
                }
                try sink(piece)
                count += 1
            }
            try sink(count == 0 ? Self.emptyArray(indent: indent) : "\n" + indent + "]")
            rest = rest[rest.index(after: end)...]
        }
        try sink(String(rest))
    }

    /// An empty array as `JSONEncoder` pretty-prints it at this depth (found by encoding one).
    private static func emptyArray(indent: String) -> String {
        struct Holder: Encodable { var a: [Int] = [] }
        let text = (try? JSONFile.text(Holder())) ?? "{\n  \"a\" : []\n}\n"
        guard let open = text.range(of: "\"a\" : "), let close = text.range(of: "\n}", options: .backwards) else { return "[]" }
        // Re-indent from depth 1 (two spaces) to this depth.
        return String(text[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "\n  ]", with: "\n" + indent + "]")
    }
}

/// A type-erased `Encodable`, so elements of any type can be encoded at the top level.
private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
