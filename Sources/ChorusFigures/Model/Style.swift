import Foundation

/// A colour as 8-bit sRGB components.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    /// The 8-bit sRGB components.
    public var red: UInt8, green: UInt8, blue: UInt8

    /// A colour from its red, green and blue components.
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// From a 24-bit hex value such as `0xE69F00`.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    /// Black.
    public static let black = RGB(0, 0, 0)
    /// White.
    public static let white = RGB(255, 255, 255)
    /// Mid grey (#808080), for reference lines.
    public static let grey = RGB(hex: 0x808080)

    public var description: String {
        "#" + [red, green, blue].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    func leftPadded(to n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}

/// Colour-blind-safe palettes.
public enum Palette {
    /// Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision
    /// deficiencies. Ordered so that the first colours have the most contrast on white (yellow,
    /// the palest, comes last).
    public static let okabeIto: [RGB] = [
        RGB(hex: 0x0072B2), // blue
        RGB(hex: 0xD55E00), // vermillion
        RGB(hex: 0x009E73), // bluish green
        RGB(hex: 0xCC79A7), // reddish purple
        RGB(hex: 0xE69F00), // orange
        RGB(hex: 0x56B4E9), // sky blue
        RGB(hex: 0x000000), // black
        RGB(hex: 0xF0E442), // yellow
    ]

    /// The palette colour for series or group number `index` (cycles after 8).
    public static func colour(_ index: Int) -> RGB {
        okabeIto[((index % okabeIto.count) + okabeIto.count) % okabeIto.count]
    }
}

/// How a line is dashed.
public enum LineStyle: String, Sendable, Hashable, CaseIterable {
    /// A solid line, dashes, dots, or dashes and dots.
    case solid, dashed, dotted, dashDot
}

/// A point marker, drawn as a filled shape.
public enum Marker: String, Sendable, Hashable, CaseIterable {
    /// The shapes available.
    case circle, square, triangle, diamond, triangleDown, cross, plus, star

    /// The marker's outline as filled polygons, in units of its radius, centred on 0.
    var outline: [[(Double, Double)]] {
        func ring(_ n: Int, _ radius: (Int) -> Double, start: Double) -> [(Double, Double)] {
            (0..<n).map { k in
                let a = start + 2 * Double.pi * Double(k) / Double(n)
                return (radius(k) * cos(a), radius(k) * sin(a))
            }
        }
        func bar(_ angle: Double, length: Double, thickness: Double) -> [(Double, Double)] {
            let c = cos(angle), s = sin(angle)
            return [(-length, -thickness), (length, -thickness), (length, thickness), (-length, thickness)]
                .map { ($0.0 * c - $0.1 * s, $0.0 * s + $0.1 * c) }
        }
        switch self {
        case .circle: return [ring(20, { _ in 1 }, start: 0)]
        case .square: return [[(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]]
        case .triangle: return [ring(3, { _ in 1.2 }, start: Double.pi / 2)]
        case .diamond: return [ring(4, { _ in 1.15 }, start: 0)]
        case .triangleDown: return [ring(3, { _ in 1.2 }, start: -Double.pi / 2)]
        case .star: return [ring(10, { $0 % 2 == 0 ? 1.3 : 0.55 }, start: Double.pi / 2)]
        case .cross: return [bar(Double.pi / 4, length: 1.1, thickness: 0.22), bar(-Double.pi / 4, length: 1.1, thickness: 0.22)]
        case .plus: return [bar(0, length: 1.1, thickness: 0.22), bar(Double.pi / 2, length: 1.1, thickness: 0.22)]
        }
    }

    /// A marker per index, cycling, for series that want distinct shapes as well as colours.
    public static func forIndex(_ i: Int) -> Marker {
        let all: [Marker] = [.circle, .square, .triangle, .diamond, .triangleDown, .star, .cross, .plus]
        return all[((i % all.count) + all.count) % all.count]
    }
}

/// Where the legend goes. `.below` (the default) sits under the plot and never covers data;
/// the corner placements draw inside the plot on a white background with a frame.
public enum LegendPlacement: String, Sendable, Hashable, CaseIterable {
    /// Below the plot, to its right, inside one of its corners, or no legend.
    case below, right, topLeft, topRight, bottomLeft, bottomRight, none
}

/// Axis scale.
public enum AxisScale: String, Sendable, Hashable {
    /// Linear or base-10 logarithmic.
    case linear, log10
}

/// One axis: label, optional fixed range, scale.
public struct Axis: Sendable, Hashable {
    /// The axis label.
    public var label: String
    /// Fixed range; nil = fit the data (with a small margin on linear axes).
    public var range: ClosedRange<Double>?
    /// Linear or logarithmic.
    public var scale: AxisScale

    /// An axis with every field given.
    public init(_ label: String = "", range: ClosedRange<Double>? = nil, scale: AxisScale = .linear) {
        self.label = label; self.range = range; self.scale = scale
    }
}

/// The size of a figure in points (1/72 inch) at print size. A PNG has
/// `width × dpi / 72` pixels (see `FigureStyle.dpi`); SVG and PDF pages are `width × height` points.
///
/// With `FigureStyle.screen` (the default of `render(to:format:size:)`, dpi 72) this is exactly the
/// old pixel size of a PNG, and text and lines scale with the figure. With `FigureStyle.paper`
/// text is set in points and keeps its size whatever the figure's size.
public struct FigureSize: Sendable, Hashable, CustomStringConvertible {
    /// Width and height in points (1/72 in).
    public var width: Int, height: Int
    /// A size of `width` × `height` points.
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    /// A size in inches (rounded to whole points).
    public static func inches(_ width: Double, _ height: Double) -> FigureSize {
        FigureSize(width: Int((width * 72).rounded()), height: Int((height * 72).rounded()))
    }
    /// 1600 × 1000: a full-width screen figure (legacy, with `FigureStyle.screen`).
    public static let paper = FigureSize(width: 1600, height: 1000)
    /// 1000 × 800: a single-column screen figure (legacy, with `FigureStyle.screen`).
    public static let column = FigureSize(width: 1000, height: 800)
    /// Width in inches.
    public var widthInches: Double { Double(width) / 72 }
    /// Height in inches.
    public var heightInches: Double { Double(height) / 72 }
    public var description: String { "\(width)×\(height) pt" }
}

/// The width of a paper figure: a single column (3.5 in), both columns (7 in), or a fixed
/// width × height in inches. Named figures pick their height from the width and their panels.
public enum PaperWidth: Sendable, Hashable, CustomStringConvertible {
    /// 3.5 in: one column of a two-column paper (IEEE, ACL, NeurIPS single column ≈ 3.25–3.5 in).
    case single
    /// 7 in: the full text width of a two-column paper.
    case double
    /// A fixed size in inches (width, height).
    case custom(width: Double, height: Double)

    /// The width in inches.
    public var inches: Double {
        switch self {
        case .single: return 3.5
        case .double: return 7
        case .custom(let w, _): return w
        }
    }

    /// Parses `single`, `double` or `W×H` / `WxH` in inches (e.g. `3.25x2.5`).
    /// - Throws: `FigureError.invalidLayout` naming the text and what is expected.
    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "single" { self = .single; return }
        if t == "double" { self = .double; return }
        let parts = t.replacingOccurrences(of: "×", with: "x").split(separator: "x").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let w = parts[0], let h = parts[1], w.isFinite, h.isFinite, w >= 1, h >= 1, w <= 40, h <= 40 else {
            throw FigureError.invalidLayout("size '\(text)': expected single, double or W×H in inches between 1 and 40 (e.g. 3.5x2.6)")
        }
        self = .custom(width: w, height: h)
    }

    /// The figure's size: the custom size, or this width with `aspect` (height / width) for a
    /// figure of `rows` rows of panels (`perRow` inches each, plus `extra` for a legend band).
    public func size(rows: Int, rowHeight perRow: Double, extra: Double = 0) -> FigureSize {
        switch self {
        case .custom(let w, let h): return .inches(w, h)
        default: return .inches(inches, Double(max(1, rows)) * perRow + extra)
        }
    }

    public var description: String {
        switch self {
        case .single: return "single"
        case .double: return "double"
        case .custom(let w, let h): return "\(w)×\(h) in"
        }
    }
}

/// How text and lines are sized, and what is drawn besides the data.
///
/// `FigureStyle.paper` sets text in points at print size (9 pt tick labels and legends, axis
/// labels 8 % larger; nothing is ever drawn under `minimumFontSize`: a label that would have to
/// shrink further is cut with "…" or left out) and lines in points (data lines `lineWidth`,
/// every other stroke at least `minimumLineWidth`). `FigureStyle.screen` is the legacy look:
/// text about 2.4 % of the shorter side of the figure, so it scales with the figure.
public struct FigureStyle: Sendable, Hashable {
    /// Base text size in points (tick labels, legend); nil = scale with the figure (`screen`).
    public var fontSize: Double?
    /// Smallest text drawn, in points (only with a `fontSize`).
    public var minimumFontSize: Double
    /// Width of data lines in points (only with a `fontSize`).
    public var lineWidth: Double
    /// Thinnest stroke in points: frame, grid, error bars (only with a `fontSize`).
    public var minimumLineWidth: Double
    /// Resolution of PNG output in dots per inch, also written into the file (pHYs chunk).
    public var dpi: Int
    /// Whether the figure's own title is drawn (papers put it in the caption). Titles of the
    /// panels of a multi-panel figure name the panels and are always drawn.
    public var titles: Bool
    /// Whether the panels of a multi-panel figure get letters (a), (b), … in their top-left corner.
    public var panelLetters: Bool

    /// A style with every field given; the defaults are the paper style.
    public init(fontSize: Double? = 9, minimumFontSize: Double = 8, lineWidth: Double = 1.25,
                minimumLineWidth: Double = 0.75, dpi: Int = 300, titles: Bool = false, panelLetters: Bool = true) {
        self.fontSize = fontSize; self.minimumFontSize = minimumFontSize; self.lineWidth = lineWidth
        self.minimumLineWidth = minimumLineWidth; self.dpi = dpi; self.titles = titles; self.panelLetters = panelLetters
    }

    /// Paper figures: 9 pt text (never under 8 pt), 1.25 pt data lines (no stroke under
    /// 0.75 pt), 300 dpi PNG, no figure title, panel letters.
    public static let paper = FigureStyle()
    /// The legacy screen look: text and lines scale with the figure, 72 dpi, titles, no letters.
    public static let screen = FigureStyle(fontSize: nil, dpi: 72, titles: true, panelLetters: false)
}
