import Foundation

/// Expands a path pattern with `{iteration}` (a whole number) and `{agent}` (a name without
/// `/`) placeholders into the files that exist, component by component (placeholders may
/// appear in folder names too). Other characters match literally.
///
/// A placeholder that occurs twice must take the same value both times.
/// - Complexity: O(entries of the folders visited).
public enum PathPattern {
    /// One file that matches a pattern, with the values its placeholders took.
    public struct Match: Sendable, Equatable {
        /// The file's path.
        public var path: String
        /// The value of `{iteration}`.
        public var iteration: Int
        /// The value of `{agent}`; nil when the pattern has none.
        public var agent: String?
    }

    /// The files matching `pattern`, sorted by iteration, then agent (numerically when both are
    /// numbers), then path.
    /// - Throws: `IngestError.invalidRun` for a pattern without placeholders in a component that
    ///   needs listing a folder that cannot be read.
    public static func expand(_ pattern: String) throws -> [Match] {
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var states: [(dir: String, it: Int?, agent: String?)] = [(absolute ? "/" : ".", nil, nil)]
        for (k, part) in parts.enumerated() {
            let last = k == parts.count - 1
            var next: [(String, Int?, String?)] = []
            for s in states {
                if !part.contains("{") {
                    let p = join(s.dir, part)
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), last ? !isDir.boolValue : isDir.boolValue {
                        next.append((p, s.it, s.agent))
                    }
                    continue
                }
                let entries = ((try? FileManager.default.contentsOfDirectory(atPath: s.dir)) ?? []).sorted()
                let regex = try compile(part, pattern: pattern)
                for e in entries {
                    guard let m = match(regex, e) else { continue }
                    if let it = m.it, let prev = s.it, it != prev { continue }
                    if let a = m.agent, let prev = s.agent, a != prev { continue }
                    let p = join(s.dir, e)
                    var isDir: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir), last ? !isDir.boolValue : isDir.boolValue else { continue }
                    next.append((p, m.it ?? s.it, m.agent ?? s.agent))
                }
            }
            states = next
        }
        let out = states.compactMap { s -> Match? in
            guard let it = s.it else { return nil }
            let path = s.dir.hasPrefix("./") ? String(s.dir.dropFirst(2)) : s.dir
            return Match(path: path, iteration: it, agent: s.agent)
        }
        return out.sorted {
            if $0.iteration != $1.iteration { return $0.iteration < $1.iteration }
            if $0.agent != $1.agent {
                if let a = $0.agent.flatMap(Int.init), let b = $1.agent.flatMap(Int.init) { return a < b }
                return ($0.agent ?? "") < ($1.agent ?? "")
            }
            return $0.path < $1.path
        }
    }

    private static func join(_ dir: String, _ name: String) -> String { dir == "/" ? "/" + name : dir + "/" + name }

    private struct Compiled { var regex: NSRegularExpression; var groups: [String] }

    private static func compile(_ part: String, pattern: String) throws -> Compiled {
        var re = "^", groups: [String] = []
        var rest = Substring(part)
        while let open = rest.range(of: "{") {
            re += NSRegularExpression.escapedPattern(for: String(rest[..<open.lowerBound]))
            guard let close = rest[open.upperBound...].range(of: "}") else {
                throw IngestError.invalidRun(path: pattern, reason: "unclosed '{' in the pattern")
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            switch name {
            case "iteration": re += "([0-9]+)"
            case "agent": re += "([^/]+?)"
            default: throw IngestError.invalidRun(path: pattern, reason: "unknown placeholder {\(name)}; known: {iteration}, {agent}")
            }
            groups.append(name)
            rest = rest[close.upperBound...]
        }
        re += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        return Compiled(regex: try! NSRegularExpression(pattern: re), groups: groups)
    }

    private static func match(_ c: Compiled, _ s: String) -> (it: Int?, agent: String?)? {
        let ns = s as NSString
        guard let m = c.regex.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
        var it: Int? = nil, agent: String? = nil
        for (i, g) in c.groups.enumerated() {
            let v = ns.substring(with: m.range(at: i + 1))
            if g == "iteration" {
                guard let x = Int(v) else { return nil }
                if let prev = it, prev != x { return nil }
                it = x
            } else {
                if let prev = agent, prev != v { return nil }
                agent = v
            }
        }
        return (it, agent)
    }
}
