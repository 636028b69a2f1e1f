import Yams
import ChorusRecords

extension SimulationConfig {
    /// This configuration as readable YAML: every key, in declaration order, with a comment
    /// line saying what it means and its range (`ConfigKeys`; none with `comments: false`);
    /// lists of scalars in flow style (`[1, 2]`). `SimulationConfig.load(yaml: c.yaml()) == c`
    /// for every valid configuration (floats are written in Swift's shortest round-trip form).
    public func yaml(header: [String] = [], comments: Bool = true) -> String {
        var out = header.map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n")
        if !out.isEmpty { out += "\n" }
        guard case .mapping(let top) = ConfigTree.node(of: self) else { return out }
        var first = true
        for (k, v) in top {
            let key = k.string ?? ""
            if case .mapping = v {
                if !first { out += "\n" }
                if comments, let doc = ConfigKeys.sections.first(where: { $0.name == key })?.meaning { out += "# \(doc)\n" }
            }
            ConfigYAMLWriter.write(key: key, value: v, path: key, indent: 0, comments: comments, into: &out)
            first = false
        }
        return out
    }
}

/// Block-style YAML printing with comments from `ConfigKeys`.
enum ConfigYAMLWriter {
    /// The comment line of a key: its meaning and, in brackets, what is allowed.
    static func comment(_ key: ConfigKey) -> String { "\(key.meaning) (\(key.allowed))" }

    static func write(key: String, value: Node, path: String, indent: Int, comments: Bool = true, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        if comments, let k = ConfigKeys.named(path) { out += "\(pad)# \(comment(k))\n" }
        switch value {
        case .mapping(let m):
            if m.isEmpty { out += "\(pad)\(key): {}\n"; return }
            out += "\(pad)\(key):\n"
            for (k, v) in m {
                let sub = k.string ?? ""
                write(key: sub, value: v, path: path + "." + sub, indent: indent + 2, comments: comments, into: &out)
            }
        case .sequence(let q):
            if q.allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
                out += "\(pad)\(key): [" + q.map(scalar).joined(separator: ", ") + "]\n"
            } else {
                out += "\(pad)\(key):\n"
                for item in q { element(item, indent: indent + 2, into: &out) }
            }
        default:
            out += "\(pad)\(key): \(scalar(value))\n"
        }
    }

    /// A list element in block style (`- …`), for lists of mappings or lists.
    private static func element(_ node: Node, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .mapping(let m):
            var firstKey = true
            for (k, v) in m {
                var sub = ""
                write(key: k.string ?? "", value: v, path: "", indent: indent + 2, into: &sub)
                if firstKey { sub = pad + "- " + sub.dropFirst(indent + 2) }
                out += sub
                firstKey = false
            }
            if m.isEmpty { out += "\(pad)- {}\n" }
        case .sequence(let q):
            out += "\(pad)- [" + q.map(scalar).joined(separator: ", ") + "]\n"
        default:
            out += "\(pad)- \(scalar(node))\n"
        }
    }

    /// A scalar as Yams quoted it: plain when safe, else a JSON-style double-quoted string.
    static func scalar(_ node: Node) -> String {
        guard case .scalar(let s) = node else { return "null" }
        if s.style == .plain || s.style == .any { return s.string.isEmpty ? "\"\"" : s.string }
        return JSONText.quote(s.string)
    }
}
