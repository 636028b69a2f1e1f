/// The one number format of Chorus's data files (CSV tables, JSON files, the sweep's point
/// files, configuration messages), and its reader.
///
/// Finite numbers are written in Swift's shortest round-trip form (`Double.description`, the
/// shortest decimal that reads back as the same Double — Steele & White / Ryū-style), so
/// `parseCell(cell(x)) == x` bit for bit for every finite x, subnormals and −0 included;
/// `printf`-style `%.4g` lost digits. Integral values below 10¹⁵ in magnitude are written
/// without a fraction (`2`, not `2.0`). Non-finite values: `NA` (NaN) and `Inf`/`-Inf` in
/// tables, `null` in JSON, which has neither (docs/formats.md, docs/configuration.md).
public enum NumberText {
    /// The cell text of a missing value (and of NaN).
    public static let missing = "NA"

    /// A finite number's shortest round-trip text, integral values without a fraction
    /// (`3`, `-0`, `0.1`, `1e+20`, `5e-324`). Non-finite values give Swift's `nan`/`inf`/`-inf`;
    /// data files use `cell` or `json` instead.
    public static func shortest(_ x: Double) -> String {
        if x == 0 { return x.sign == .minus ? "-0" : "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    /// A table cell: `shortest(x)`, `NA` for NaN, `Inf`/`-Inf` for infinities.
    public static func cell(_ x: Double) -> String {
        if x.isNaN { return missing }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return shortest(x)
    }

    /// A JSON number: `shortest(x)`; `null` for NaN and infinities.
    public static func json(_ x: Double) -> String {
        x.isFinite ? shortest(x) : "null"
    }

    /// Reads a table cell written by `cell`: `NA` or an empty cell is NaN, `Inf`/`-Inf` are
    /// infinities, anything else must be a decimal number (nil otherwise).
    public static func parseCell(_ s: String) -> Double? {
        switch s {
        case missing, "": return .nan
        case "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            // Double("nan")/Double("inf") would accept Swift's spellings; cells never hold them.
            guard let v = Double(s), v.isFinite else { return nil }
            return v
        }
    }
}
