import Foundation
import ChorusRecords
import Yams

/// A finetuning run as files: per iteration the debate log(s) and, optionally, each agent's
/// training file (issue 12; docs/formats.md, "Runs").
///
/// Given either as a YAML manifest or as path patterns with `{iteration}` (and `{agent}` for
/// training files), e.g. `logs/gsm_debate_it{iteration}.json` and
/// `ft/it{iteration}/agent{agent}.json`.
public struct RunSpec: Sendable, Equatable {
    /// One iteration's files.
    public struct Iteration: Sendable, Equatable {
        /// The finetuning iteration, 0 = base.
        public var iteration: Int
        /// Debate logs (several are pooled; their question ids are prefixed by the file name).
        public var logs: [String]
        /// Training files, by agent name (or index as text), in the order given.
        public var training: [(agent: String, path: String)]
        /// An iteration with these files.
        public init(iteration: Int, logs: [String], training: [(agent: String, path: String)] = []) {
            self.iteration = iteration; self.logs = logs; self.training = training
        }
        public static func == (a: Iteration, b: Iteration) -> Bool {
            a.iteration == b.iteration && a.logs == b.logs
                && a.training.map(\.agent) == b.training.map(\.agent) && a.training.map(\.path) == b.training.map(\.path)
        }
    }

    /// The run's name (records' `run` field).
    public var name: String
    /// Iterations, ascending.
    public var iterations: [Iteration]
    /// Agent names in agent order, when given.
    public var agentNames: [String]?
    /// Agent roles (generator / critic / both), informational, when given.
    public var roles: [String]?
    /// Forced log format and answer task, when given.
    public var format: LogFormat?
    /// The forced answer task; nil: detected from the ground truths.
    public var task: AnswerTask?
    /// Where the spec came from (manifest path or pattern), for messages.
    public var source: String

    /// A run specification with every field given.
    public init(name: String, iterations: [Iteration], agentNames: [String]? = nil, roles: [String]? = nil,
                format: LogFormat? = nil, task: AnswerTask? = nil, source: String) {
        self.name = name; self.iterations = iterations.sorted { $0.iteration < $1.iteration }
        self.agentNames = agentNames; self.roles = roles; self.format = format; self.task = task; self.source = source
    }

    /// Keys a manifest may have at the top level and per iteration.
    public static let manifestKeys = ["name", "format", "task", "agents", "roles", "iterations"]
    /// Keys an iteration of a manifest may have.
    public static let iterationKeys = ["debate", "logs", "training"]

    /// Reads a YAML manifest. Paths are relative to the manifest's folder.
    ///
    ///     name: gsm-run            # optional; default: the manifest's file name without extension
    ///     format: du               # optional: du | mft | agora | jsonl
    ///     task: numeric            # optional: numeric | choice | math | free
    ///     agents: [a0, a1, a2]     # optional agent names, in agent order
    ///     roles: [generator, generator, critic]   # optional, informational
    ///     iterations:
    ///       0: it0/debate.json     # shorthand: one debate log
    ///       1:
    ///         debate: [it1/part1.json, it1/part2.json]
    ///         training: {a0: it1/a0.json, a1: it1/a1.jsonl}
    ///
    /// - Throws: `IngestError.invalidRun` naming the manifest and the key at fault.
    public static func manifest(_ path: String) throws -> RunSpec {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw IngestError.cannotRead(path: path, reason: "cannot read the run manifest: \(error.localizedDescription)")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw IngestError.invalidRun(path: path, reason: "not valid YAML: \(error)")
        }
        guard let root = node?.mapping else { throw IngestError.invalidRun(path: path, reason: "a run manifest must be a YAML mapping with the key 'iterations'") }
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ p: String) -> String { p.hasPrefix("/") || base.isEmpty ? p : (base as NSString).appendingPathComponent(p) }
        func fail(_ key: String, _ why: String) -> IngestError {
            IngestError.invalidRun(path: path, reason: "key '\(key)'\(why)")
        }
        func line(_ n: Node) -> String { " (line \(n.mark.map { String($0.line) } ?? "?"))" }
        func strings(_ n: Node, _ key: String) throws -> [String] {
            if let s = n.scalar?.string { return [s] }
            guard let seq = n.sequence else { throw fail(key, "\(line(n)): expected a string or a list of strings") }
            return try seq.map { item in
                guard let s = item.scalar?.string else { throw fail(key, "\(line(item)): expected a string") }
                return s
            }
        }
        var name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var spec = RunSpec(name: name, iterations: [], source: path)
        var iterations: [Iteration] = []
        var sawIterations = false
        for (k, v) in root {
            guard let key = k.scalar?.string else { throw IngestError.invalidRun(path: path, reason: "a key\(line(k)) is not a string") }
            switch key {
            case "name":
                guard let s = v.scalar?.string, !s.isEmpty else { throw fail(key, "\(line(v)): expected a non-empty string") }
                name = s
            case "format":
                guard let s = v.scalar?.string, let f = s == "mft" ? LogFormat.du : LogFormat(rawValue: s) else {
                    throw fail(key, "\(line(v)): expected one of du, mft, agora, jsonl")
                }
                spec.format = f
            case "task":
                guard let s = v.scalar?.string, let t = AnswerTask(rawValue: s) else {
                    throw fail(key, "\(line(v)): expected one of \(AnswerTask.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                spec.task = t
            case "agents": spec.agentNames = try strings(v, key)
            case "roles":
                let rs = try strings(v, key)
                for r in rs where !["generator", "critic", "both"].contains(r) {
                    throw fail(key, "\(line(v)): role '\(r)' is not one of generator, critic, both")
                }
                spec.roles = rs
            case "iterations":
                sawIterations = true
                guard let m = v.mapping else { throw fail(key, "\(line(v)): expected a mapping iteration → debate log(s)") }
                for (ik, iv) in m {
                    guard let s = ik.scalar?.string, let it = Int(s), it >= 0 else {
                        throw fail("iterations", "\(line(ik)): iteration '\(ik.scalar?.string ?? "?")' is not a whole number ≥ 0")
                    }
                    let ikey = "iterations.\(it)"
                    if iterations.contains(where: { $0.iteration == it }) { throw fail(ikey, "\(line(ik)): iteration \(it) is given twice") }
                    var entry = Iteration(iteration: it, logs: [])
                    if iv.scalar != nil || iv.sequence != nil {
                        entry.logs = try strings(iv, ikey).map(resolve)
                    } else if let im = iv.mapping {
                        for (fk, fv) in im {
                            guard let f = fk.scalar?.string, iterationKeys.contains(f) else {
                                throw fail("\(ikey).\(fk.scalar?.string ?? "?")", "\(line(fk)): unknown key; allowed here: \(iterationKeys.joined(separator: ", "))")
                            }
                            if f == "training" {
                                guard let tm = fv.mapping else { throw fail("\(ikey).training", "\(line(fv)): expected a mapping agent → training file") }
                                for (ak, av) in tm {
                                    guard let a = ak.scalar?.string, let p = av.scalar?.string else {
                                        throw fail("\(ikey).training", "\(line(ak)): expected agent: file")
                                    }
                                    entry.training.append((a, resolve(p)))
                                }
                            } else {
                                entry.logs += try strings(fv, "\(ikey).\(f)").map(resolve)
                            }
                        }
                    } else { throw fail(ikey, "\(line(iv)): expected a debate log path, a list of them, or a mapping with 'debate' and 'training'") }
                    if entry.logs.isEmpty { throw fail(ikey, "\(line(iv)): iteration \(it) has no debate log (expected 'debate: FILE')") }
                    iterations.append(entry)
                }
            default:
                throw IngestError.invalidRun(path: path, reason: "unknown key '\(key)'\(line(k)); allowed: \(manifestKeys.joined(separator: ", "))")
            }
        }
        guard sawIterations, !iterations.isEmpty else { throw IngestError.invalidRun(path: path, reason: "no iterations: expected the key 'iterations' with at least one iteration") }
        spec.name = name
        spec.iterations = iterations.sorted { $0.iteration < $1.iteration }
        if let n = spec.agentNames, let r = spec.roles, n.count != r.count {
            throw IngestError.invalidRun(path: path, reason: "\(n.count) agent names but \(r.count) roles; give one role per agent")
        }
        return spec
    }

    /// A run from path patterns: `debates` must contain `{iteration}`; `training`, when given,
    /// `{iteration}` and `{agent}`. Every file matching is used; an iteration of the training
    /// pattern with no debate log is an error.
    /// - Throws: `IngestError.invalidRun` naming the pattern.
    public static func pattern(debates: String, training: String? = nil, name: String? = nil) throws -> RunSpec {
        guard debates.contains("{iteration}") else {
            throw IngestError.invalidRun(path: debates, reason: "a run pattern must contain {iteration} (e.g. logs/debate_{iteration}.json)")
        }
        if debates.contains("{agent}") {
            throw IngestError.invalidRun(path: debates, reason: "the debate pattern may not contain {agent}: a debate log holds every agent")
        }
        let logs = try PathPattern.expand(debates)
        guard !logs.isEmpty else { throw IngestError.invalidRun(path: debates, reason: "no file matches the pattern") }
        var byIteration: [Int: Iteration] = [:]
        for m in logs { byIteration[m.iteration, default: Iteration(iteration: m.iteration, logs: [])].logs.append(m.path) }
        if let training {
            guard training.contains("{iteration}"), training.contains("{agent}") else {
                throw IngestError.invalidRun(path: training, reason: "a training pattern must contain {iteration} and {agent} (e.g. ft/it{iteration}_agent{agent}.json)")
            }
            let files = try PathPattern.expand(training)
            guard !files.isEmpty else { throw IngestError.invalidRun(path: training, reason: "no file matches the pattern") }
            for m in files {
                guard byIteration[m.iteration] != nil else {
                    throw IngestError.invalidRun(path: m.path, reason: "training file of iteration \(m.iteration), but no debate log of that iteration matches \(debates)")
                }
                byIteration[m.iteration]!.training.append((m.agent ?? "", m.path))
            }
        }
        let defaultName = ((debates as NSString).lastPathComponent as NSString).deletingPathExtension
            .replacingOccurrences(of: "{iteration}", with: "")
        return RunSpec(name: name ?? (defaultName.isEmpty ? "run" : defaultName),
                       iterations: byIteration.values.sorted { $0.iteration < $1.iteration }, source: debates)
    }
}
