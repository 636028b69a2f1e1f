import ArgumentParser
import Foundation
import Testing
import ChorusFigures
import ChorusIngest
import ChorusSimulation
@testable import ChorusCLI

/// The options with a fixed set of values (parsed by the argument parser, listed by `--help`)
/// and the option groups shared by several commands.
@Suite struct SharedOptionsTests {
    /// The usage error of `chorus <arguments>` (empty when they parse).
    func parseError(_ arguments: [String]) -> String {
        do { _ = try ChorusCommand.parseAsRoot(arguments); return "" } catch { return ChorusCommand.message(for: error) }
    }

    /// `--help` of a command, wide enough that no line wraps differently between commands.
    func help(_ command: any ParsableCommand.Type) -> String {
        ChorusCommand.helpMessage(for: command, columns: 400)
    }

    /// The help entry of `--name` (its line and any continuation lines).
    func entry(_ option: String, in help: String) -> String? {
        let lines = help.components(separatedBy: "\n")
        guard let i = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(option + " ") || $0.trimmingCharacters(in: .whitespaces) == option }) else { return nil }
        var out = [lines[i]]
        for l in lines[(i + 1)...] {
            let t = l.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("-") || !l.hasPrefix(" ") { break }
            out.append(l)
        }
        return out.joined(separator: "\n")
    }

    @Test func aWrongValueNamesTheOptionAndTheAllowedValues() throws {
        let task = parseError(["analyze", "x.json", "--task", "essay"])
        #expect(task.contains("'essay'") && task.contains("--task") && task.contains("'numeric', 'choice', 'math' or 'free'"), "\(task)")
        let format = parseError(["analyze", "x.json", "--format", "xml"])
        #expect(format.contains("'xml'") && format.contains("--format") && format.contains("du") && format.contains("tsv"), "\(format)")
        let formats = parseError(["figures", "run", "--formats", "png,gif"])
        #expect(formats.contains("'png,gif'") && formats.contains("--formats") && formats.contains("'png', 'svg' or 'pdf'"), "\(formats)")
        let design = parseError(["sweep", "plan", "--design", "random"])
        #expect(design.contains("'random'") && design.contains("--design") && design.contains("'grid', 'lhs', 'sobol' or 'halton'"), "\(design)")
        let shard = parseError(["sweep", "run", "--shard", "3/2"])
        #expect(shard.contains("'3/2'") && shard.contains("--shard") && shard.contains("0 ≤ i < n"), "\(shard)")
        #expect(try SweepRunCommand.parse(["--shard", "1/4"]).shard == Shard(index: 1, count: 4))
        let fitTask = parseError(["fit", "x.json", "--task", "essay"])
        #expect(fitTask.contains("--task") && fitTask.contains("'free'"), "\(fitTask)")
        // A log format without --map, a sample syntax with it: checked against --map.
        let csv = parseError(["analyze", "x.json", "--format", "csv"])
        #expect(csv.contains("--format must be one of du, agora, jsonl (or mft) for debate logs"), "\(csv)")
        #expect(parseError(["analyze", "x.json", "--format", "mft"]).isEmpty)
        #expect(parseError(["analyze", "x.csv", "--format", "csv", "--map", "question=q,response=r"]).isEmpty)
    }

    @Test func theValuesAreParsedIntoTheLibrarysTypes() throws {
        let a = try AnalyzeCommand.parse(["x.json", "--task", "choice", "--format", "mft"])
        #expect(a.task == .choice && a.format?.logFormat == .du && a.format?.sampleSyntax == nil)
        let f = try FiguresCommand.parse(["r", "--formats", " PDF ,png,pdf"])
        #expect(f.options.formats.values == [.pdf, .png])
        #expect(try FiguresCommand.parse(["r"]).options.formats.values == [.png, .pdf, .svg])
        #expect(ValueList<FigureFormat>(argument: ",") == nil && ValueList<FigureFormat>(argument: "") == nil)
        let s = try SweepPlanCommand.parse(["--design", "sobol", "--claims", "3,1"])
        #expect(s.sweep.design == .sobol && s.sweep.claims == .numbers([1, 3]))
        #expect(try SweepPlanCommand.parse(["--claims", "none"]).sweep.claims?.claims == [])
        #expect(try SweepPlanCommand.parse(["--claims", "all"]).sweep.claims?.claims == SweepQuantities.claimNumbers)
        // Every log format and sample syntax of the library is a value of --format.
        for l in LogFormat.allCases { #expect(InputFormat.allCases.contains { $0.logFormat == l }, "\(l)") }
        for x in SampleFile.Syntax.allCases { #expect(InputFormat.allCases.contains { $0.sampleSyntax == x }, "\(x)") }
        #expect(InputFormat.allCases.allSatisfy { $0.logFormat != nil || $0.sampleSyntax != nil })
    }

    @Test func helpListsTheValues() {
        let analyze = help(AnalyzeCommand.self)
        #expect(entry("--task <task>", in: analyze)?.contains("(values: numeric, choice, math, free)") == true, "\(analyze)")
        #expect(entry("--format <format>", in: analyze)?.contains("(values: du, mft, agora, jsonl, csv, tsv)") == true)
        #expect(entry("--formats <list>", in: help(FiguresCommand.self))?.contains("(values: png, svg, pdf; default: png,pdf,svg)") == true)
        #expect(entry("--design <design>", in: help(SweepRunCommand.self))?.contains("(values: grid, lhs, sobol, halton)") == true)
    }

    /// The shared groups: the same help entries wherever they appear.
    @Test func sharedOptionsReadTheSameInEveryCommand() throws {
        let simulate = help(SimulateCommand.self), reproduce = help(ReproduceCommand.self)
        let sweep = help(SweepRunCommand.self), analyze = help(AnalyzeCommand.self), export = help(ExportCommand.self)
        let validate = help(ValidateCommand.self), figures = help(FiguresCommand.self)
        func same(_ option: String, _ helps: [String: String]) {
            let entries = helps.mapValues { entry(option, in: $0) }
            for (name, e) in entries { #expect(e != nil, "\(name) --help has no \(option)") }
            #expect(Set(entries.values.compactMap { $0 }).count == 1, "\(option): \(entries)")
        }
        for o in ["--config <file>", "--set <key=value>", "--threads <n>", "--quiet"] {
            same(o, ["simulate": simulate, "reproduce": reproduce, "sweep run": sweep])
        }
        same("--preset <name>", ["simulate": simulate, "sweep run": sweep])
        for o in ["--out <dir>", "--force"] {
            same(o, ["simulate": simulate, "reproduce": reproduce, "analyze": analyze, "export": export])
        }
        same("--threads <n>", ["simulate": simulate, "validate": validate])
        for o in ["--size <size>", "--font-size <pt>", "--dpi <dpi>", "--formats <list>", "--titles", "--no-panel-letters"] {
            same(o, ["simulate": simulate, "reproduce": reproduce, "analyze": analyze, "figures": figures])
        }
        // reproduce has no --preset: it always starts from paper.
        #expect(entry("--preset <name>", in: reproduce) == nil)
    }

    @Test func sharedGroupsCheckTheirValuesInEveryCommand() {
        for command in [["simulate"], ["reproduce"], ["sweep", "run"], ["validate"]] {
            for bad in ["0", "100000"] {
                let m = parseError(command + ["--threads", bad])
                #expect(m.contains("--threads must be"), "\(command) --threads \(bad): \(m)")
            }
        }
        #expect(parseError(["reproduce", "--dpi", "5"]).contains("--dpi must be between 36 and 2400"))
    }
}
