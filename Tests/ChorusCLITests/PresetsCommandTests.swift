import Foundation
import Testing
import ChorusSimulation
@testable import ChorusCLI

/// `chorus presets` and `chorus presets show NAME`.
@Suite struct PresetsCommandTests {
    @Test func listingShowsEveryPresetWithItsDescription() throws {
        for args in [["presets"], ["presets", "list"]] {
            let r = try CapturedConsole.run(args)
            #expect(r.code == 0)
            let lines = r.out.split(separator: "\n")
            #expect(lines.count == Presets.all.count)
            for (line, p) in zip(lines, Presets.all) { #expect(line.hasPrefix(p.name + " ") && line.hasSuffix(p.summary)) }
        }
    }

    @Test func showPrintsLoadableYAML() throws {
        let r = try CapturedConsole.run(["presets", "show", "paper"])
        #expect(r.code == 0 && r.out.hasPrefix("# Chorus preset 'paper'"))
        #expect(try SimulationConfig.load(yaml: r.out) == Presets.config(named: "paper"))
    }

    @Test func showingAnUnknownPresetIsAnError() throws {
        let r = try CapturedConsole.run(["presets", "show", "nope"])
        #expect(r.code == 65 && r.out.isEmpty && r.err == "error: unknown preset 'nope'; known: default, quick, paper, long\n")
    }
}
