/// A key path into the configuration tree, e.g. `debate.rounds` or `seeds[2]`.
///
/// Components are mapping keys (snake_case, as in the YAML) or list indices. The `pattern`
/// form replaces indices by `*` so that every element of a list shares one schema entry.
struct ConfigPath: Hashable, Sendable, CustomStringConvertible {
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    var components: [Component] = []

    init(_ components: [Component] = []) { self.components = components }

    /// Parses `a.b[2].c` (keys separated by dots, indices in brackets).
    init(parsing text: String) {
        var comps: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var s = Substring(part)
            if let open = s.firstIndex(of: "[") {
                comps.append(.key(String(s[..<open])))
                s = s[open...]
                while s.hasPrefix("["), let close = s.firstIndex(of: "]") {
                    if let i = Int(s[s.index(after: s.startIndex)..<close]) { comps.append(.index(i)) }
                    s = s[s.index(after: close)...]
                }
            } else {
                comps.append(.key(String(s)))
            }
        }
        components = comps
    }

    func appending(_ c: Component) -> ConfigPath { ConfigPath(components + [c]) }
    func appending(key: String) -> ConfigPath { appending(.key(key)) }

    /// The path without list indices at its end (`seeds[3]` → `seeds`).
    var withoutTrailingIndices: ConfigPath {
        var c = components
        while case .index = c.last { c.removeLast() }
        return ConfigPath(c)
    }

    var isEmpty: Bool { components.isEmpty }

    /// `debate.rounds`, `seeds[2]`; the top level is `(top level)`.
    var description: String {
        guard !components.isEmpty else { return "(top level)" }
        var s = ""
        for c in components {
            switch c {
            case .key(let k): s += s.isEmpty ? k : "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    /// The schema form: indices replaced by `*` (`seeds.*`), top level = "".
    var pattern: String {
        components.map { c -> String in
            switch c {
            case .key(let k): return k
            case .index: return "*"
            }
        }.joined(separator: ".")
    }

    /// Whether `self` equals `other` or lies below it.
    func isWithin(_ other: ConfigPath) -> Bool {
        components.count >= other.components.count && Array(components.prefix(other.components.count)) == other.components
    }
}

/// A `CodingKey` for any path component.
struct ConfigCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; self.intValue = nil }
    init(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
}

extension ConfigPath.Component {
    var codingKey: any CodingKey {
        switch self {
        case .key(let k): return ConfigCodingKey(stringValue: k)
        case .index(let i): return ConfigCodingKey(intValue: i)
        }
    }
}
