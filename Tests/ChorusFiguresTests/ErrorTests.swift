import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusFigures

@Suite("Typed errors before PLplot starts")
struct ErrorTests {
    @Test("An unknown extension is FigureError.unknownFormat, and no file appears")
    func unknownExtension() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("chart.gif")
        #expect(throws: FigureError.unknownFormat(path: url.path, fileExtension: "gif")) {
            try sampleChart().render(to: url)
        }
        #expect(throws: FigureError.self) { try sampleChart().render(to: dir.appendingPathComponent("noext")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("A file used as a folder is FigureError.cannotWrite")
    func fileAsFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain.txt")
        try Data("x".utf8).write(to: file)
        let url = file.appendingPathComponent("chart.png")
        do {
            try sampleChart().render(to: url)
            Issue.record("expected an error")
        } catch let e as FigureError {
            guard case .cannotWrite(let p, let reason) = e else { Issue.record("wrong error \(e)"); return }
            #expect(p == url.path)
            #expect(reason.contains("not a folder"))
            #expect(e.description.contains(url.path))
        }
    }

    @Test("A folder that cannot be created or written is FigureError.cannotWrite")
    func unwritableFolder() throws {
        // /proc refuses new entries even for root; /dev/null is not a folder.
        for path in ["/proc/chorus-no-such-dir/sub/chart.png", "/dev/null/chart.png"] {
            #expect(throws: FigureError.self) { try sampleChart().render(to: URL(fileURLWithPath: path)) }
            do { try sampleChart().render(to: URL(fileURLWithPath: path)) } catch let e as FigureError {
                guard case .cannotWrite = e else { Issue.record("wrong error for \(path): \(e)"); continue }
            }
        }
    }

    @Test("An existing folder as the destination is an error")
    func folderAsDestination() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("x.png")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        #expect(throws: FigureError.cannotWrite(path: target.path, reason: "it is a directory")) {
            try sampleChart().render(to: target)
        }
    }

    @Test("Mismatched lengths, empty series, infinities, inverted bands and bad log data are invalidData")
    func badData() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.png")
        let cases: [(LineChart, String)] = [
            (LineChart(series: [Series("a", x: [1, 2, 3], y: [1, 2])]), "x has 3 values but y has 2"),
            (LineChart(series: [Series("a", x: [], y: [])]), "empty"),
            (LineChart(series: []), "no series"),
            (LineChart(series: [Series("a", x: [1, 2], y: [1, .infinity])]), "infinite"),
            (LineChart(series: [Series("a", x: [1, .nan], y: [1, 2])]), "not finite"),
            (LineChart(series: [Series("a", x: [1, 2], y: [.nan, .nan])]), "no finite"),
            (LineChart(series: [Series("a", x: [1, 2], y: [1, 2], lower: [0, 3], upper: [2, 2.5])]), "lower"),
            (LineChart(series: [Series("a", x: [1, 2], y: [1, 2], lower: [0, 1])]), "both"),
            (LineChart(series: [Series("a", x: [1, 2], y: [1, 2], lower: [0], upper: [2])]), "band has"),
            (LineChart(series: [Series("a", x: [0, 2], y: [1, 2])], logX: true), "log axis"),
            (LineChart(series: [Series("a", x: [1, 2], y: [1, 2])], yRange: 1...1), "range"),
        ]
        for (chart, needle) in cases {
            do {
                try chart.render(to: url)
                Issue.record("expected an error containing '\(needle)'")
            } catch let e as FigureError {
                guard case .invalidData = e else { Issue.record("wrong error \(e)"); continue }
                #expect(e.description.contains(needle), "\(e.description)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("Bar chart and grid shape errors")
    func badBars() throws {
        let url = try temporaryDirectory().appendingPathComponent("b.png")
        #expect(throws: FigureError.self) {
            try BarChart(categories: ["a", "b"], groups: [BarGroup("g", values: [1])]).render(to: url)
        }
        #expect(throws: FigureError.self) { try BarChart(categories: [], groups: []).render(to: url) }
        #expect(throws: FigureError.invalidLayout("3 panels do not fit in a 1×2 grid")) {
            try FigureGrid(rows: 1, columns: 2, panels: [.line(sampleChart()), .line(sampleChart()), .empty]).render(to: url)
        }
        #expect(throws: FigureError.self) { try sampleChart().render(to: url, size: FigureSize(width: 0, height: 10)) }
    }
}
