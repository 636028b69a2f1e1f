import Foundation
import ChorusRecords

/// A JSON value that keeps the order of object members (Du et al. logs are ordered by their
/// question keys, and LLM-Agora logs order their agents by the keys of `agent_response`;
/// `JSONSerialization` loses both orders).
public indirect enum JSONValue: Sendable, Equatable {
    /// JSON `null`.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// A number, kept as its literal text (no precision is lost).
    case number(String)
    /// A string, unescaped.
    case string(String)
    /// An array, elements in order.
    case array([JSONValue])
    /// An object, members in the document's order (duplicate keys kept).
    case object([JSONMember])

    /// The value of the first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let ms) = self else { return nil }
        return ms.first(where: { $0.key == key })?.value
    }

    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The string, if this value is one.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The elements, if this value is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    /// The members in document order, if this value is an object.
    public var objectValue: [JSONMember]? { if case .object(let o) = self { return o }; return nil }
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    /// The member's key, unescaped.
    public var key: String
    /// The member's value.
    public var value: JSONValue
    /// A member with this key and value.
    public init(key: String, value: JSONValue) { self.key = key; self.value = value }
}

/// Parses a whole JSON document into an ordered `JSONValue`.
public enum JSONDocument {
    /// Deepest nesting accepted (deeper input is an error, never a stack overflow).
    public static let maxDepth = JSONScanner.maxDepth

    /// Parses UTF-8 bytes (already validated) into a value; trailing non-white bytes are an error.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var s = JSONScanner(bytes)
        let v = try value(&s, depth: 0)
        if let c = s.peek() { throw s.fail("unexpected \(JSONScanner.describe(c)) after the JSON value") }
        return v
    }

    /// Parses a JSON document held in `data`, mapping errors to `IngestError` naming `path`.
    public static func parse(_ data: Data, path: String) throws -> JSONValue {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> JSONValue in
            let all = raw.bindMemory(to: UInt8.self)
            let skip = UTF8Check.bomLength(all)
            let body = UnsafeBufferPointer(rebasing: all[skip...])
            if let bad = UTF8Check.firstInvalid(body) {
                throw IngestError.notUTF8(path: path, position: SourcePosition.locate(bad.offset, in: body, baseOffset: skip), detail: bad.detail)
            }
            do { return try parse(body) } catch let error as JSONSyntaxError {
                throw IngestError.malformedJSON(path: path, position: SourcePosition.locate(error.offset, in: body, baseOffset: skip), reason: error.reason)
            }
        }
    }

    static func value(_ s: inout JSONScanner, depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < maxDepth else { throw s.fail("nesting deeper than \(maxDepth) levels") }
        guard let c = s.peek() else { throw s.fail("unexpected end of input, expected a value") }
        switch c {
        case 0x22: return .string(try s.readString())
        case 0x7B:
            s.pos += 1
            var members: [JSONMember] = []
            if s.peek() == 0x7D { s.pos += 1; return .object(members) }
            while true {
                s.skipWhitespace()
                guard !s.atEnd else { throw s.fail("unexpected end of input in an object") }
                guard s.bytes[s.pos] == 0x22 else { throw s.fail("expected a key string, found \(JSONScanner.describe(s.bytes[s.pos]))") }
                let k = try s.readString()
                try s.expect(0x3A, "':' after a key")
                let v = try value(&s, depth: depth + 1)
                members.append(JSONMember(key: k, value: v))
                guard let d = s.peek() else { throw s.fail("unexpected end of input in an object") }
                if d == 0x2C { s.pos += 1; continue }
                if d == 0x7D { s.pos += 1; return .object(members) }
                throw s.fail("expected ',' or '}' in an object, found \(JSONScanner.describe(d))")
            }
        case 0x5B:
            s.pos += 1
            var items: [JSONValue] = []
            if s.peek() == 0x5D { s.pos += 1; return .array(items) }
            while true {
                items.append(try value(&s, depth: depth + 1))
                guard let d = s.peek() else { throw s.fail("unexpected end of input in an array") }
                if d == 0x2C { s.pos += 1; continue }
                if d == 0x5D { s.pos += 1; return .array(items) }
                throw s.fail("expected ',' or ']' in an array, found \(JSONScanner.describe(d))")
            }
        case 0x74: try s.literal("true"); return .bool(true)
        case 0x66: try s.literal("false"); return .bool(false)
        case 0x6E: try s.literal("null"); return .null
        case 0x2D, 0x30...0x39: return .number(s.text(try s.scanNumber()))
        default: throw s.fail("unexpected \(JSONScanner.describe(c)), expected a value")
        }
    }
}
