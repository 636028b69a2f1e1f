import Yams

/// An `Encoder` producing a Yams `Node` tree: keys in encoding (declaration) order, floats in
/// Swift's shortest round-trip decimal form (Yams' own encoder rounds to 15 digits, so 2/3
/// would not survive a round trip), strings plain when that is unambiguous and double-quoted
/// otherwise, nil as `null`.
struct ConfigNodeEncoder: Encoder {
    let box: NodeBox
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Encodes a value to a tree.
    static func node<T: Encodable>(of value: T) throws -> Node {
        let box = NodeBox()
        try box.set(value, path: [])
        return box.node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.becomeMapping()
        return KeyedEncodingContainer(KeyedBoxContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.becomeSequence()
        return UnkeyedBoxContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleBoxContainer(box: box, codingPath: codingPath) }
}

/// A node under construction (reference semantics, so nested containers can fill it later).
final class NodeBox {
    enum Kind { case unset, scalar(Node), mapping([(String, NodeBox)]), sequence([NodeBox]) }
    var kind: Kind = .unset

    func becomeMapping() { if case .mapping = kind {} else { kind = .mapping([]) } }
    func becomeSequence() { if case .sequence = kind {} else { kind = .sequence([]) } }

    func child(forKey key: String) -> NodeBox {
        becomeMapping()
        let c = NodeBox()
        if case .mapping(var pairs) = kind { pairs.append((key, c)); kind = .mapping(pairs) }
        return c
    }

    func appendChild() -> NodeBox {
        becomeSequence()
        let c = NodeBox()
        if case .sequence(var items) = kind { items.append(c); kind = .sequence(items) }
        return c
    }

    var count: Int {
        switch kind {
        case .mapping(let p): return p.count
        case .sequence(let s): return s.count
        default: return 0
        }
    }

    func set<T: Encodable>(_ value: T, path: [any CodingKey]) throws {
        switch value {
        case let v as Bool: kind = .scalar(Node(v ? "true" : "false"))
        case let v as String: kind = .scalar(NodeBox.string(v))
        case let v as Double: kind = .scalar(Node(NodeBox.float(v)))
        case let v as Float: kind = .scalar(Node(NodeBox.float(Double(v))))
        case let v as any FixedWidthInteger: kind = .scalar(Node("\(v)"))
        default: try value.encode(to: ConfigNodeEncoder(box: self, codingPath: path))
        }
    }

    var node: Node {
        switch kind {
        case .unset: return Node("null")
        case .scalar(let n): return n
        case .mapping(let pairs): return .mapping(.init(pairs.map { (Node($0.0), $0.1.node) }))
        case .sequence(let items): return .sequence(.init(items.map(\.node)))
        }
    }

    static func float(_ x: Double) -> String {
        if x.isNaN { return ".nan" }
        if x.isInfinite { return x > 0 ? ".inf" : "-.inf" }
        return "\(x)"
    }

    /// A string scalar: plain when a YAML reader cannot mistake it for anything else.
    static func string(_ s: String) -> Node {
        let reserved: Set<String> = ["", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
                                     "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
        let safe = !reserved.contains(s)
            && s.first.map { $0.isLetter || $0 == "_" || $0 == "/" } == true
            && s.last != " "
            && s.allSatisfy { $0.isLetter || $0.isNumber || " _-./".contains($0) }
            && ConfigNodeDecoder.parseDouble(s) == nil
        return .scalar(.init(s, .implicit, safe ? .plain : .doubleQuoted))
    }
}

private struct KeyedBoxContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) { box.child(forKey: key.stringValue).kind = .scalar(Node("null")) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try box.child(forKey: key.stringValue).set(value, path: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let c = box.child(forKey: key.stringValue)
        c.becomeMapping()
        return KeyedEncodingContainer(KeyedBoxContainer<NestedKey>(box: c, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let c = box.child(forKey: key.stringValue)
        c.becomeSequence()
        return UnkeyedBoxContainer(box: c, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { ConfigNodeEncoder(box: box.child(forKey: "super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ConfigNodeEncoder(box: box.child(forKey: key.stringValue), codingPath: codingPath + [key]) }
}

private struct UnkeyedBoxContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]
    var count: Int { box.count }

    mutating func encodeNil() { box.appendChild().kind = .scalar(Node("null")) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try box.appendChild().set(value, path: codingPath + [ConfigCodingKey(intValue: count)])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let c = box.appendChild()
        c.becomeMapping()
        return KeyedEncodingContainer(KeyedBoxContainer<NestedKey>(box: c, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let c = box.appendChild()
        c.becomeSequence()
        return UnkeyedBoxContainer(box: c, codingPath: codingPath)
    }
    mutating func superEncoder() -> any Encoder { ConfigNodeEncoder(box: box.appendChild(), codingPath: codingPath) }
}

private struct SingleBoxContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]
    mutating func encodeNil() { box.kind = .scalar(Node("null")) }
    mutating func encode<T: Encodable>(_ value: T) throws { try box.set(value, path: codingPath) }
}
