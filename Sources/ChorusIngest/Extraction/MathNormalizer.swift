/// Normalises a MATH answer so that equivalent spellings compare equal as strings.
///
/// Steps, in order: remove all white space; remove `\left` and `\right`; remove `\!`;
/// `\dfrac`/`\tfrac` → `\frac`; remove `^{\circ}` and `^\circ`; remove `\$`; remove trailing
/// periods. A subset of the MATH reference normaliser (`strip_string`, Hendrycks et al. 2021):
/// it deliberately does not rewrite `0.5` as `\frac{1}{2}` or units; such answers are compared
/// as numbers when both sides are plain numbers.
public enum MathNormalizer {
    /// The normalised form of `s` (the steps above, in order).
    /// - Complexity: O(length of `s`).
    public static func normalize<S: StringProtocol>(_ s: S) -> String {
        var t = String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        t = t.replacingAll("\\left", with: "")
        t = t.replacingAll("\\right", with: "")
        t = t.replacingAll("\\!", with: "")
        t = t.replacingAll("\\dfrac", with: "\\frac")
        t = t.replacingAll("\\tfrac", with: "\\frac")
        t = t.replacingAll("^{\\circ}", with: "")
        t = t.replacingAll("^\\circ", with: "")
        t = t.replacingAll("\\$", with: "")
        while t.hasSuffix(".") { t.removeLast() }
        return t
    }
}

extension String {
    /// Replaces every non-overlapping occurrence of `target`, left to right (byte-wise, so it
    /// does not depend on Foundation's locale or Unicode-equivalence rules).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let u = Array(utf8), p = Array(target.utf8), r = Array(replacement.utf8)
        guard !p.isEmpty, u.count >= p.count else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        var changed = false
        while i < u.count {
            if u[i] == p[0], i + p.count <= u.count, TextScan.matches(u, at: i, p) {
                out.append(contentsOf: r); i += p.count; changed = true
            } else { out.append(u[i]); i += 1 }
        }
        return changed ? String(decoding: out, as: UTF8.self) : self
    }
}
