import Yams

/// Limits on configuration text, checked before and after the YAML parser sees it, so that no
/// text (a "billion laughs" alias bomb, a megabyte of `[[[[`, a 100 MB file) can hang the
/// loader, exhaust memory or overflow the stack. Every limit is in docs/configuration.md.
///
/// Why refuse anchors and aliases outright rather than bound their expansion: no configuration
/// key needs them (the largest value is a list of seeds, and `--seeds 1-20` writes it), and Yams
/// composes an alias as a shared copy of its anchor's node, so every later walk over the tree
/// (the key check, the overlay, the decoder, and Yams's own duplicate-key check, which hashes
/// whole key nodes) costs the *expanded* size: nine levels of nine aliases are 9⁹ nodes.
///
/// The text check is a small lexer that follows YAML's rules for where a node may start (line
/// start, after `- `, `? `, `: `, `[`, `{`, `,`, after a tag): an `&` or `*` there is an anchor
/// or alias. It skips comments, quoted scalars and block scalars (`|`, `>`). It errs on the side
/// of refusing: a multi-line plain scalar whose continuation line starts with `*` is refused too
/// (quote such a value). After parsing, a walk over the tree refuses any node carrying an
/// anchor (a second, independent check) and bounds the number of nodes.
public enum YAMLGuard {
    /// Largest configuration text: a `--config` file or one `--set` value (1 MiB).
    public static let maxDocumentBytes = 1 << 20
    /// Deepest nesting of flow collections (`[`, `{`).
    public static let maxFlowDepth = 64
    /// Largest column at which a block node may start (indentation plus `- ` indicators): it
    /// bounds the block nesting depth, and so the parser's recursion.
    public static let maxBlockColumn = 256
    /// Most nodes in a parsed configuration (a list of 100000 seeds is 100001 nodes).
    public static let maxNodes = 1_000_000

    /// Refuses text that is too large, nested too deeply, or uses anchors or aliases.
    /// - Throws: `SimulationError.located(source:line:error:)` naming the line.
    /// - Complexity: O(n) in the text's length.
    public static func check(_ text: String, source: String) throws {
        let u = Array(text.utf8)
        func fail(_ line: Int?, _ reason: String) -> SimulationError {
            .located(source: source, line: line, error: .unreadable(path: source, reason: reason))
        }
        if u.count > maxDocumentBytes {
            throw fail(nil, "the configuration text has \(u.count) bytes; at most \(maxDocumentBytes) (1 MiB) are read")
        }
        var i = 0
        var line = 1
        var flowDepth = 0
        var inDouble = false, inSingle = false
        var nodeStart = true
        var blockScalarIndent: Int? = nil     // skipping the body of a `|` or `>` scalar
        while i < u.count {
            // One line: from i to the next \n (or \r).
            var end = i
            while end < u.count, u[end] != 0x0A, u[end] != 0x0D { end += 1 }
            var indent = 0
            while i + indent < end, u[i + indent] == 0x20 { indent += 1 }
            if let b = blockScalarIndent {
                if indent > b || i + indent == end { i = next(after: end, u, &line); continue }
                blockScalarIndent = nil
            }
            var j = i
            if !inDouble && !inSingle {
                j = i + indent
                if flowDepth == 0 { nodeStart = true }
                if j < end, u[j] == 0x25, indent == 0 { i = next(after: end, u, &line); continue }   // %directive
            }
            var prevSpace = true
            scan: while j < end {
                let c = u[j]
                if inDouble {
                    if c == 0x5C { j += 2; continue }
                    if c == 0x22 { inDouble = false; nodeStart = false }
                    j += 1; prevSpace = false; continue
                }
                if inSingle {
                    if c == 0x27 {
                        if j + 1 < end, u[j + 1] == 0x27 { j += 2; continue }
                        inSingle = false; nodeStart = false
                    }
                    j += 1; prevSpace = false; continue
                }
                if c == 0x20 || c == 0x09 { prevSpace = true; j += 1; continue }
                if c == 0x23, prevSpace { break scan }                       // # comment
                let followedBySpace = j + 1 >= end || u[j + 1] == 0x20 || u[j + 1] == 0x09
                if nodeStart {
                    if flowDepth == 0, j - i > maxBlockColumn {
                        throw fail(line, "nesting too deep: a value starts at column \(j - i + 1); at most \(maxBlockColumn) columns of indentation and '- ' are allowed")
                    }
                    switch c {
                    case 0x26, 0x2A:   // & *
                        throw fail(line, "YAML anchors (&) and aliases (*) are not accepted in a configuration (write each value out; quote a text that starts with '\(c == 0x26 ? "&" : "*")')")
                    case 0x22: inDouble = true
                    case 0x27: inSingle = true
                    case 0x21:         // !tag: skip it, a node still starts after it
                        while j < end, u[j] != 0x20, u[j] != 0x09 { j += 1 }
                        prevSpace = true; continue scan
                    case 0x2D, 0x3F, 0x3A:   // - ? : indicators, or a plain scalar such as -5
                        if !followedBySpace { nodeStart = false }
                    case 0x5B, 0x7B:
                        flowDepth += 1
                        if flowDepth > maxFlowDepth {
                            throw fail(line, "nesting too deep: more than \(maxFlowDepth) levels of [ ] or { }")
                        }
                    case 0x5D, 0x7D:
                        flowDepth = max(0, flowDepth - 1); nodeStart = false
                    case 0x2C:
                        break
                    case 0x7C, 0x3E:   // | > block scalar: skip its body
                        if flowDepth == 0 { blockScalarIndent = indent; break scan }
                        nodeStart = false
                    default:
                        nodeStart = false                   // a plain scalar
                    }
                } else {
                    switch c {
                    case 0x3A:
                        if followedBySpace || (flowDepth > 0 && [0x2C, 0x5B, 0x5D, 0x7B, 0x7D].contains(u[j + 1])) { nodeStart = true }
                    case 0x2C:
                        if flowDepth > 0 { nodeStart = true }
                    case 0x5B, 0x7B:
                        if flowDepth > 0 {
                            flowDepth += 1; nodeStart = true
                            if flowDepth > maxFlowDepth {
                                throw fail(line, "nesting too deep: more than \(maxFlowDepth) levels of [ ] or { }")
                            }
                        }
                    case 0x5D, 0x7D:
                        if flowDepth > 0 { flowDepth -= 1 }
                    default:
                        break
                    }
                }
                prevSpace = false
                j += 1
            }
            i = next(after: end, u, &line)
        }
    }

    /// The index after the line break at `end` (\n, \r or \r\n), counting the line.
    private static func next(after end: Int, _ u: [UInt8], _ line: inout Int) -> Int {
        guard end < u.count else { return end }
        line += 1
        if u[end] == 0x0D, end + 1 < u.count, u[end + 1] == 0x0A { return end + 2 }
        return end + 1
    }

    /// Refuses a parsed tree that has an anchored node (an anchor or any alias of it) or more
    /// than `maxNodes` nodes. Visits nodes in document order and stops at the first anchor, which
    /// precedes every alias of it, so it never walks an expanded alias.
    /// - Complexity: O(min(nodes, maxNodes)).
    static func checkTree(_ node: Node, source: String) throws {
        var count = 0
        var stack: [Node] = [node]
        while let n = stack.popLast() {
            count += 1
            if count > maxNodes {
                throw SimulationError.located(source: source, line: n.mark?.line,
                                              error: .unreadable(path: source, reason: "more than \(maxNodes) values in one configuration"))
            }
            if n.anchor != nil || { if case .alias = n { return true }; return false }() {
                throw SimulationError.located(source: source, line: n.mark?.line,
                                              error: .unreadable(path: source, reason: "YAML anchors (&) and aliases (*) are not accepted in a configuration"))
            }
            switch n {
            case .mapping(let m): for (k, v) in m.reversed() { stack.append(v); stack.append(k) }
            case .sequence(let q): stack.append(contentsOf: q.reversed())
            default: break
            }
        }
    }

    /// Parses a configuration text after `check`, then `checkTree`s the result.
    static func compose(_ text: String, source: String) throws -> Node? {
        try check(text, source: source)
        guard let node = try Yams.compose(yaml: text) else { return nil }
        try checkTree(node, source: source)
        return node
    }
}
