internal import CPLplot
import Foundation

/// A rectangle in millimetres on the page (origin bottom-left, PLplot's convention).
struct Rect: Equatable {
    var x0: Double, y0: Double, x1: Double, y1: Double
    var width: Double { x1 - x0 }
    var height: Double { y1 - y0 }
}

/// Drawing primitives over one open PLplot stream, in page millimetres or in world
/// coordinates of a plot area. Only used inside `PLplotRuntime.withLock`, between
/// `c_plinit` and `c_plend1`.
final class Canvas {
    /// The page in millimetres (PLplot's millimetres: the cairo drivers map 72 device units to
    /// the inch, so they are real millimetres for PDF and SVG, and dpi/72 times larger for PNG).
    let page: Rect
    /// The base character height in mm (tick labels); other text scales from it.
    private(set) var charHeight: Double
    /// The page's base character height (before any panel scaling).
    let pageCharHeight: Double
    /// Base line width in device units.
    let lineUnit: Double
    /// The style the figure is drawn in.
    let style: FigureStyle
    /// Whether text and lines are set in points (`style.fontSize` given) rather than scaled
    /// with the figure.
    var physical: Bool { style.fontSize != nil }
    /// Device units (PNG pixels, SVG/PDF points) per point at print size.
    let deviceUnitsPerPoint: Double
    /// Smallest text scale (relative to `charHeight`) that stays at or above the style's
    /// minimum font size; 0 for the screen style.
    let minTextScale: Double
    /// Where data may go in the current coordinates (see `Clip`).
    private var clipWindow: Rect
    /// The current viewport (mm) and its world window, to size markers in world units.
    private var area: Rect
    private var window: Rect
    private var colourIndex: [String: Int32] = [:]
    private var nextColour: Int32 = 2
    static let colourCapacity: Int32 = 256

    /// Font em size as a multiple of PLplot's character height (cairo drivers): 4/3. Measured
    /// in PDFs' text matrices (scripts/measure-pdf-text.py): a character height of 9/1.32 mm
    /// gave 9.09 pt text and one of 9/1.307 mm gave 9.18 pt, both 1.333 × the height; the
    /// earlier estimate 1.32 came from the ink of PNG text. `PDFTextSizeTests` checks it.
    static let emPerCharHeight = 4.0 / 3.0

    /// PLplot millimetres per point at print size.
    var millimetresPerPoint: Double { 25.4 / 72 * deviceUnitsPerPoint }

    /// - Parameters:
    ///   - deviceUnitsPerPoint: PNG pixels per point (dpi / 72), 1 for SVG and PDF.
    init(style: FigureStyle, deviceUnitsPerPoint: Double) {
        var x0: PLFLT = 0, x1: PLFLT = 0, y0: PLFLT = 0, y1: PLFLT = 0
        c_plgspa(&x0, &x1, &y0, &y1)
        page = Rect(x0: 0, y0: 0, x1: x1 - x0, y1: y1 - y0)
        self.style = style
        self.deviceUnitsPerPoint = deviceUnitsPerPoint
        let mmPerPoint = 25.4 / 72 * deviceUnitsPerPoint
        if let pt = style.fontSize {
            // The em of the font is `pt` points at print size.
            charHeight = pt * mmPerPoint / Canvas.emPerCharHeight
            lineUnit = deviceUnitsPerPoint
            minTextScale = style.minimumFontSize / pt
        } else {
            // Text scales with the figure: ~2.4% of the shorter side (24 px at 1600×1000).
            let shorter = min(page.width / 1.6, page.height)
            charHeight = shorter * 0.024
            let devW = page.width / 25.4 * 72, devH = page.height / 25.4 * 72
            lineUnit = max(1, min(devW * 10 / 16, devH) / 1000 * 2.2)
            minTextScale = 0
        }
        pageCharHeight = charHeight
        clipWindow = Clip.guardWindow(page)
        area = page; window = page
        c_plschr(charHeight, 1)
        c_plssym(charHeight, 1)
    }

    /// `scale`, raised to the smallest scale that keeps text at the style's minimum size.
    /// (A hair above the minimum, so that the SVG driver's truncation to whole points never
    /// turns 8 pt into 7.)
    func readable(_ scale: Double) -> Double { max(scale, minTextScale * (1 + 1e-6)) }

    /// The physical size in points of text drawn at `scale` (0 for the screen style).
    func points(atScale scale: Double) -> Double {
        charHeight * scale * Canvas.emPerCharHeight / millimetresPerPoint
    }

    /// Sets the text size for a panel of a grid: the geometric mean of the page's size and
    /// the size the panel would have as a page of its own, but at least half the page's, so
    /// small panels get smaller text without it becoming unreadable. With a style in points
    /// the text keeps its size.
    func fitText(toCell cell: Rect) {
        guard !physical else { return }
        let own = min(cell.width / 1.6, cell.height) * 0.024
        charHeight = max(0.5 * pageCharHeight, min(pageCharHeight, (own * pageCharHeight).squareRoot()))
        c_plschr(charHeight, 1)
        c_plssym(charHeight, 1)
    }

    // MARK: colours and pens

    /// Selects a colour (with opacity), allocating a cmap0 slot for it.
    func colour(_ c: RGB, alpha: Double = 1) {
        let key = "\(c.red),\(c.green),\(c.blue),\(alpha)"
        let idx: Int32
        if let i = colourIndex[key] { idx = i } else {
            if nextColour >= Canvas.colourCapacity { nextColour = 2; colourIndex.removeAll() }
            idx = nextColour; nextColour += 1
            colourIndex[key] = idx
            c_plscol0a(idx, Int32(c.red), Int32(c.green), Int32(c.blue), alpha)
        }
        c_plcol0(idx)
    }

    /// Sets the line width, as a multiple of the base width (thinner in small grid panels).
    /// With a style in points, 1.6 (a data line) is `style.lineWidth` points and no stroke is
    /// thinner than `style.minimumLineWidth`.
    func width(_ w: Double) {
        if physical {
            c_plwidth(lineUnit * max(style.minimumLineWidth, w / 1.6 * style.lineWidth))
        } else {
            c_plwidth(lineUnit * w * (charHeight / pageCharHeight).squareRoot())
        }
    }

    /// Sets the dash pattern (lengths scale with the text size).
    func style(_ s: LineStyle) {
        let u = charHeight * 1000 // µm per character height
        func set(_ marks: [Double], _ spaces: [Double]) {
            var m = marks.map { Int32(($0 * u).rounded()) }, sp = spaces.map { Int32(($0 * u).rounded()) }
            c_plstyl(Int32(m.count), &m, &sp)
        }
        switch s {
        case .solid: c_pllsty(1)
        case .dashed: set([0.9], [0.55])
        case .dotted: set([0.15], [0.35])
        case .dashDot: set([0.9, 0.15], [0.4, 0.4])
        }
    }

    /// Sets the text size as a multiple of the base character height.
    func textScale(_ s: Double) { c_plschr(0, s) }

    // MARK: coordinate systems

    /// Draws in page millimetres from now on.
    func usePage() {
        c_plsvpa(page.x0, page.x1, page.y0, page.y1)
        c_plwind(page.x0, page.x1, page.y0, page.y1)
        clipWindow = Clip.guardWindow(page)
        area = page; window = page
    }

    /// Draws in world coordinates mapped onto `area` (mm) from now on; PLplot clips to it.
    func useArea(_ area: Rect, world: Rect) {
        c_plsvpa(area.x0, area.x1, area.y0, area.y1)
        c_plwind(world.x0, world.x1, world.y0, world.y1)
        clipWindow = Clip.guardWindow(world)
        self.area = area; window = world
    }

    // MARK: primitives (current coordinate system)

    /// A polyline (clipped first, see `Clip`).
    func line(_ x: [Double], _ y: [Double]) {
        guard x.count >= 2, x.count == y.count else { return }
        for (px, py) in Clip.polyline(x, y, clipWindow) {
            px.withUnsafeBufferPointer { xp in
                py.withUnsafeBufferPointer { yp in c_plline(Int32(px.count), xp.baseAddress, yp.baseAddress) }
            }
        }
    }

    /// A filled polygon in the current colour (clipped first, see `Clip`).
    func fill(_ x: [Double], _ y: [Double]) {
        guard x.count >= 3, x.count == y.count else { return }
        let (px, py) = Clip.polygon(x, y, clipWindow)
        guard px.count >= 3 else { return }
        c_plpsty(0)
        px.withUnsafeBufferPointer { xp in
            py.withUnsafeBufferPointer { yp in c_plfill(Int32(px.count), xp.baseAddress, yp.baseAddress) }
        }
    }

    func rectangle(_ r: Rect) {
        fill([r.x0, r.x1, r.x1, r.x0], [r.y0, r.y0, r.y1, r.y1])
    }

    /// Draws `marker` centred on each point as a filled shape (not a font glyph, so a PDF's
    /// text is only its labels); `scale` is relative to the text size (0.65 ≈ a 3.5 pt wide
    /// circle at 9 pt text).
    func markers(_ x: [Double], _ y: [Double], marker: Marker, scale: Double) {
        guard !x.isEmpty, x.count == y.count else { return }
        let r = 0.42 * charHeight * scale   // radius in mm
        let sx = window.width / area.width, sy = window.height / area.height   // world units per mm
        let shape = marker.outline
        for i in x.indices where Clip.contains(clipWindow, x[i], y[i]) {
            for part in shape {
                fillUnclipped(part.map { x[i] + $0.0 * r * sx }, part.map { y[i] + $0.1 * r * sy })
            }
        }
    }

    /// A filled polygon without the guard-window clip (small shapes near a point that is inside).
    private func fillUnclipped(_ x: [Double], _ y: [Double]) {
        c_plpsty(0)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in c_plfill(Int32(x.count), xp.baseAddress, yp.baseAddress) }
        }
    }

    /// Writes text at (x, y) in the current coordinates; `just` 0 = left, 0.5 = centre,
    /// 1 = right; `vertical` rotates it by 90° (reading upwards). PLplot centres text
    /// vertically on the reference point.
    func text(_ s: String, x: Double, y: Double, just: Double, vertical: Bool = false, scale: Double = 1) {
        textScale(readable(scale))
        c_plptex(x, y, vertical ? 0 : 1, vertical ? 1 : 0, just, Canvas.escape(s))
        textScale(1)
    }

    /// Estimated width of `s` in mm at text scale `scale`.
    func textWidth(_ s: String, scale: Double = 1) -> Double {
        TextMetrics.widthInEm(s) * Canvas.emPerCharHeight * charHeight * scale
    }

    /// Escapes PLplot's text escape character so user text is drawn literally.
    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "#", with: "##") }
}
