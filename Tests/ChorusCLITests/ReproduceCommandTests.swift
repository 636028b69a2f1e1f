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

    /// The placebo twins run on the first --placebo-blocks blocks (default 2 of 10 blocks of 50
    /// = 100 seeds); P ≥ K runs them on every seed (placebo_seeds stays 0); an explicit
    /// --set placebo_seeds wins.
    @Test func placeboBlocksSetPlaceboSeeds() throws {
        func placebo(_ a: [String]) throws -> Int { try ReproduceCommand.parse(a).resolveConfiguration().config.placeboSeeds }
        #expect(try placebo([]) == 100)
        #expect(try placebo(["--placebo-blocks", "3", "--block-size", "20"]) == 60)
        #expect(try placebo(["--placebo-blocks", "10"]) == 0)
        #expect(try placebo(["--quick"]) == 0)
        #expect(try placebo(["--seeds", "1-40", "--blocks", "4"]) == 20)
        #expect(try placebo(["--set", "placebo_seeds=0"]) == 0)
        #expect(try placebo(["--set", "placebo_seeds=7"]) == 7)
        #expect(throws: (any Error).self) { try ReproduceCommand.parse(["--placebo-blocks", "0"]) }
    }
}
