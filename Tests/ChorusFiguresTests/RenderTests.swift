import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusFigures

@Suite("Rendering to files")
struct RenderTests {
    @Test("PNG has a valid signature, the requested IHDR size and a plausible byte count")
    func png() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chart.png")
        try sampleChart().render(to: url, size: FigureSize(width: 900, height: 600))
        let data = try Data(contentsOf: url)
        let size = try #require(pngSize(data))
        #expect(size.width == 900)
        #expect(size.height == 600)
        #expect(data.count > 5_000 && data.count < 5_000_000)
        // Atomic write: no temporary file is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left == ["chart.png"])
    }

    @Test("SVG is XML with an svg element, PDF starts with %PDF")
    func vectorFormats() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("chart.svg")
        try sampleChart().render(to: svg, size: FigureSize(width: 800, height: 500))
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") || text.hasPrefix("<svg"))
        #expect(text.contains("<svg"))
        let pdf = dir.appendingPathComponent("chart.pdf")
        try sampleChart().render(to: pdf, size: FigureSize(width: 800, height: 500))
        let head = try Data(contentsOf: pdf).prefix(5)
        #expect(String(decoding: head, as: UTF8.self) == "%PDF-")
    }

    @Test("An explicit format overrides the extension")
    func explicitFormat() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chart.figure")
        try sampleChart().render(to: url, format: .png, size: FigureSize(width: 400, height: 300))
        #expect(pngSize(try Data(contentsOf: url))?.width == 400)
    }

    @Test("Rendering many times in one process works (one PLplot stream per figure)")
    func repeated() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<4 {
            let url = dir.appendingPathComponent("r\(i).png")
            try sampleChart(title: "run \(i)").render(to: url, size: FigureSize(width: 300 + 100 * i, height: 200))
            #expect(pngSize(try Data(contentsOf: url))?.width == 300 + 100 * i)
        }
    }

    @Test("Concurrent renders from many tasks are serialised and all succeed")
    func concurrent() async throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let formats: [FigureFormat] = [.png, .svg, .pdf, .png, .png, .svg, .pdf, .png]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, f) in formats.enumerated() {
                group.addTask {
                    let url = dir.appendingPathComponent("c\(i).\(f.rawValue)")
                    try sampleChart(title: "task \(i)").render(to: url, size: FigureSize(width: 500, height: 320))
                }
            }
            try await group.waitForAll()
        }
        for (i, f) in formats.enumerated() where f == .png {
            let data = try Data(contentsOf: dir.appendingPathComponent("c\(i).png"))
            #expect(pngSize(data)?.width == 500)
        }
    }

    @Test("A file replaced by a new render is replaced whole")
    func overwrite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("c.png")
        try Data("old".utf8).write(to: url)
        try sampleChart().render(to: url, size: FigureSize(width: 320, height: 240))
        #expect(pngSize(try Data(contentsOf: url))?.height == 240)
    }

    @Test("A missing folder is created")
    func createsFolders() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a/b/c.png")
        try sampleChart().render(to: url, size: FigureSize(width: 320, height: 240))
        #expect(pngSize(try Data(contentsOf: url)) != nil)
    }

    @Test("Bar charts and grids render")
    func barAndGrid() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bars = BarChart(title: "Flips", categories: ["R→W", "W→R", "R→R", "W→W"],
                            groups: [BarGroup("multiagent", values: [0.1, 0.2, 0.6, 0.1], lower: [0.08, 0.17, 0.55, 0.08], upper: [0.12, 0.23, 0.65, 0.12]),
                                     BarGroup("single-agent", values: [0.05, 0.1, 0.7, 0.15])],
                            yLabel: "fraction")
        let u1 = dir.appendingPathComponent("bars.png")
        try bars.render(to: u1, size: FigureSize(width: 640, height: 400))
        #expect(pngSize(try Data(contentsOf: u1))?.width == 640)
        let grid = FigureGrid(rows: 1, columns: 2, panels: [.line(sampleChart()), .bar(bars)], title: "Two panels")
        let u2 = dir.appendingPathComponent("grid.pdf")
        try grid.render(to: u2, size: FigureSize(width: 900, height: 400))
        #expect(String(decoding: try Data(contentsOf: u2).prefix(4), as: UTF8.self) == "%PDF")
    }
}

@Suite("Heat maps")
struct HeatMapTests {
    let map = HeatMap(title: "phase", columns: ["a", "b", "c"], rows: ["x", "y"],
                      values: [[0, 0.5, 1], [.nan, -1, 2]], colourScale: .diverging, showValues: true)

    @Test("Renders to PNG and inside a grid")
    func render() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try map.render(to: dir.appendingPathComponent("h.png"), size: FigureSize(width: 600, height: 400))
        #expect(pngSize(try Data(contentsOf: dir.appendingPathComponent("h.png")))?.width == 600)
        try FigureGrid(rows: 1, columns: 2, panels: [.heatMap(map), .line(sampleChart())])
            .render(to: dir.appendingPathComponent("g.svg"))
    }

    @Test("Diverging scale is symmetric around the centre; colours run blue → white → red")
    func scale() {
        #expect(map.colourRange == -2...2)
        #expect(ColourMaps.colour(0.5, ColourMaps.diverging) == RGB(hex: 0xF7F7F7))
        #expect(ColourMaps.colour(0, ColourMaps.viridis) == RGB(hex: 0x440154))
        #expect(ColourMaps.colour(2, ColourMaps.viridis) == RGB(hex: 0xFDE725))
        #expect(HeatMapRenderer.format(-1e-17, "%.2f") == "0.00")
        #expect(HeatMapRenderer.format(-0.25, "%.2f") == "−0.25")
        #expect(HeatMapRenderer.format(-1e-5, "%.1e") == "−1.0e−05")
    }

    @Test("Shape errors are invalidData")
    func errors() {
        #expect(throws: FigureError.self) { try HeatMap(columns: ["a"], rows: ["x", "y"], values: [[1]]).validate() }
        #expect(throws: FigureError.self) { try HeatMap(columns: ["a", "b"], rows: ["x"], values: [[1]]).validate() }
        #expect(throws: FigureError.self) { try HeatMap(columns: ["a"], rows: ["x"], values: [[.infinity]]).validate() }
        #expect(throws: FigureError.self) { try HeatMap(columns: ["a"], rows: ["x"], values: [[1]], cellLabels: [["p", "q"]]).validate() }
        #expect(throws: FigureError.self) { try HeatMap(columns: [], rows: [], values: []).validate() }
    }
}
