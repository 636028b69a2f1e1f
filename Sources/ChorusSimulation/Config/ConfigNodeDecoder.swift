import Yams
import ChorusRecords

/// A failure while decoding a configuration node: the typed error and the node's 1-based line
/// in the user's text (nil for values that came from defaults or from `--set`).
struct ConfigDecodingFailure: Error {
    var error: SimulationError
    var line: Int?
}

/// Records which keys the `Codable` structure asks for at every mapping path.
///
/// Decoding the *defaults* through `ConfigNodeDecoder` therefore yields the schema of
/// `SimulationConfig` (every key its synthesized `init(from:)` requests, optional ones included
/// because `decodeIfPresent` asks too), so fields added later are covered without a key list.
final class ConfigKeyLog {
    /// Mapping path pattern (`""` = top level, `seeds.*` inside lists) → keys in request order.
    private(set) var requested: [String: [String]] = [:]

    func record(_ key: String, at path: ConfigPath) {
        let p = path.pattern
        if !(requested[p]?.contains(key) ?? false) { requested[p, default: []].append(key) }
    }

    func merge(_ other: ConfigKeyLog) {
        for (p, keys) in other.requested { for k in keys where !(requested[p]?.contains(k) ?? false) { requested[p, default: []].append(k) } }
    }
}

/// A `Decoder` over a Yams `Node` tree, strict about types and precise in its errors.
///
/// Every type error becomes `SimulationError.wrongType(path:expected:found:)` with the key path
/// (`debate.rounds`), the expected type in words ("an integer") and the value found (`"two"`);
/// an enum's unknown raw value becomes `invalidValue` listing the allowed cases. Scalars follow
/// the YAML 1.2 core schema: `true`/`false`, decimal integers, decimal or `.inf`/`.nan` floats,
/// `~`/`null`/empty for null.
struct ConfigNodeDecoder: Decoder {
    let node: Node
    let path: ConfigPath
    let log: ConfigKeyLog

    var codingPath: [any CodingKey] { path.components.map(\.codingKey) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let m) = node else { throw failure(expected: "a mapping of keys") }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(mapping: m, path: path, log: log))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let s) = node else { throw failure(expected: "a list") }
        return UnkeyedNodeContainer(elements: Array(s), path: path, log: log)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(decoder: self)
    }

    func failure(expected: String) -> ConfigDecodingFailure {
        ConfigDecodingFailure(error: .wrongType(path: path.description, expected: expected, found: ConfigNodeDecoder.describe(node)),
                              line: node.mark?.line)
    }

    /// Decodes any value: scalars directly, everything else through its `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let v = try decodeScalar(type) { return v }
        do {
            return try T(from: self)
        } catch DecodingError.dataCorrupted(let context) {
            // Our containers throw ConfigDecodingFailure; a DecodingError comes from a type's own
            // init(from:), typically a RawRepresentable enum whose init(rawValue:) failed.
            let allowed = ConfigNodeDecoder.caseNames(of: T.self).map { $0.joined(separator: ", ") } ?? context.debugDescription
            throw ConfigDecodingFailure(error: .invalidValue(path: path.description, value: ConfigNodeDecoder.describe(node), allowed: allowed),
                                        line: node.mark?.line)
        }
    }

    // MARK: scalars

    private func decodeScalar<T>(_ type: T.Type) throws -> T? {
        switch type {
        case is Bool.Type: return try bool() as? T
        case is String.Type: return try string() as? T
        case is Double.Type: return try double() as? T
        case is Float.Type: return Float(try double()) as? T
        case is Int.Type: return try integer(Int.self, "an integer") as? T
        case is Int64.Type: return try integer(Int64.self, "an integer") as? T
        case is Int32.Type: return try integer(Int32.self, "an integer (32-bit)") as? T
        case is UInt64.Type: return try integer(UInt64.self, "a non-negative integer") as? T
        case is UInt.Type: return try integer(UInt.self, "a non-negative integer") as? T
        case is UInt32.Type: return try integer(UInt32.self, "a non-negative integer (32-bit)") as? T
        default: return nil
        }
    }

    private func scalarText(_ expected: String) throws -> String {
        guard case .scalar(let s) = node, !ConfigNodeDecoder.isNull(node) else { throw failure(expected: expected) }
        return s.string
    }

    func bool() throws -> Bool {
        switch try scalarText("true or false") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: throw failure(expected: "true or false")
        }
    }

    func string() throws -> String { try scalarText("a string") }

    func double() throws -> Double {
        let t = try scalarText("a number")
        if let x = ConfigNodeDecoder.parseDouble(t) { return x }
        throw failure(expected: "a number")
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, _ expected: String) throws -> I {
        let t = try scalarText(expected)
        // Most integers have no `_` separator: skip the Foundation call for them (100000 seeds).
        if let v = t.utf8.contains(0x5F) ? I(t.replacingOccurrences(of: "_", with: "")) : I(t) { return v }
        throw failure(expected: expected)
    }

    // MARK: helpers

    static func parseDouble(_ t: String) -> Double? {
        switch t {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default:
            // Swift also accepts "inf"/"nan"/hex floats; YAML does not, so require a decimal form.
            guard t.contains(where: { $0.isNumber }), !t.lowercased().contains("x"),
                  !t.lowercased().contains("n") else { return nil }
            return Double(t.replacingOccurrences(of: "_", with: ""))
        }
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node else { return false }
        guard s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// How a value is shown in an error: numbers and booleans bare, strings quoted.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s):
            if isNull(node) { return "null (no value)" }
            let t = s.string
            let plain = s.style == .plain || s.style == .any
            if plain, parseDouble(t) != nil || ["true", "false", "True", "False", "TRUE", "FALSE"].contains(t) { return t }
            return JSONText.quote(t)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        default: return "an alias"
        }
    }

    /// The raw values of a `CaseIterable & RawRepresentable` type, or nil for other types.
    static func caseNames<T>(of type: T.Type) -> [String]? {
        guard let e = type as? any (CaseIterable & RawRepresentable).Type else { return nil }
        return names(e)
    }

    private static func names<E: CaseIterable & RawRepresentable>(_ e: E.Type) -> [String] {
        E.allCases.map { "\($0.rawValue)" }
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let mapping: Node.Mapping
    let path: ConfigPath
    let log: ConfigKeyLog

    var codingPath: [any CodingKey] { path.components.map(\.codingKey) }

    var allKeys: [Key] {
        mapping.keys.compactMap { $0.string.flatMap(Key.init(stringValue:)) }
    }

    func contains(_ key: Key) -> Bool {
        log.record(key.stringValue, at: path)
        return mapping[key.stringValue] != nil
    }

    private func child(_ key: Key) throws -> ConfigNodeDecoder {
        log.record(key.stringValue, at: path)
        let p = path.appending(key: key.stringValue)
        guard let n = mapping[key.stringValue] else {
            throw ConfigDecodingFailure(error: .wrongType(path: p.description, expected: "a value", found: "nothing (the key is missing)"),
                                        line: mapping.mark?.line)
        }
        return ConfigNodeDecoder(node: n, path: p, log: log)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        log.record(key.stringValue, at: path)
        guard let n = mapping[key.stringValue] else { return true }
        return ConfigNodeDecoder.isNull(n)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try child(key).unkeyedContainer() }

    func superDecoder() throws -> any Decoder { ConfigNodeDecoder(node: .mapping(mapping), path: path, log: log) }

    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let elements: [Node]
    let path: ConfigPath
    let log: ConfigKeyLog
    var currentIndex = 0

    init(elements: [Node], path: ConfigPath, log: ConfigKeyLog) {
        self.elements = elements; self.path = path; self.log = log
    }

    var codingPath: [any CodingKey] { path.components.map(\.codingKey) }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> ConfigNodeDecoder {
        guard !isAtEnd else {
            throw ConfigDecodingFailure(error: .wrongType(path: path.appending(.index(currentIndex)).description,
                                                          expected: "another list element", found: "the end of the list"), line: nil)
        }
        defer { currentIndex += 1 }
        return ConfigNodeDecoder(node: elements[currentIndex], path: path.appending(.index(currentIndex)), log: log)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if ConfigNodeDecoder.isNull(elements[currentIndex]) { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: ConfigNodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { ConfigNodeDecoder.isNull(decoder.node) }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
    func decode(_ type: String.Type) throws -> String { try decoder.string() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.double() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.double()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(Int.self, "an integer") }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(Int8.self, "an integer (8-bit)") }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(Int16.self, "an integer (16-bit)") }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(Int32.self, "an integer (32-bit)") }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(Int64.self, "an integer") }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(UInt.self, "a non-negative integer") }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(UInt8.self, "a non-negative integer (8-bit)") }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(UInt16.self, "a non-negative integer (16-bit)") }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(UInt32.self, "a non-negative integer (32-bit)") }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(UInt64.self, "a non-negative integer") }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
}
