import ChorusFigures
import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusCLI

@Suite("chorus demo")
struct DemoCommandTests {

    @Test("Writes a PNG of the requested size, in-process, with few replicates")
    func endToEnd() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("sub/demo.png")
        let cmd = try DemoCommand.parse(["--output", out.path, "--replicates", "12", "--nsb-replicates", "3",
                                         "--points", "4", "--max-n", "40", "--seed", "3",
                                         "--width", "800", "--height", "500"])
        try cmd.run()
        let data = try Data(contentsOf: out)
        let size = try #require(pngSize(data), "not a PNG")
        #expect(size.width == 800 && size.height == 500)
        #expect(data.count > 10_000)
    }

    @Test("Through the root command too")
    func viaRoot() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("demo.svg")
        var cmd = try ChorusCommand.parseAsRoot(["demo", "-o", out.path, "--replicates", "5", "--nsb-replicates", "0",
                                                 "--points", "3", "--max-n", "20"])
        try cmd.run()
        #expect(try String(contentsOf: out, encoding: .utf8).contains("<svg"))
    }

    @Test("Bad options and a bad output path fail clearly, before any work")
    func errors() throws {
        #expect(throws: (any Error).self) { try DemoCommand.parse(["--replicates", "1"]) }
        #expect(throws: (any Error).self) { try DemoCommand.parse(["--replicates", "10", "--nsb-replicates", "11"]) }
        #expect(throws: (any Error).self) { try DemoCommand.parse(["--min-n", "50", "--max-n", "10"]) }
        // Huge values are usage errors, not an allocation abort or a run that never ends.
        for args in [["--k", "100000000000"], ["--replicates", "1000000000000"], ["--max-n", "100000000000000"],
                     ["--points", "1000000000000"], ["--width", "100000000"]] {
            #expect(throws: (any Error).self, "\(args)") { try DemoCommand.parse(args) }
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try CapturedConsole.run(["demo", "--output", dir.appendingPathComponent("demo.jpg").path])
        #expect(bad.code == 74)
        #expect(bad.err.hasPrefix("error: ") && bad.err.contains("unknown figure format 'jpg'"))
    }
}
