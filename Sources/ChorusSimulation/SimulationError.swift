/// Errors of configuring and running simulations.
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    /// A configuration key that does not exist (with the allowed keys at that level).
    case unknownKey(path: String, allowed: [String])
    /// A value of the wrong type at a key path.
    case wrongType(path: String, expected: String, found: String)
    /// A value outside its allowed range at a key path.
    case invalidValue(path: String, value: String, allowed: String)
    /// A named preset or regime that does not exist.
    case unknownName(kind: String, name: String, allowed: [String])
    /// A configuration file that cannot be read or parsed.
    case unreadable(path: String, reason: String)
    /// Any of the above, located: the file (or `--set k=v` argument) it came from and, when
    /// known, its 1-based line.
    indirect case located(source: String, line: Int?, error: SimulationError)

    public var description: String {
        switch self {
        case .unknownKey(let p, let a):
            return "unknown configuration key '\(p)'; allowed here: \(a.joined(separator: ", "))"
        case .wrongType(let p, let e, let f):
            return "configuration key '\(p)' expects \(e), found \(SimulationError.clip(f))"
        case .invalidValue(let p, let v, let a):
            return "configuration key '\(p)' = \(SimulationError.clip(v)) is out of range; allowed: \(a)"
        case .unknownName(let k, let n, let a):
            return "unknown \(k) '\(SimulationError.clip(n))'; known: \(a.joined(separator: ", "))"
        case .unreadable(let p, let r):
            return "cannot read configuration \(p): \(r)"
        case .located(let s, let l, let e):
            return "\(SimulationError.clip(s))\(l.map { ":\($0)" } ?? ""): \(e)"
        }
    }

    /// A user-supplied text as quoted in a message: at most `maxQuoted` characters, so a huge
    /// value (a 10 kB YAML scalar) gives a readable one-line error rather than echoing it all.
    static let maxQuoted = 120
    static func clip(_ text: String) -> String {
        guard text.count > maxQuoted else { return text }
        return String(text.prefix(maxQuoted)) + "… (\(text.count) characters)"
    }
}
