/// Approximate text widths for layout (PLplot 5.15 has no public text-measuring call).
/// Advance widths of DejaVu Sans, in em, grouped by character class.
enum TextMetrics {
    /// Width of `text` in units of the font's em size.
    static func widthInEm(_ text: String) -> Double {
        var w = 0.0
        for c in text {
            switch c {
            case "0"..."9": w += 0.636
            case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!": w += 0.28
            case " ": w += 0.318
            case "f", "t", "r", "I", "(", ")", "[", "]", "/": w += 0.39
            case "s", "c", "z", "k", "v", "y", "x": w += 0.54
            case "m", "w", "M", "W", "—": w += 0.92
            case "−", "+", "=", "×", "<", ">", "±": w += 0.84
            case "A"..."Z": w += 0.72
            case "●", "■", "▲", "◆", "▼", "★": w += 0.85
            default: w += 0.6
            }
        }
        return w
    }
}
