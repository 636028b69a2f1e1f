import Foundation
import Testing
import ChorusSimulation
@testable import ChorusCLI

/// `chorus sweep` (SweepCommand; registered in ChorusCommand by the lead).
@Suite struct SweepCommandTests {
    @Test func writesOneRowPerGridPointMatchingTheLibrarySweep() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sweep.csv").path
        let command = try SweepCommand.parse(["--axis", "finetune.learning_rate=0.25,0.5", "--seeds", "2",
                                              "--questions", "12", "--iterations", "2", "--threads", "2",
                                              "--output", path])
        try command.run()
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        var base = SimulationConfig.paper
        base.seeds = [1, 2]; base.task.trainQuestions = 12; base.task.testQuestions = 12; base.iterations = 2
        let expected = Sweep.csv(try Sweep(base: base, axes: [Sweep.Axis(key: "finetune.learning_rate", values: [0.25, 0.5])]).run())
        #expect(csv == expected)
        #expect(csv.split(separator: "\n").count == 3)
    }

    @Test func badAxesAreUsageErrors() {
        #expect(throws: (any Error).self) { try SweepCommand.parse([]) }
        #expect(throws: (any Error).self) { try SweepCommand.parseAxis("finetune.learning_rate") }
        #expect(throws: (any Error).self) { try SweepCommand.parseAxis("finetune.learning_rate=0.1,abc") }
        #expect(throws: (any Error).self) { try SweepCommand.parse(["--axis", "a=1", "--seeds", "1"]) }
        // Rejected before the seed list 1...N is built (this aborted on an 800 GB allocation).
        #expect(throws: (any Error).self) { try SweepCommand.parse(["--axis", "a=1", "--seeds", "100000000000"]) }
        #expect((try? SweepCommand.parseAxis("task.verifiability=1,1.5"))?.values == [1, 1.5])
    }

    @Test func drawsThePhaseDiagramAndRejectsABadFigurePathFirst() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("phase.png").path
        try SweepCommand.parse(["--axis", "finetune.learning_rate=0.25,0.5", "--axis", "task.learnability=0.25,0.5",
                                "--seeds", "2", "--questions", "12", "--iterations", "2", "--quiet",
                                "--figure", png]).run()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // An unknown figure format is refused before any simulation runs (exit code 74).
        #expect(throws: (any Error).self) {
            try SweepCommand.parse(["--axis", "finetune.learning_rate=0.5", "--seeds", "2", "--quiet",
                                    "--figure", dir.appendingPathComponent("phase.bmp").path]).run()
        }
    }
}
