import ArgumentParser
import Foundation
import Testing
import ChorusTestSupport
import ChorusFigures
@testable import ChorusCLI
@testable import ChorusFigures

/// `chorus figures` and the figures `simulate` / `reproduce` draw, end to end, in-process.
@Suite struct FiguresCommandTests {
    @Test func simulateDrawsItsFiguresAndFiguresRedrawsThemFromTheTables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("quick")
        let r = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--out", run.path, "--formats", "png,pdf", "--dpi", "72"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Figures of \(run.path) (simulation)"))
        let drawn = try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("figures").path).sorted()
        for name in ["accuracy", "diversity", "entropy-by-role", "ablations-iteration-1", "kl-base-by-role", "accuracy-vs-entropy"] {
            #expect(drawn.contains("\(name).png") && drawn.contains("\(name).pdf"), "\(name) missing from \(drawn)")
        }
        #expect(!drawn.contains { $0.hasSuffix(".svg") })
        // Redrawn from the tables alone: the same PNG bytes.
        let again = dir.appendingPathComponent("again")
        let f = try CapturedConsole.run(["figures", run.path, "--out", again.path, "--formats", "png", "--dpi", "72"])
        #expect(f.code == 0, "\(f.err)")
        for name in drawn where name.hasSuffix(".png") {
            let a = try Data(contentsOf: run.appendingPathComponent("figures/\(name)"))
            let b = try Data(contentsOf: again.appendingPathComponent(name))
            #expect(a == b, "\(name) differs when redrawn")
        }
    }

    /// The ablation figure reads the paired changes from summary.csv (so a reproduce run's
    /// figures never parse its millions of metrics.csv rows): they must equal the paired
    /// differences recomputed from metrics.csv, for every regime and both accuracies.
    @Test func ablationChangesFromTheSummaryEqualThePairedDifferencesOfMetrics() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("quick")
        let r = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--no-figures", "--seeds", "1-6",
                                         "--out", run.path])
        #expect(r.code == 0, "\(r.err)")
        let summary = try SummaryData.read(run.appendingPathComponent("summary.csv"))
        let metrics = try MetricsData.read(run.appendingPathComponent("metrics.csv"))
        #expect(!SimulationRunFigures.needsMetrics(summary))
        let figures = SimulationRunFigures(summary: summary, metrics: nil)
        for regime in summary.regimes {
            for metric in ["accuracy.final", "accuracy.round1_individual"] {
                let fromSummary = try #require(figures.changeAtIteration1(regime, metric))
                let fromRows = try #require(metrics.pairedChange(regime, metric, from: 0, to: 1))
                // The summary is written with 17 significant digits: agreement to 1e-12.
                #expect(abs(fromSummary.mean - fromRows.mean) < 1e-12, "\(regime) \(metric)")
                #expect(abs(fromSummary.lower - fromRows.lower) < 1e-12 && abs(fromSummary.upper - fromRows.upper) < 1e-12,
                        "\(regime) \(metric): \(fromSummary) vs \(fromRows)")
            }
        }
    }

    /// The style maps' rows, picked out of metrics.csv by the byte scan, are exactly the first
    /// seed's style-share rows of a full parse; nothing else is kept.
    @Test func styleShareScanEqualsTheFullParseOfTheFirstSeed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("quick")
        let r = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--no-figures", "--seeds", "5,3,9",
                                         "--out", run.path])
        #expect(r.code == 0, "\(r.err)")
        let url = run.appendingPathComponent("metrics.csv")
        let full = try MetricsData.read(url), scanned = try MetricsData.readStyleShares(url)
        let summary = try SummaryData.read(run.appendingPathComponent("summary.csv"))
        var compared = 0
        for regime in summary.regimes {
            for metric in Set(summary.rows.filter { $0.regime == regime }.map(\.metric)) {
                let isShare = metric.hasPrefix("style_share.")
                #expect(scanned.seeds(regime, metric) == (isShare ? ["5"] : []), "\(regime) \(metric)")
                guard isShare else { continue }
                for it in 0...2 {
                    #expect(scanned.value(regime, metric, seed: "5", iteration: it) == full.value(regime, metric, seed: "5", iteration: it))
                    compared += 1
                }
            }
        }
        #expect(compared > 0)
    }

    @Test func analyzeDirectoriesGetTheirFigures() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("sim")
        let s = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--no-figures", "--regimes", "multiagent",
                                         "--transcripts", "1", "--out", run.path])
        #expect(s.code == 0, "\(s.err)")
        #expect(!FileManager.default.fileExists(atPath: run.appendingPathComponent("figures").path))
        let analyzed = dir.appendingPathComponent("analyzed")
        let a = try CapturedConsole.run(["analyze", run.appendingPathComponent("transcripts/iteration-1.jsonl").path,
                                         "--out", analyzed.path, "--no-figures"])
        #expect(a.code == 0, "\(a.err)")
        let f = try CapturedConsole.run(["figures", analyzed.path, "--size", "single", "--formats", "pdf"])
        #expect(f.code == 0, "\(f.err)")
        #expect(f.out.contains("(analysis)"))
        let drawn = try FileManager.default.contentsOfDirectory(atPath: analyzed.appendingPathComponent("figures").path).sorted()
        #expect(drawn.contains("accuracy-by-round.pdf") && drawn.contains("agreement-by-round.pdf") && drawn.contains("per-model-accuracy.pdf"), "\(drawn)")
    }

    /// `chorus analyze` draws through the `chorus figures` path: on simulated transcripts of
    /// two regimes × three seeds, one panel per regime whose curve is the mean over the seeds
    /// (checked against the per-seed rows of analysis.json), in every format.
    @Test func analyzeOfSimulatedTranscriptsDrawsOnePanelPerRegimePooledOverSeeds() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("sim")
        let s = try CapturedConsole.run(["simulate", "--preset", "quick", "--quiet", "--no-figures", "--regimes", "single-agent,multiagent",
                                         "--seeds", "1-3", "--transcripts", "1", "--out", run.path])
        #expect(s.code == 0, "\(s.err)")
        let analyzed = dir.appendingPathComponent("analyzed")
        let a = try CapturedConsole.run(["analyze", run.appendingPathComponent("transcripts/iteration-1.jsonl").path,
                                         "--out", analyzed.path, "--size", "single", "--dpi", "72"])
        #expect(a.code == 0, "\(a.err)")
        let drawn = try FileManager.default.contentsOfDirectory(atPath: analyzed.appendingPathComponent("figures").path)
        for f in ["accuracy-by-round", "agreement-by-round", "flips", "per-model-accuracy"] {
            for e in ["png", "pdf", "svg"] { #expect(drawn.contains("\(f).\(e)"), "\(f).\(e) missing from \(drawn)") }
        }
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: analyzed.appendingPathComponent("analysis.json"))) as! [String: Any]
        let rows = (report["files"] as! [[String: Any]])[0]["rows"] as! [[String: Any]]
        #expect(Set(rows.compactMap { $0["seed"] as? Int }) == [1, 2, 3])
        let (_, figures) = try RunFigures.figures(for: analyzed)
        let accuracy = try #require(figures.first { $0.name == "accuracy-by-round" })
        #expect(accuracy.panels.count == 2)
        for (panel, regime) in zip(accuracy.panels, ["single-agent", "multiagent"]) {
            guard case .line(let c) = panel else { Issue.record("not a line chart"); continue }
            #expect(c.title == "\(regime), iteration 1", "\(c.title)")
            let perSeed = rows.filter { $0["regime"] as? String == regime && $0["round"] as? Int == 1 }
                .map { (($0["metrics"] as! [String: Any])["accuracy.individual"] as! [String: Any])["value"] as! Double }
            #expect(perSeed.count == 3)
            #expect(abs(c.series[0].y[0] - perSeed.reduce(0, +) / 3) < 1e-9)
        }
    }

    @Test func aFolderThatIsNotARunIsAFileErrorNamingWhatIsMissing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CapturedConsole.run(["figures", dir.path])
        #expect(r.code == ExitStatus.fileError.rawValue)
        #expect(r.err.contains("is not a run directory") && r.err.contains("summary.csv"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        #expect(throws: (any Error).self) { try FiguresCommand.parse([]) }
        #expect(throws: (any Error).self) { try FiguresCommand.parse(["x", "--size", "huge"]) }
        #expect(throws: (any Error).self) { try FiguresCommand.parse(["x", "--formats", "gif"]) }
        #expect(throws: (any Error).self) { try FiguresCommand.parse(["x", "--font-size", "6"]) }
        #expect(throws: (any Error).self) { try FiguresCommand.parse(["x", "--dpi", "5"]) }
        let ok = try FiguresCommand.parse(["x", "--size", "3.25x2.5", "--font-size", "8", "--dpi", "600", "--titles"])
        let (width, formats, style) = try ok.options.parsed()
        #expect(width?.inches == 3.25 && formats.count == 3 && style.dpi == 600 && style.titles && style.fontSize == 8)
    }

    /// `reproduce` resolves --config, --set and its seeds as `simulate --preset paper` does (it
    /// holds the same option groups and runs the same `SimulationRun`, no argument re-parsing).
    @Test func reproduceResolvesConfigAndSetAsSimulateDoes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = dir.appendingPathComponent("my.yaml")
        try "iterations: 2\n".write(to: yaml, atomically: true, encoding: .utf8)
        let r = try ReproduceCommand.parse(["--config", yaml.path, "--set", "debate.rounds=3", "--blocks", "2", "--block-size", "3", "--seed-offset", "10"])
        let (rc, rs) = try r.resolveConfiguration()
        let s = try SimulateCommand.parse(["--preset", "paper", "--config", yaml.path, "--set", "debate.rounds=3", "--seeds", "11-16"])
        let (sc, ss) = try s.resolveConfiguration()
        #expect(rc == sc && rs == ss && rs == "preset paper + \(yaml.path)")
        #expect(rc.iterations == 2 && rc.debate.rounds == 3 && rc.seeds == Array(11...16))
        // --quick: 2 blocks of 10 seeds and 200 + 200 questions, laid over the user's --set.
        let q = try ReproduceCommand.parse(["--quick", "--set", "task.test_questions=50"])
        let (qc, _) = try q.resolveConfiguration()
        let sq = try SimulateCommand.parse(["--preset", "paper", "--set", "task.test_questions=50", "--set", "task.train_questions=200",
                                            "--set", "task.test_questions=200", "--seeds", "1-20"]).resolveConfiguration().config
        #expect(qc == sq && qc.seeds.count == 20)
        let run = try q.simulation()
        #expect(run.claims && run.blocks == 2 && run.figures == nil && !run.json)
    }
}
