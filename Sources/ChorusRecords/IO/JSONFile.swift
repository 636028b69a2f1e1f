import Foundation

/// The one way Chorus writes a JSON document (manifests, point files, analysis.json, fit
/// results): an `Encodable` value through `JSONEncoder` with sorted keys (so equal values give
/// equal bytes), unescaped slashes and, for files people read, pretty printing. Numbers come
/// out in the shortest round-trip form, as `NumberText.json` writes them; JSON has no NaN or
/// infinity, so a value that may be non-finite is stored as an optional (`JSONFile.finite`)
/// and written as `null`. JSON Lines transcripts keep their streaming writer (`RecordsJSONL`).
public enum JSONFile {
    /// The document's text, with a final newline.
    /// - Throws: `EncodingError` for a non-finite Double (store those with `finite`).
    public static func text<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self) + "\n"
    }

    /// Writes the document atomically (`AtomicFile`).
    public static func write<T: Encodable>(_ value: T, to url: URL, pretty: Bool = true) throws {
        try AtomicFile.write(text(value, pretty: pretty), to: url)
    }

    /// x when finite, else nil (written as `null`).
    public static func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
}

/// Encodes an optional as an explicit `null` when absent (synthesised `Encodable` omits the
/// key), for documents whose readers expect every key.
@propertyWrapper
public struct ExplicitNull<T: Encodable>: Encodable {
    /// The wrapped value; nil is encoded as `null`.
    public var wrappedValue: T?
    /// Wraps `wrappedValue`.
    public init(wrappedValue: T?) { self.wrappedValue = wrappedValue }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let v = wrappedValue { try c.encode(v) } else { try c.encodeNil() }
    }
}

extension ExplicitNull: Decodable where T: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(T.self)
    }
}

extension ExplicitNull: Sendable where T: Sendable {}
extension ExplicitNull: Equatable where T: Equatable {}

/// Decoding of `ExplicitNull` properties.
extension KeyedDecodingContainer {
    /// A missing key reads as nil, like a written `null`.
    public func decode<T: Decodable>(_ type: ExplicitNull<T>.Type, forKey key: Key) throws -> ExplicitNull<T> {
        try decodeIfPresent(type, forKey: key) ?? ExplicitNull(wrappedValue: nil)
    }
}
