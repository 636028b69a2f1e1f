import Foundation

/// Tick positions and labels for an axis.
struct Ticks: Equatable {
    /// Tick values in data units.
    var values: [Double]
    /// Labels, one per value.
    var labels: [String]
    /// Spacing of major ticks in world units (linear axes; 0 = let PLplot choose, log axes).
    var step: Double

    /// "Nice" linear ticks (1, 2, 2.5, 5 × 10^k) covering [lo, hi], about `target` of them.
    /// With `integer`, steps are whole numbers ≥ 1 (2.5 is skipped), for counts and iterations.
    static func linear(_ lo: Double, _ hi: Double, target: Int = 6, integer: Bool = false) -> Ticks {
        let span = hi - lo
        guard span > 0, span.isFinite else { return Ticks(values: [lo], labels: [format(lo, step: 1)], step: 1) }
        let raw = span / Double(max(1, target))
        let mag = pow(10, floor(log10(raw)))
        // A step of 2.5 (mag = 1) would need labels like 7.5 among whole numbers: skipped.
        let candidates = (integer && mag <= 1) || mag == 1 ? [1.0, 2.0, 5.0, 10.0] : [1.0, 2.0, 2.5, 5.0, 10.0]
        var step = (candidates.first { $0 * mag >= raw } ?? 10) * mag
        if integer { step = max(1, step.rounded()) }
        var values: [Double] = []
        var k = (lo / step).rounded(.up)
        let eps = step * 1e-9
        while k * step <= hi + eps {
            var v = k * step
            if abs(v) < eps { v = 0 }
            values.append(v)
            k += 1
        }
        return Ticks(values: values, labels: values.map { format($0, step: step) }, step: step)
    }

    /// Log-10 ticks in [lo, hi] (data units, both > 0): decades, plus 2× and 5× when the range
    /// spans fewer than three decades, plus every integer multiple when it spans less than one;
    /// sparser (1× and 3×, then decades) when that gives more than `target` labels (a narrow panel).
    static func logarithmic(_ lo: Double, _ hi: Double, target: Int = .max) -> Ticks {
        let l = log10(lo), h = log10(hi)
        let decades = h - l
        let choices: [[Double]]
        if decades < 1 { choices = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5]] }
        else if decades < 3 { choices = [[1, 2, 5], [1, 3], [1]] }
        else { choices = [[1]] }
        func values(_ multipliers: [Double]) -> [Double] {
            var values: [Double] = []
            var e = floor(l)
            while e <= ceil(h) {
                for m in multipliers {
                    let v = m * pow(10, e)
                    if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { values.append(v) }
                }
                e += 1
            }
            return values
        }
        let values = choices.lazy.map(values).first { $0.count <= target } ?? values(choices.last!)
        let labels = values.map { v -> String in
            if v >= 1e4 || v < 1e-3 { return scientific(v) }
            let step = pow(10, floor(log10(v)))
            return format(v, step: min(step, 1))
        }
        return Ticks(values: values, labels: labels, step: 0)
    }

    /// Formats `v` with as many decimals as the tick step needs, with a true minus sign.
    static func format(_ v: Double, step: Double) -> String {
        // As many decimals as the step has (2.5 → 1), so no two ticks share a label.
        var decimals = 0
        var s = step
        while decimals < 10 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) { s *= 10; decimals += 1 }
        if abs(v) >= 1e6 || (abs(v) > 0 && abs(v) < 1e-4) { return scientific(v) }
        var text = String(format: "%.\(decimals)f", v)
        if text.hasPrefix("-") && Double(text) == 0 { text.removeFirst() }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    /// `m×10ᵏ` with up to three significant digits in m ("10ᵏ" when m = 1), true minus signs.
    static func scientific(_ v: Double) -> String {
        guard v != 0, v.isFinite else { return v == 0 ? "0" : "\(v)" }
        var e = Int(floor(log10(abs(v))))
        var m = v / pow(10, Double(e))
        m = (m * 100).rounded() / 100
        if abs(m) >= 10 { m /= 10; e += 1 }
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                                   "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        let exp = String(String(e).map { superscripts[$0] ?? $0 })
        var mant = String(format: "%.2f", m)
        while mant.hasSuffix("0") { mant.removeLast() }
        if mant.hasSuffix(".") { mant.removeLast() }
        let sign = mant.hasPrefix("-") ? "−" : ""
        if mant.hasPrefix("-") { mant.removeFirst() }
        return mant == "1" ? "\(sign)10\(exp)" : "\(sign)\(mant)×10\(exp)"
    }
}
