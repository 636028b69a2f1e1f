/// Why a figure could not be drawn. Every case is detected before PLplot starts drawing, except
/// `.plplot` (an error PLplot reported through its abort handler while drawing).
public enum FigureError: Error, CustomStringConvertible, Equatable {
    /// The file extension (or explicit format) is not one of png, svg, pdf.
    case unknownFormat(path: String, fileExtension: String)
    /// The PLplot device for the format is not installed (e.g. plplot-driver-cairo missing).
    case deviceUnavailable(device: String, available: [String])
    /// The output file cannot be written (missing or read-only folder, a file used as a folder…).
    case cannotWrite(path: String, reason: String)
    /// The chart's data are unusable: names the chart, the series and what is wrong.
    case invalidData(chart: String, series: String, reason: String)
    /// The figure's layout is invalid (size, grid shape, categories…).
    case invalidLayout(String)
    /// PLplot reported an error while drawing.
    case plplot(String)
    /// A folder given as a run directory is not one (`chorus figures`).
    case notARun(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownFormat(let p, let e):
            return "cannot draw \(p): unknown figure format '\(e)' (expected .png, .svg or .pdf)"
        case .deviceUnavailable(let d, let a):
            return "PLplot device '\(d)' is not available (install plplot-driver-cairo; available: \(a.joined(separator: ", ")))"
        case .cannotWrite(let p, let r):
            return "cannot write figure \(p): \(r)"
        case .invalidData(let c, let s, let r):
            let chart = c.isEmpty ? "chart" : "chart '\(c)'"
            return "invalid data in \(chart), series '\(s)': \(r)"
        case .invalidLayout(let r):
            return "invalid figure layout: \(r)"
        case .plplot(let m):
            return "PLplot error: \(m)"
        case .notARun(let p, let r):
            return "\(p) is not a run directory: \(r)"
        }
    }
}
