internal import CPLplot
import ChorusRecords
import Foundation

/// Opens a PLplot stream on the right cairo device, draws the panels and writes the file.
enum FigureRenderer {
    /// Largest side accepted, in pixels or points.
    static let maxSide = 20_000

    static func render(_ grid: FigureGrid, to url: URL, format: FigureFormat?, size: FigureSize) throws {
        let fmt = try format ?? FigureFormat(path: url)
        guard size.width >= 64, size.height >= 64, size.width <= maxSide, size.height <= maxSide else {
            throw FigureError.invalidLayout("size \(size) must be between 64 and \(maxSide) on each side")
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
                    try draw(grid, device: fmt.device, path: tmp.path, size: size)
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
    private static func draw(_ grid: FigureGrid, device: String, path: String, size: FigureSize) throws {
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
        let canvas = Canvas(size: size)
        let page = canvas.page
        let h = canvas.charHeight
        var top = page.y1
        if !grid.title.isEmpty {
            canvas.usePage()
            canvas.colour(.black)
            canvas.text(grid.title, x: page.width / 2, y: page.y1 - 1.4 * h, just: 0.5, scale: 1.35)
            top -= 2.6 * h
        }
        let cw = page.width / Double(grid.columns), ch = (top - page.y0) / Double(grid.rows)
        for (i, panel) in grid.panels.enumerated() {
            let r = i / grid.columns, c = i % grid.columns
            let cell = Rect(x0: page.x0 + Double(c) * cw, y0: top - Double(r + 1) * ch,
                            x1: page.x0 + Double(c + 1) * cw, y1: top - Double(r) * ch)
            canvas.fitText(toCell: cell)
            switch panel {
            case .line(let chart): LineChartRenderer(chart: chart, canvas: canvas).draw(in: cell)
            case .bar(let chart): BarChartRenderer(chart: chart, canvas: canvas).draw(in: cell)
            case .heatMap(let map): HeatMapRenderer(map: map, canvas: canvas).draw(in: cell)
            case .empty: break
            }
        }
        c_plend1()
        let messages = PLplotRuntime.messages()
        if !messages.isEmpty { throw FigureError.plplot(messages.joined(separator: "; ")) }
    }
}
