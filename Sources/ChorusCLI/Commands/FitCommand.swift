import ArgumentParser
import ChorusAnalysis
import ChorusValidation
import ChorusFigures
import ChorusIngest
import ChorusRecords
import ChorusSimulation
import ChorusStats
import Foundation

/// `chorus fit LOG…`: fits the simulator's debate stage to real debate logs by maximum
/// likelihood (issue 12; docs/fit.md).
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit the simulator's debate stage (critic choice weights, base accuracy, diversity) to debate logs.",
        discussion: """
        The logs are read as `chorus analyze` reads them (all pooled). The critic choice model \
        P(a) ∝ exp(w_stay·[a = own] + w_support·share(a)) over the answers in view is fitted by \
        maximum likelihood (GSL multimin, BFGS) with 95% Wald intervals from the observed \
        information; base accuracy (round 1) and answer entropy per round come with bootstrap \
        intervals. Writes fit.csv, config.yaml (a fragment `chorus simulate --config` accepts), \
        predictive.csv and predictive-check.png (the log's debates re-run from their round-1 \
        answers with the fitted weights), fit.json. What a log cannot identify: docs/fit.md.
        """)

    @Argument(help: "Debate log files (Du et al. JSON, LLM-Agora JSON, canonical JSON Lines).")
    var files: [String] = []

    @Option(help: "Answer task (default: picked per file from its ground truths).")
    var task: AnswerTask?

    @Option(name: .customLong("out"), help: "Output folder (default: notebooks-data/fit-<UTC timestamp>).")
    var out: String?

    @Option(help: "Seed of the bootstrap intervals and the predictive simulations.")
    var seed: UInt64 = 0

    @Option(help: "Replicate debates of the posterior-predictive check (1...100000).")
    var replicates: Int = 200

    @Flag(name: .customLong("no-figures"), help: "Write the tables only.")
    var noFigures = false

    @Flag(help: "Print machine-readable JSON instead of tables.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one debate log") }
        guard (1...100_000).contains(replicates) else { throw ValidationError("--replicates must be in 1...100000; got \(replicates)") }
    }

    func run() throws { try CLIErrors.reporting { try execute() } }

    private func execute() throws {
        let dir = URL(fileURLWithPath: out ?? "notebooks-data/fit-\(AnalyzeCommand.timestamp())")
        var records: [ResponseRecord] = []
        var warnings: [String] = []
        for f in files {
            let r = try LogReader.read(URL(fileURLWithPath: f), task: task)
            if r.skipped > 0 { warnings.append("\(f): \(r.skipped) skipped; first: \(r.skipReasons.first ?? "")") }
            // Question ids are per file: keep files apart.
            records += r.records.map { var x = $0; x.run = f; return x }
        }
        let index = DebateIndex(records)
        let debates = index.groups.flatMap { index.debates($0) }
        let stream = SeedStream(seed: seed).child("fit")
        let fit = try DebateFit.fit(debates, stream: stream.child("intervals"))
        let w = [fit.estimate("critic.weight.stay")!.value, fit.estimate("critic.weight.support")!.value]
        let check = PredictiveCheck.run(debates, weights: w, replicates: replicates, stream: stream.child("predictive"))
        let source = files.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")

        var t = TidyTable(columns: ["parameter", "config_key", "estimate", "lower", "upper", "se", "method"])
        for e in fit.estimates {
            t.append([e.name, e.configKey ?? "", TidyTable.format(e.value), TidyTable.format(e.lower), TidyTable.format(e.upper), TidyTable.format(e.se), e.method])
        }
        try t.write(to: dir.appendingPathComponent("fit.csv"))
        try AtomicFile.write(DebateFit.configFragment(fit, source: source), to: dir.appendingPathComponent("config.yaml"))
        var p = TidyTable(columns: ["round", "metric", "observed", "predicted", "lower", "upper", "inside"])
        for r in check {
            p.append([String(r.round), r.metric, TidyTable.format(r.observed), TidyTable.format(r.predicted), TidyTable.format(r.lower), TidyTable.format(r.upper), r.inside ? "true" : "false"])
        }
        try p.write(to: dir.appendingPathComponent("predictive.csv"))
        var pngs: [URL] = []
        if !noFigures, !check.isEmpty { pngs.append(try Self.figure(check, title: source, to: dir.appendingPathComponent("predictive-check.png"))) }

        let j = try JSONFile.text(FitReport(files: files, seed: seed, fit: fit, check: check, notes: warnings + fit.notes))
        try AtomicFile.write(j, to: dir.appendingPathComponent("fit.json"))
        if json { Console.current.out(j); return }

        var out = "\n== chorus fit: \(source)\n"
        out += "\(fit.questions) questions × \(fit.agents) agents × \(fit.rounds) rounds; \(fit.decisions) critic decisions in the likelihood"
        out += fit.outsideView > 0 ? ", \(fit.outsideView) outside the view (left out)\n" : "\n"
        out += "optimiser: GSL multimin BFGS2, \(fit.iterations) iterations, \(fit.converged ? "converged" : "NOT converged"); log-likelihood \(AnalyzeOutput.f3(fit.logLikelihood))\n"
        var lines = [["parameter", "config key", "estimate", "95% CI", "method"]]
        for e in fit.estimates {
            lines.append([e.name, e.configKey ?? "—", AnalyzeOutput.f3(e.value),
                          e.lower.isFinite ? "[\(AnalyzeOutput.f3(e.lower)), \(AnalyzeOutput.f3(e.upper))]" : "unbounded", e.method])
        }
        out += TextTable.render(lines)
        out += "posterior-predictive check (\(replicates) re-runs from the log's round-1 answers):\n"
        var pl = [["round", "metric", "log", "predicted", "95% predictive interval", ""]]
        for r in check {
            pl.append([String(r.round), r.metric, AnalyzeOutput.f3(r.observed), AnalyzeOutput.f3(r.predicted),
                       "[\(AnalyzeOutput.f3(r.lower)), \(AnalyzeOutput.f3(r.upper))]", r.inside ? "" : "outside"])
        }
        out += TextTable.render(pl)
        for n in warnings + fit.notes { out += "note: \(n)\n" }
        out += "wrote \(dir.path): fit.csv, config.yaml, predictive.csv, fit.json" + pngs.map { ", " + $0.lastPathComponent }.joined()
        Console.current.out(out + "\n")
    }

    /// The layout of fit.json, written through `JSONFile` (sorted keys; non-finite numbers,
    /// e.g. an unbounded interval, are `null`).
    struct FitReport: Encodable {
        struct Estimate: Encodable {
            var name: String
            @ExplicitNull var configKey: String?
            @ExplicitNull var estimate: Double?
            @ExplicitNull var lower: Double?
            @ExplicitNull var upper: Double?
            enum CodingKeys: String, CodingKey { case name, configKey = "config_key", estimate, lower, upper }
        }
        struct Predictive: Encodable {
            var round: Int
            var metric: String
            @ExplicitNull var observed: Double?
            @ExplicitNull var predicted: Double?
            @ExplicitNull var lower: Double?
            @ExplicitNull var upper: Double?
            var inside: Bool
        }
        var tool = "chorus fit"
        var version = ChorusVersion.string
        var files: [String]
        var seed: UInt64
        var decisions, outsideView, questions, agents, rounds: Int
        var converged: Bool
        @ExplicitNull var logLikelihood: Double?
        var estimates: [Estimate]
        var predictive: [Predictive]
        var notes: [String]
        enum CodingKeys: String, CodingKey {
            case tool, version, files, seed, decisions, outsideView = "outside_view", questions, agents, rounds, converged
            case logLikelihood = "log_likelihood", estimates, predictive, notes
        }

        init(files: [String], seed: UInt64, fit: DebateFit.Result, check: [PredictiveCheck.Row], notes: [String]) {
            let f = JSONFile.finite
            self.files = files; self.seed = seed; decisions = fit.decisions; outsideView = fit.outsideView
            questions = fit.questions; agents = fit.agents; rounds = fit.rounds; converged = fit.converged
            logLikelihood = f(fit.logLikelihood)
            estimates = fit.estimates.map { Estimate(name: $0.name, configKey: $0.configKey, estimate: f($0.value), lower: f($0.lower), upper: f($0.upper)) }
            predictive = check.map { Predictive(round: $0.round, metric: $0.metric, observed: f($0.observed), predicted: f($0.predicted),
                                                lower: f($0.lower), upper: f($0.upper), inside: $0.inside) }
            self.notes = notes
        }
    }

    /// Per metric a panel: the log's values by round against the predictive mean and 95% band.
    static func figure(_ rows: [PredictiveCheck.Row], title: String, to url: URL) throws -> URL {
        let maxRound = rows.map(\.round).max() ?? 1
        var panels: [Panel] = []
        for (k, m) in PredictiveCheck.metrics.enumerated() {
            let rs = rows.filter { $0.metric == m }.sorted { $0.round < $1.round }
            guard !rs.isEmpty else { continue }
            var c = LineChart(title: m, xLabel: "debate round", yLabel: "fraction", xRange: Self.roundRange(maxRound), yRange: 0...1, legend: .below)
            c.series = [Series("fitted model: mean, 95% predictive band", x: rs.map { Double($0.round) }, y: rs.map(\.predicted),
                               lower: rs.map(\.lower), upper: rs.map(\.upper), colour: Palette.colour(k), marker: .square),
                        Series.scatter("log", x: rs.map { Double($0.round) }, y: rs.map(\.observed), colour: .black, marker: .circle)]
            // The predictive interval of each round also as a vertical bar (a band needs two rounds).
            for r in rs where r.upper > r.lower {
                c.series.append(Series("", x: [Double(r.round), Double(r.round)], y: [r.lower, r.upper], colour: Palette.colour(k),
                                       lineWidth: 2, showInLegend: false))
            }
            panels.append(.line(c))
        }
        let grid = FigureGrid(rows: 1, columns: panels.count, panels: panels, title: "Posterior-predictive check: \(title)")
        try grid.render(to: url, size: FigureSize(width: 600 * panels.count + 200, height: 750))
        return url
    }

    /// x range for rounds 1...R whose automatic ticks fall on whole rounds when R ≥ 3
    /// (ChorusFigures picks about seven "nice" ticks, so the span must exceed 3.5; with two
    /// rounds the ticks fall on halves).
    static func roundRange(_ maxRound: Int) -> ClosedRange<Double> {
        let r = Double(maxRound)
        if maxRound >= 4 { return 0.7...(r + 0.3) }
        if maxRound == 3 { return 0.2...3.8 }
        return 0.6...(r + 0.4)
    }
}
