import Testing
import ArgumentParser
@testable import ChorusCLI

@Suite("chorus reproduce")
struct ReproduceCommandTests {
    @Test func badThreadsIsAUsageErrorOfReproduce() throws {
        // Before: accepted here, then rejected by the inner `simulate` parse inside run(), which
        // printed "Error: CommandError(commandStack: …)".
        #expect(throws: (any Error).self) { try ReproduceCommand.parse(["--threads", "0"]) }
        #expect(throws: (any Error).self) { try ReproduceCommand.parse(["--threads", "100000"]) }
        #expect(throws: (any Error).self) { try SimulateCommand.parse(["--threads", "100000"]) }
        let ok = try ReproduceCommand.parse(["--threads", "2", "--seeds", "1-3"])
        #expect(ok.threadOptions.threads == 2)
    }
}
