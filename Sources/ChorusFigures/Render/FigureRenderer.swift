internal import CPLplot
import ChorusRecords
import Foundation

/// Opens a PLplot stream on the right cairo device, draws the panels and writes the file.
enum FigureRenderer {
    /// Largest side accepted, in pixels or points.
    static let maxSide = 20_000

    static func render(_ grid: FigureGrid, to url: URL, format: FigureFormat?, size: FigureSize,
                       style: FigureStyle = .screen) throws {
        let fmt = try format ?? FigureFormat(path: url)
        guard size.width >= 64, size.height >= 64, size.width <= maxSide, size.height <= maxSide else {
            throw FigureError.invalidLayout("size \(size) must be between 64 and \(maxSide) on each side")
        }
        guard style.dpi >= 36, style.dpi <= 2400 else {
            throw FigureError.invalidLayout("dpi \(style.dpi) must be between 36 and 2400")
        }
        if let pt = style.fontSize {
            guard pt.isFinite, pt >= style.minimumFontSize, pt <= 72, style.minimumFontSize > 0 else {
                throw FigureError.invalidLayout("font size \(pt) pt must be between the minimum \(style.minimumFontSize) pt and 72 pt")
            }
            guard style.lineWidth.isFinite, style.minimumLineWidth > 0, style.lineWidth >= style.minimumLineWidth, style.lineWidth <= 20 else {
                throw FigureError.invalidLayout("line width \(style.lineWidth) pt must be between the minimum \(style.minimumLineWidth) pt and 20 pt")
            }
        }
        // PNG pixels per point; SVG and PDF pages are in points.
        let unitsPerPoint = fmt == .png ? Double(style.dpi) / 72 : 1
        let device = (width: Int((Double(size.width) * unitsPerPoint).rounded()), height: Int((Double(size.height) * unitsPerPoint).rounded()))
        guard device.width <= maxSide, device.height <= maxSide else {
            throw FigureError.invalidLayout("\(size) at \(style.dpi) dpi is \(device.width)×\(device.height) px; at most \(maxSide) px on each side")
        }
        try checkDestination(url)
        try PLplotRuntime.withLock {
            let devices = PLplotRuntime.availableDevices()
            guard devices.contains(fmt.device) else {
                throw FigureError.deviceUnavailable(device: fmt.device, available: devices)
            }
            do {
                try AtomicFile.produce(at: url) { tmp in
                    // Create the file ourselves: PLplot exit()s if it cannot open it.
                    guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
                        throw FigureError.cannotWrite(path: url.path, reason: "cannot create a file in \(tmp.deletingLastPathComponent().path)")
                    }
                    try draw(grid, device: fmt.device, path: tmp.path, pixels: device, style: style, unitsPerPoint: unitsPerPoint)
                    if fmt == .png { try PNGMetadata.setResolution(dpi: style.dpi, ofFileAt: tmp) }
                    let attrs = try? FileManager.default.attributesOfItem(atPath: tmp.path)
                    guard let bytes = attrs?[.size] as? Int, bytes > 0 else {
                        throw FigureError.plplot("PLplot wrote an empty file for \(url.path)")
                    }
                }
            } catch let e as FileIOError {
                switch e {
                case .cannotWrite(_, let r), .cannotRead(_, let r): throw FigureError.cannotWrite(path: url.path, reason: r)
                }
            }
        }
    }

    /// Rejects a destination that cannot be written: an existing folder, a path through a file,
    /// a read-only folder.
    static func checkDestination(_ url: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw FigureError.cannotWrite(path: url.path, reason: "it is a directory")
        }
        // The nearest existing ancestor must be a writable directory.
        var dir = url.deletingLastPathComponent()
        while !fm.fileExists(atPath: dir.path, isDirectory: &isDir) {
            let up = dir.deletingLastPathComponent()
            if up.path == dir.path { break }
            dir = up
        }
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir) else {
            throw FigureError.cannotWrite(path: url.path, reason: "no existing parent folder")
        }
        guard isDir.boolValue else {
            throw FigureError.cannotWrite(path: url.path, reason: "\(dir.path) is a file, not a folder")
        }
        guard fm.isWritableFile(atPath: dir.path) else {
            throw FigureError.cannotWrite(path: url.path, reason: "folder \(dir.path) is not writable")
        }
    }

    /// Draws under the lock, in a fresh PLplot stream that is ended before returning.
    private static func draw(_ grid: FigureGrid, device: String, path: String, pixels size: (width: Int, height: Int),
                             style: FigureStyle, unitsPerPoint: Double) throws {
        PLplotRuntime.resetMessages()
        var stream: Int32 = -1
        c_plmkstrm(&stream)
        guard stream >= 0 else { throw FigureError.plplot("no free PLplot stream") }
        c_plsdev(device)
        c_plsfnam(path)
        c_plspage(0, 0, Int32(size.width), Int32(size.height), 0, 0)
        c_plscmap0n(Canvas.colourCapacity)
        c_plscol0a(0, 255, 255, 255, 1) // background
        c_plscol0a(1, 0, 0, 0, 1)
        c_plinit()
        c_pladv(0)
        let canvas = Canvas(style: style, deviceUnitsPerPoint: unitsPerPoint)
        let page = canvas.page
        let h = canvas.charHeight
        var top = page.y1
        var grid = grid
        if !style.titles {
            // Papers put titles in captions; the titles of several panels name them and stay.
            grid.title = ""
            if grid.panels.filter({ $0 != .empty }).count == 1 { grid.panels = grid.panels.map { $0.withoutTitle } }
        }
        if !grid.title.isEmpty {
            canvas.usePage()
            canvas.colour(.black)
            let scale = canvas.readable(min(1.35, 0.98 * page.width / max(1e-9, canvas.textWidth(grid.title))))
            canvas.text(Axes.cut(grid.title, toWidth: 0.98 * page.width, scale: scale, canvas: canvas),
                        x: page.width / 2, y: page.y1 - 1.4 * h, just: 0.5, scale: scale)
            top -= 2.6 * h
        }
        var bottom = page.y0
        if grid.sharedLegend {
            var entries: [LegendEntry] = [], seen = Set<String>()
            for p in grid.panels {
                let e: [LegendEntry]
                switch p {
                case .line(let c): e = LineChartRenderer(chart: c, canvas: canvas).legendEntries()
                case .bar(let b): e = BarChartRenderer(chart: b, canvas: canvas).legendEntries()
                default: e = []
                }
                for x in e where seen.insert(x.label).inserted { entries.append(x) }
            }
            grid.panels = grid.panels.map { $0.withLegend(.none) }
            var legend = LegendLayout(entries: entries, canvas: canvas)
            if !legend.entries.isEmpty {
                legend.fit(width: page.width - 1.0 * h)
                let columns = legend.columns(fitting: page.width - 1.0 * h)
                let height = legend.height(columns: columns)
                let w = legend.width(columns: columns)
                legend.draw(x: max(page.x0 + 0.5 * h, (page.width - w) / 2), yTop: page.y0 + height + 0.3 * h,
                            columns: columns, framed: false)
                bottom += height + 0.6 * h
            }
        }
        let lettered = style.panelLetters && grid.panels.filter({ $0 != .empty }).count > 1
        var letterIndex = 0
        let cw = page.width / Double(grid.columns), ch = (top - bottom) / Double(grid.rows)
        for (i, panel) in grid.panels.enumerated() {
            let r = i / grid.columns, c = i % grid.columns
            let cell = Rect(x0: page.x0 + Double(c) * cw, y0: top - Double(r + 1) * ch,
                            x1: page.x0 + Double(c + 1) * cw, y1: top - Double(r) * ch)
            canvas.fitText(toCell: cell)
            var letter = ""
            if lettered && panel != .empty {
                letter = "(\(PanelLetters.letter(letterIndex)))"
                letterIndex += 1
            }
            switch panel {
            case .line(let chart): LineChartRenderer(chart: chart, canvas: canvas, letter: letter).draw(in: cell)
            case .bar(let chart): BarChartRenderer(chart: chart, canvas: canvas, letter: letter).draw(in: cell)
            case .heatMap(let map): HeatMapRenderer(map: map, canvas: canvas, letter: letter).draw(in: cell)
            case .empty: break
            }
        }
        c_plend1()
        let messages = PLplotRuntime.messages()
        if !messages.isEmpty { throw FigureError.plplot(messages.joined(separator: "; ")) }
    }
}

/// Panel letters a, b, …, z, aa, ab, … .
enum PanelLetters {
    static func letter(_ i: Int) -> String {
        let a = Array("abcdefghijklmnopqrstuvwxyz")
        return i < 26 ? String(a[i]) : letter(i / 26 - 1) + String(a[i % 26])
    }
}

extension Panel {
    /// The panel with another legend placement.
    func withLegend(_ placement: LegendPlacement) -> Panel {
        switch self {
        case .line(var c): c.legend = placement; return .line(c)
        case .bar(var b): b.legend = placement; return .bar(b)
        default: return self
        }
    }

    /// The panel without its title.
    var withoutTitle: Panel {
        switch self {
        case .line(var c): c.title = ""; return .line(c)
        case .bar(var b): b.title = ""; return .bar(b)
        case .heatMap(var m): m.title = ""; return .heatMap(m)
        case .empty: return .empty
        }
    }
}
