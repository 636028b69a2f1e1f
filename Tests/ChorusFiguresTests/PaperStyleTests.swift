import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusFigures

@Suite("Paper sizes, points and PNG resolution")
struct PaperStyleTests {
    @Test("A paper PNG has size × dpi / 72 pixels and records its dpi in a pHYs chunk")
    func pngResolution() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for dpi in [150, 300] {
            let url = dir.appendingPathComponent("chart-\(dpi).png")
            try sampleChart().render(to: url, format: nil, size: .inches(3.5, 2.6), style: FigureStyle(dpi: dpi))
            let data = try Data(contentsOf: url)
            let size = try #require(pngSize(data))
            // 3.5 in = 252 pt, 2.6 in = 187 pt (rounded to whole points).
            #expect(size.width == Int((252.0 * Double(dpi) / 72).rounded()))
            #expect(size.height == Int((187.0 * Double(dpi) / 72).rounded()))
            let recorded = try #require(PNGMetadata.resolution(ofFileAt: url))
            // Pixels per metre are whole numbers: the dpi comes back within 0.0254 / 2.
            #expect(abs(recorded - Double(dpi)) < 0.013)
        }
    }

    @Test("The pHYs chunk's CRC is the standard CRC-32 (check value of \"123456789\")")
    func crc() {
        #expect(PNGMetadata.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("A screen-style PNG keeps its pixel size and records 72 dpi")
    func screenStyle() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chart.png")
        try sampleChart().render(to: url, size: FigureSize(width: 640, height: 400))
        let size = try #require(pngSize(try Data(contentsOf: url)))
        #expect(size.width == 640 && size.height == 400)
        #expect(abs((PNGMetadata.resolution(ofFileAt: url) ?? 0) - 72) < 0.013)
    }

    @Test("A PDF page is the size in points")
    func pdfPageSize() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chart.pdf")
        try sampleChart().render(to: url, format: nil, size: .inches(7, 3), style: .paper)
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(text.contains("/MediaBox [ 0 0 504 216 ]"))
    }

    @Test("SVG keeps text as text, no font under 8 pt, strokes in points")
    func svgText() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chart.svg")
        // A long legend label forces the smallest text.
        var chart = sampleChart()
        chart.series[0].name = String(repeating: "a very long legend label ", count: 4)
        try chart.render(to: url, format: nil, size: .inches(3.5, 2.6), style: .paper)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("<text"))
        #expect(text.contains("width=\"252pt\""))
        let sizes = text.components(separatedBy: "font-size=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(!sizes.isEmpty)
        #expect(sizes.allSatisfy { $0 >= 8 }, "font sizes \(Set(sizes).sorted())")
        let widths = text.components(separatedBy: "stroke-width=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(widths.allSatisfy { $0 >= 0.75 - 1e-9 }, "stroke widths \(Set(widths).sorted())")
    }

    @Test("Sizes parse: single, double, W×H in inches; anything else is a clear error")
    func parsing() throws {
        #expect(try PaperWidth(parsing: "single").inches == 3.5)
        #expect(try PaperWidth(parsing: "double").inches == 7)
        #expect(try PaperWidth(parsing: "3.25x2.5") == .custom(width: 3.25, height: 2.5))
        #expect(try PaperWidth(parsing: "7×4") == .custom(width: 7, height: 4))
        for bad in ["", "wide", "3.5", "0x2", "3.5x", "100x2", "nanx2"] {
            #expect(throws: FigureError.self) { try PaperWidth(parsing: bad) }
        }
    }

    @Test("Styles outside the limits are layout errors, not files")
    func badStyles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("x.pdf")
        #expect(throws: FigureError.self) { try sampleChart().render(to: url, format: nil, size: .inches(3.5, 2.6), style: FigureStyle(fontSize: 6)) }
        #expect(throws: FigureError.self) { try sampleChart().render(to: url, format: nil, size: .inches(3.5, 2.6), style: FigureStyle(lineWidth: 0.3)) }
        #expect(throws: FigureError.self) { try sampleChart().render(to: url, format: nil, size: .inches(3.5, 2.6), style: FigureStyle(dpi: 10)) }
        #expect(throws: FigureError.self) { try sampleChart().render(to: dir.appendingPathComponent("x.png"), format: nil, size: .inches(40, 40), style: FigureStyle(dpi: 600)) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("Panel letters run a … z, aa, ab …")
    func letters() {
        #expect(PanelLetters.letter(0) == "a")
        #expect(PanelLetters.letter(25) == "z")
        #expect(PanelLetters.letter(26) == "aa")
        #expect(PanelLetters.letter(27) == "ab")
    }

    @Test("Natural layout: one panel at single width, small multiples at double width in up to three columns")
    func layout() {
        let one = NamedFigure(name: "a", caption: "", title: "", panels: [.line(sampleChart())])
        let (g1, s1) = one.layout()
        #expect(g1.rows == 1 && g1.columns == 1)
        #expect(s1.width == 252)
        let five = NamedFigure(name: "b", caption: "", title: "", panels: Array(repeating: .line(sampleChart()), count: 5), sharedLegend: true)
        let (g5, s5) = five.layout()
        #expect(g5.columns == 3 && g5.rows == 2 && s5.width == 504)
        let (g5s, s5s) = five.layout(width: .single)
        #expect(g5s.columns == 2 && g5s.rows == 3 && s5s.width == 252)
        let (_, fixed) = five.layout(width: .custom(width: 6, height: 4))
        #expect(fixed == .inches(6, 4))
    }
}
