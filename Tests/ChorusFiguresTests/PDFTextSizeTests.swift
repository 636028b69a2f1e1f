import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusFigures

/// Measures the text of rendered PDFs with poppler's `pdftotext -bbox` (an independent reader):
/// a word's box is (ascent + descent) × font size high, DejaVu Sans' ascent + descent being
/// 0.928 + 0.236 = 1.164 em (hhea table). No word may be under 8 pt at print size.
@Suite("Text sizes measured in the PDFs")
struct PDFTextSizeTests {
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Font sizes (pt) of the words of a PDF, from their boxes: the box's extent across the
    /// reading direction is 1.164 em. The direction is the one whose aspect ratio matches the
    /// word's advance width (DejaVu Sans' hmtx widths, `TextMetrics`): a horizontal word is
    /// advance/1.164 times as wide as high, a rotated y-axis label as many times as high as wide.
    static func wordSizes(_ pdf: URL) throws -> [(word: String, points: Double)] {
        let out = pdf.deletingPathExtension().appendingPathExtension("html")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: pdftotext!)
        p.arguments = ["-bbox", pdf.path, out.path]
        try p.run(); p.waitUntilExit()
        let html = try String(contentsOf: out, encoding: .utf8)
        var words: [(word: String, x0: Double, y0: Double, x1: Double, y1: Double)] = []
        for line in html.split(separator: "\n") where line.contains("<word ") {
            func attr(_ n: String) -> Double? {
                guard let r = line.range(of: "\(n)=\"") else { return nil }
                return Double(line[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x0 = attr("xMin"), let x1 = attr("xMax"), let y0 = attr("yMin"), let y1 = attr("yMax") else { continue }
            let word = line.split(separator: ">", maxSplits: 1).last.map { String($0.prefix { $0 != "<" }) } ?? ""
            words.append((word, x0, y0, x1, y1))
        }
        return words.map { w in
            let a = TextMetrics.widthInEm(w.word) / 1.164
            let dx = w.x1 - w.x0, dy = w.y1 - w.y0
            let vertical = abs(dy / dx - a) < abs(dx / dy - a)
            return (w.word, (vertical ? dx : dy) / 1.164)
        }
    }

    @Test("Calibration: a 9 pt tick label measures 9 pt (±0.1)", .enabled(if: pdftotext != nil, "poppler-utils (pdftotext) is not installed"))
    func calibration() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("c.pdf")
        try sampleChart().render(to: url, format: nil, size: .inches(3.5, 2.6), style: FigureStyle(fontSize: 9, panelLetters: false))
        let sizes = try Self.wordSizes(url)
        // Tick labels are the most common size.
        let ticks = sizes.filter { Double($0.word.replacingOccurrences(of: "−", with: "-")) != nil }.map(\.points)
        #expect(!ticks.isEmpty)
        for t in ticks { #expect(abs(t - 9) < 0.1, "tick label measured \(t) pt") }
    }

    @Test("No text under 8 pt in any figure of a run, at single and double column width",
          .enabled(if: pdftotext != nil, "poppler-utils (pdftotext) is not installed"))
    func minimumSize() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let figures = SimulationRunFigures(summary: try SyntheticRun.summary(), metrics: try SyntheticRun.metrics()).all()
        #expect(figures.count >= 6)
        for width in [PaperWidth.single, .double] {
            for f in figures {
                let files = try f.render(into: dir, prefix: "\(width)-", width: width, formats: [.pdf])
                let sizes = try Self.wordSizes(files[0])
                #expect(!sizes.isEmpty)
                for s in sizes where s.points < 7.9 {
                    Issue.record("\(f.name) at \(width): '\(s.word)' is \(String(format: "%.2f", s.points)) pt")
                }
            }
        }
    }

    @Test("No text under 8 pt in the sweep, compare, analyze and analyze --run figures, at single and double column width",
          .enabled(if: pdftotext != nil, "poppler-utils (pdftotext) is not installed"))
    func minimumSizeOtherRuns() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var runs: [URL] = []
        func folder(_ name: String) throws -> URL {
            let u = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
            runs.append(u)
            return u
        }
        try SweepCompareRunFiguresTests.sweepTable().write(to: try folder("sweep").appendingPathComponent("sweep-summary.csv"), atomically: true, encoding: .utf8)
        try SweepCompareRunFiguresTests.compareTable().write(to: try folder("compare").appendingPathComponent("compare.csv"), atomically: true, encoding: .utf8)
        try SweepCompareRunFiguresTests.writeRunAnalysis(to: try folder("run"))
        let analyze = try folder("analyze")
        var rounds = "file,run,regime,iteration,round,metric,value,lower,upper,n\n"
        var flips = "file,run,regime,iteration,round,kind,count,fraction\n"
        var agents = "file,run,regime,seed,iteration,agent,agent_name,round,accuracy,lower,upper,n,no_answer_rate\n"
        for regime in ["single-agent", "multiagent"] {
            for round in 1...3 {
                for m in ["accuracy.individual", "accuracy.majority", "unanimity", "consensus"] {
                    rounds += "t.jsonl,r,\(regime),1,\(round),\(m),0.6,0.5,0.7,40\n"
                }
                for a in 0..<3 { agents += "t.jsonl,r,\(regime),1,1,\(a),,\(round),0.6,0.5,0.7,40,0\n" }
                if round > 1 {
                    for (k, c) in [("right_right", 50), ("right_wrong", 5), ("wrong_right", 10), ("wrong_same_wrong", 20), ("wrong_other_wrong", 15), ("total", 100)] {
                        flips += "t.jsonl,r,\(regime),1,\(round),\(k),\(c),\(Double(c) / 100)\n"
                    }
                }
            }
        }
        try rounds.write(to: analyze.appendingPathComponent("rounds.csv"), atomically: true, encoding: .utf8)
        try flips.write(to: analyze.appendingPathComponent("flips.csv"), atomically: true, encoding: .utf8)
        try agents.write(to: analyze.appendingPathComponent("agents.csv"), atomically: true, encoding: .utf8)
        var drawn = 0
        for run in runs {
            let (kind, figures) = try RunFigures.figures(for: run)
            #expect(!figures.isEmpty, "\(kind)")
            for width in [PaperWidth.single, .double] {
                for f in figures {
                    let files = try f.render(into: run.appendingPathComponent("out"), prefix: "\(width)-", width: width, formats: [.pdf])
                    let sizes = try Self.wordSizes(files[0])
                    #expect(!sizes.isEmpty)
                    drawn += 1
                    for s in sizes where s.points < 7.9 {
                        Issue.record("\(kind) \(f.name) at \(width): '\(s.word)' is \(String(format: "%.2f", s.points)) pt")
                    }
                }
            }
        }
        #expect(drawn == 2 * (2 + 1 + 3 + 4))   // sweep 2, compare 1, run analysis 3, analyze 4 figures
    }
}
