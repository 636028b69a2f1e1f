import ArgumentParser
import Foundation
import ChorusFigures
import ChorusSimulation

/// How `chorus figures` (and `simulate`, `reproduce`, which call it) draw: size, fonts, formats.
struct FigureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Figure width: single (3.5 in), double (7 in) or W×H in inches, e.g. 3.25x2.5 (default: each figure at its natural width, single column for one panel, double for more).", valueName: "size"))
    var size: String?

    @Option(name: .customLong("font-size"), help: ArgumentHelp("Text size in points at print size (tick labels, legends; never under 8 pt).", valueName: "pt"))
    var fontSize: Double = 9

    @Option(help: ArgumentHelp("PNG resolution in dots per inch (written into the file).", valueName: "dpi"))
    var dpi: Int = 300

    @Option(help: ArgumentHelp("Formats, comma-separated, e.g. png,pdf.", valueName: "list"))
    var formats: ValueList<FigureFormat> = ValueList([.png, .pdf, .svg])

    @Flag(help: "Draw each figure's title (papers put it in the caption).")
    var titles = false

    @Flag(name: .customLong("no-panel-letters"), help: "No (a), (b), … on the panels of multi-panel figures.")
    var noPanelLetters = false

    init() {}

    func validate() throws {
        _ = try parsed()
    }

    /// The width, formats and style, checked.
    func parsed() throws -> (width: PaperWidth?, formats: [FigureFormat], style: FigureStyle) {
        var width: PaperWidth? = nil
        if let size {
            do { width = try PaperWidth(parsing: size) } catch { throw ValidationError("--size: \(error)") }
        }
        guard fontSize.isFinite, fontSize >= 8, fontSize <= 24 else { throw ValidationError("--font-size must be between 8 and 24 pt, got \(fontSize)") }
        guard (36...2400).contains(dpi) else { throw ValidationError("--dpi must be between 36 and 2400, got \(dpi)") }
        let style = FigureStyle(fontSize: fontSize, dpi: dpi, titles: titles, panelLetters: !noPanelLetters)
        return (width, formats.values, style)
    }
}

/// `chorus figures RUN_DIR…`: every figure that applies to a run directory, from its tables.
struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Draw every figure of run directories from their tables, at paper size.",
        discussion: """
        Tells the kind of run from the tables (summary.csv: chorus simulate or reproduce; \
        sweep-summary.csv: chorus sweep; compare.csv: chorus compare; iterations.csv: chorus analyze \
        --run; rounds.csv: chorus analyze; checks.csv: chorus validate, from its *.curves.csv) and draws every figure whose metrics the tables hold, into RUN_DIR/figures \
        (or --out), as PNG (with its dpi recorded), PDF and SVG. Nothing is recomputed: edit the \
        tables or the options and draw again. Text is set in points at print size; nothing is \
        smaller than 8 pt. figures/README.md shows each figure.

        Examples:
          chorus figures notebooks-data/paper-20261125T105000Z
          chorus figures runs/a runs/b --size single --formats pdf
          chorus figures notebooks-data/analyze-20261125T110000Z --size 7x4 --titles
          chorus figures notebooks-data/sweep-phase --size double
          chorus figures notebooks-data/validate-20261125-110000 --formats png
        """)

    @Argument(help: "Run directories.")
    var runs: [String] = []

    @Option(help: ArgumentHelp("Folder for the figures (default: RUN_DIR/figures; with several runs, one subfolder per run).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Prefix of the file names, e.g. paper-.", valueName: "text"))
    var prefix: String = ""

    @OptionGroup var options: FigureOptions

    init() {}

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("give at least one run directory") }
    }

    func run() throws {
        try CLIErrors.reporting {
            for run in runs {
                let dir = URL(fileURLWithPath: run, isDirectory: true)
                var target: URL? = out.map { URL(fileURLWithPath: $0, isDirectory: true) }
                if runs.count > 1, let t = target { target = t.appendingPathComponent(dir.lastPathComponent, isDirectory: true) }
                let written = try Self.render(run: dir, into: target, prefix: prefix, options: options)
                Console.current.out(Self.report(run: dir, written))
            }
        }
    }

    /// What `render` drew.
    struct Drawn {
        var kind: RunKind
        var figures: [(figure: NamedFigure, files: [URL])]

        /// The same figures with their paths moved from `old` (a staging folder) to `new`.
        func relocated(from old: URL, to new: URL) -> Drawn {
            let prefix = old.standardizedFileURL.path
            func move(_ u: URL) -> URL {
                let p = u.standardizedFileURL.path
                guard p.hasPrefix(prefix) else { return u }
                return URL(fileURLWithPath: new.path + String(p.dropFirst(prefix.count)))
            }
            return Drawn(kind: kind, figures: figures.map { ($0.figure, $0.files.map(move)) })
        }
    }

    /// Draws every figure of `run` into `dir` (default `run/figures`); returns what it wrote.
    /// - Throws: `FigureError`, `TableError`, `FileIOError`.
    static func render(run: URL, into dir: URL? = nil, prefix: String = "", options: FigureOptions) throws -> Drawn {
        let (width, formats, style) = try options.parsed()
        let (kind, figures) = try RunFigures.figures(for: run, sweepKeyLabel: { SweepPlan.label($0) })
        let target = dir ?? run.appendingPathComponent("figures", isDirectory: true)
        try FigureOutput.check(target.appendingPathComponent("check.png"))
        var out: [(NamedFigure, [URL])] = []
        for f in figures {
            out.append((f, try f.render(into: target, prefix: prefix, width: width, formats: formats, style: style)))
        }
        return Drawn(kind: kind, figures: out)
    }

    /// One line per figure: its files (by base name and formats) and its caption.
    static func report(run: URL, _ d: Drawn) -> String {
        guard let first = d.figures.first?.files.first else { return "\(run.path) (\(d.kind.rawValue)): no figure applies to its tables\n" }
        var s = "Figures of \(run.path) (\(d.kind.rawValue)) in \(first.deletingLastPathComponent().path)/:\n"
        for (f, files) in d.figures {
            let base = files.first.map { $0.deletingPathExtension().lastPathComponent } ?? f.name
            s += "  \(base).{\(files.map(\.pathExtension).joined(separator: ","))}  \(f.caption)\n"
        }
        return s
    }
}
