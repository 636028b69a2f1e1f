import Yams

/// Operations on YAML node trees of a configuration: encoding a config to a tree, overlaying a
/// user's tree on defaults, the schema of allowed keys, and the unknown-key check.
enum ConfigTree {
    /// The tree of a configuration (keys in declaration order, no source marks: values from
    /// defaults have no line in the user's text). See `ConfigNodeEncoder`.
    static func node(of config: SimulationConfig) -> Node {
        do {
            return try ConfigNodeEncoder.node(of: config)
        } catch {
            // Encoding plain Codable structs of numbers, strings and lists cannot fail.
            preconditionFailure("SimulationConfig failed to encode: \(error)")
        }
    }

    /// The same tree without source marks (for values that come from the command line).
    static func unmarked(_ node: Node) -> Node {
        switch node {
        case .scalar(let s): return .scalar(.init(s.string, s.tag, s.style, nil))
        case .mapping(let m): return .mapping(.init(m.map { (unmarked($0.key), unmarked($0.value)) }, m.tag, m.style, nil))
        case .sequence(let q): return .sequence(.init(q.map(unmarked), q.tag, q.style, nil))
        default: return node
        }
    }

    /// `overlay` on top of `base`: mappings merge key by key (recursively, base order first, new
    /// keys after), anything else in `overlay` replaces what is in `base`.
    static func merge(_ base: Node, _ overlay: Node) -> Node {
        guard case .mapping(let b) = base, case .mapping(let o) = overlay else { return overlay }
        var pairs: [(Node, Node)] = []
        var used = Set<Int>()
        for (k, v) in b {
            if let j = Array(o).firstIndex(where: { $0.key.string != nil && $0.key.string == k.string }) {
                let pair = Array(o)[j]
                pairs.append((pair.key, merge(v, pair.value)))
                used.insert(j)
            } else {
                pairs.append((k, v))
            }
        }
        for (j, pair) in o.enumerated() where !used.contains(j) { pairs.append((pair.key, pair.value)) }
        return .mapping(.init(pairs, o.tag, o.style, o.mark))
    }

    /// Decodes a tree, recording the keys the structure asks for.
    static func decode(_ node: Node, log: ConfigKeyLog) throws(ConfigDecodingFailure) -> SimulationConfig {
        do {
            return try ConfigNodeDecoder(node: node, path: ConfigPath(), log: log).decode(SimulationConfig.self)
        } catch let f as ConfigDecodingFailure {
            throw f
        } catch {
            throw ConfigDecodingFailure(error: .unreadable(path: "(configuration)", reason: "\(error)"), line: nil)
        }
    }

    /// The schema: keys requested at each mapping path when decoding the default configuration.
    static func schema() -> ConfigKeyLog {
        let log = ConfigKeyLog()
        _ = try? decode(node(of: SimulationConfig()), log: log)
        return log
    }

    /// Throws for the first key (in document order) of `user` that the schema does not allow.
    /// Mappings at paths the schema does not know are skipped: decoding reports them as wrong
    /// types, and a second check after decoding covers keys only requested then (e.g. inside
    /// list elements that the defaults leave empty).
    static func checkKeys(_ user: Node, schema: ConfigKeyLog, at path: ConfigPath = ConfigPath()) throws(ConfigDecodingFailure) {
        switch user {
        case .mapping(let m):
            // A mapping where the schema has none: decoding reports it as a wrong type.
            guard let allowed = schema.requested[path.pattern] else { return }
            for (k, v) in m {
                let name = k.string ?? ConfigNodeDecoder.describe(k)
                guard allowed.contains(name) else {
                    throw ConfigDecodingFailure(error: .unknownKey(path: path.appending(key: name).description, allowed: allowed),
                                                line: k.mark?.line)
                }
                try checkKeys(v, schema: schema, at: path.appending(key: name))
            }
        case .sequence(let q):
            for (i, v) in q.enumerated() { try checkKeys(v, schema: schema, at: path.appending(.index(i))) }
        default:
            return
        }
    }

    /// The node at a path, if present.
    static func find(_ path: ConfigPath, in node: Node) -> Node? {
        var cur = node
        for c in path.components {
            switch (c, cur) {
            case (.key(let k), .mapping(let m)):
                guard let n = m[k] else { return nil }
                cur = n
            case (.index(let i), .sequence(let q)):
                guard i >= 0, i < q.count else { return nil }
                cur = q[i]
            default:
                return nil
            }
        }
        return cur
    }

    /// The deepest line known along a path (the value's line, else its key's mapping's).
    static func line(of path: ConfigPath, in node: Node) -> Int? {
        var cur = node
        var line = node.mark?.line
        for c in path.components {
            switch (c, cur) {
            case (.key(let k), .mapping(let m)):
                guard let pair = m.first(where: { $0.key.string == k }) else { return line }
                line = pair.key.mark?.line ?? line
                cur = pair.value
            case (.index(let i), .sequence(let q)):
                guard i >= 0, i < q.count else { return line }
                cur = q[i]
                line = cur.mark?.line ?? line
            default:
                return line
            }
        }
        return line
    }
}
