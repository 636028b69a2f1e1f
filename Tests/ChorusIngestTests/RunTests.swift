import Foundation
import Testing
import ChorusTestSupport
@testable import ChorusIngest

@Suite("Runs: manifests, patterns, training files")
struct RunTests {
    @Test("A manifest run reads every iteration, tags the records, and matches the training files")
    func manifest() throws {
        let dir = try Paths.temporaryDirectory()
        let spec = try RunSpec.manifest(try RunFixtures.run(in: dir).path)
        #expect(spec.name == "toy")
        #expect(spec.iterations.map(\.iteration) == [0, 1])
        #expect(spec.agentNames == ["a0", "a1", "a2"])
        let run = try RunReader.read(spec)
        #expect(run.records.count == 2 * (2 * 3 * 2))
        #expect(Set(run.records.map(\.iteration)) == [0, 1])
        #expect(run.records.allSatisfy { $0.run == "toy" })
        #expect(run.task == .numeric)
        // Iteration 1, question 2, agent 1, round 1: no number in the reply.
        let r = run.records.first { $0.iteration == 1 && $0.question == "q0001" && $0.agent == 1 && $0.round == 1 }!
        #expect(r.answer == nil && r.correct == false)
        #expect(run.training.count == 2)
        let a0 = run.training[0], a1 = run.training[1]
        #expect(a0.agent == "a0" && a0.layout == .fastchat && a1.layout == .openai)
        #expect(a0.examples.map(\.question) == ["q0000", "q0001"])
        #expect(a0.examples.map(\.answer) == ["2", "5"] && a0.examples.map(\.correct) == [true, true])
        #expect(a1.examples.map(\.question) == ["q0000", "q0001", nil])
        // The unmatched example is listed, not dropped silently.
        #expect(run.warnings.count == 1)
        #expect(run.warnings[0].contains("a1.jsonl") && run.warnings[0].contains("1 of 3") && run.warnings[0].contains("line 3"))
    }

    @Test("A path pattern finds iterations and agents, numerically ordered")
    func pattern() throws {
        let dir = try Paths.temporaryDirectory()
        for it in [0, 2, 10] { _ = try RunFixtures.write(RunFixtures.du(RunFixtures.iteration0), dir, "logs/debate_it\(it).json") }
        _ = try RunFixtures.write("x", dir, "logs/debate_itX.json")          // not a number: ignored
        for it in [0, 10] { for a in [0, 1] {
            _ = try RunFixtures.write(RunFixtures.fastchat([("What is 1+1?", 2)]), dir, "ft/it\(it)/agent\(a).json")
        } }
        let spec = try RunSpec.pattern(debates: dir.path + "/logs/debate_it{iteration}.json", training: dir.path + "/ft/it{iteration}/agent{agent}.json")
        #expect(spec.iterations.map(\.iteration) == [0, 2, 10])
        #expect(spec.iterations[2].training.map(\.agent) == ["0", "1"])
        #expect(spec.iterations[1].training.isEmpty)
        let run = try RunReader.read(spec)
        #expect(run.training.count == 4 && run.warnings.isEmpty)
    }

    @Test("Bad runs are errors naming the file and what was expected")
    func badRuns() throws {
        let dir = try Paths.temporaryDirectory()
        func manifest(_ yaml: String) throws -> String { try RunFixtures.write(yaml, dir, "m.yaml").path }
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        // Missing debate log.
        var m = message { _ = try RunReader.read(try RunSpec.manifest(try manifest("iterations:\n  0: nope.json\n"))) }
        #expect(m.contains("nope.json") && m.contains("no such file"))
        // Iteration without a debate.
        m = message { _ = try RunSpec.manifest(try manifest("iterations:\n  0:\n    training: {a: x.json}\n")) }
        #expect(m.contains("m.yaml") && m.contains("iteration 0 has no debate log"))
        // Unknown key.
        m = message { _ = try RunSpec.manifest(try manifest("iterashuns:\n  0: a.json\n")) }
        #expect(m.contains("unknown key 'iterashuns'") && m.contains("allowed"))
        // Mixed formats across iterations.
        _ = try RunFixtures.write(RunFixtures.du(RunFixtures.iteration0), dir, "du.json")
        _ = try RunFixtures.write("{\"run\":\"r\",\"regime\":\"log\",\"iteration\":0,\"question\":\"q\",\"agent\":0,\"role\":\"generator\",\"round\":1,\"answer\":\"1\",\"correct\":true}\n", dir, "rec.jsonl")
        m = message { _ = try RunReader.read(try RunSpec.manifest(try manifest("iterations:\n  0: du.json\n  1: rec.jsonl\n"))) }
        #expect(m.contains("rec.jsonl") && m.contains("mixed formats"))
        // Training file that is neither layout, and one with a missing turn.
        _ = try RunFixtures.write("hello", dir, "bad.json")
        m = message { _ = try TrainingFile.read(dir.appendingPathComponent("bad.json").path) }
        #expect(m.contains("bad.json") && m.contains("FastChat"))
        _ = try RunFixtures.write("[{\"conversations\":[{\"from\":\"human\",\"value\":\"q\"}]}]", dir, "noreply.json")
        m = message { _ = try TrainingFile.read(dir.appendingPathComponent("noreply.json").path) }
        #expect(m.contains("example 1") && m.contains("gpt"))
        // A pattern without {iteration}; a pattern that matches nothing.
        m = message { _ = try RunSpec.pattern(debates: dir.path + "/du.json") }
        #expect(m.contains("{iteration}"))
        m = message { _ = try RunSpec.pattern(debates: dir.path + "/none_{iteration}.json") }
        #expect(m.contains("no file matches"))
    }
}

@Suite("Du et al. biography layout")
struct BiographyTests {
    @Test("person → agent contexts (no ground truth) is read as a free-text log, not rejected")
    func biography() throws {
        let dir = try Paths.temporaryDirectory()
        let msg = { (u: String, a: String) in "{\"role\":\"user\",\"content\":\"\(u)\"},{\"role\":\"assistant\",\"content\":\"\(a)\"}" }
        let agents = (0..<3).map { i in "[" + msg("Give a bullet point biography of Ada Lovelace.", "- Ada wrote notes \(i).") + "," + msg("Update it.", "- Ada worked with Babbage \(i).") + "]" }
        let text = "{\"Ada Lovelace\": [" + agents.joined(separator: ",") + "], \"Alan Turing\": [" + agents.joined(separator: ",") + "]}"
        let u = try RunFixtures.write(text, dir, "bio.json")
        let r = try LogReader.read(u)
        #expect(r.format == .du && r.task == .free && r.skipped == 0)
        #expect(r.questions == 2 && r.agents == 3 && r.rounds == 2)
        #expect(r.records.allSatisfy { $0.answer == nil && $0.correct == nil && $0.text != nil })
        #expect(r.questionTexts["q0000"] == "Ada Lovelace")
    }
}
