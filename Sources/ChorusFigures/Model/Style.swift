/// A colour as 8-bit sRGB components.
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// From a 24-bit hex value such as `0xE69F00`.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
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
    case solid, dashed, dotted, dashDot
}

/// A point marker, drawn as a DejaVu glyph.
public enum Marker: String, Sendable, Hashable, CaseIterable {
    case circle, square, triangle, diamond, triangleDown, cross, plus, star

    /// The glyph used for the marker (DejaVu Sans has all of them).
    var glyph: String {
        switch self {
        case .circle: return "●"
        case .square: return "■"
        case .triangle: return "▲"
        case .diamond: return "◆"
        case .triangleDown: return "▼"
        case .cross: return "✕"
        case .plus: return "+"
        case .star: return "★"
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
    case below, right, topLeft, topRight, bottomLeft, bottomRight, none
}

/// Axis scale.
public enum AxisScale: String, Sendable, Hashable {
    case linear, log10
}

/// One axis: label, optional fixed range, scale.
public struct Axis: Sendable, Hashable {
    public var label: String
    /// Fixed range; nil = fit the data (with a small margin on linear axes).
    public var range: ClosedRange<Double>?
    public var scale: AxisScale

    public init(_ label: String = "", range: ClosedRange<Double>? = nil, scale: AxisScale = .linear) {
        self.label = label; self.range = range; self.scale = scale
    }
}

/// The pixel (PNG) or point (SVG, PDF) size of a figure. Text and line widths scale with it,
/// so a figure looks the same in every format.
public struct FigureSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int, height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    /// 1600 × 1000: a full-width paper figure.
    public static let paper = FigureSize(width: 1600, height: 1000)
    /// 1000 × 800: a single-column figure.
    public static let column = FigureSize(width: 1000, height: 800)
    public var description: String { "\(width)×\(height)" }
}
