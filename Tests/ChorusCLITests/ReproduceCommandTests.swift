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
        #expect(ok.threads == 2)
    }

    /// The placebo twins run on the first --placebo-blocks blocks (default 2 of 10 blocks of 50
    /// = 100 seeds); P ≥ K runs them on every seed (no placebo_seeds is set); an explicit
    /// --set placebo_seeds comes later and wins.
    @Test func placeboBlocksSetPlaceboSeeds() throws {
        func args(_ a: [String]) throws -> [String] { try ReproduceCommand.parse(a).simulateArguments }
        #expect(try args([]).joined(separator: " ").contains("--set placebo_seeds=100"))
        #expect(try args(["--placebo-blocks", "3", "--block-size", "20"]).joined(separator: " ").contains("--set placebo_seeds=60"))
        #expect(try args(["--placebo-blocks", "10"]).allSatisfy { !$0.hasPrefix("placebo_seeds") })
        #expect(try args(["--quick"]).allSatisfy { !$0.hasPrefix("placebo_seeds") })
        #expect(try args(["--seeds", "1-40", "--blocks", "4"]).joined(separator: " ").contains("--set placebo_seeds=20"))
        let explicit = try args(["--set", "placebo_seeds=0"])
        #expect(explicit.lastIndex(of: "placebo_seeds=0")! > explicit.firstIndex(of: "placebo_seeds=100")!)
        #expect(throws: (any Error).self) { try ReproduceCommand.parse(["--placebo-blocks", "0"]) }
    }
}
