import ArgumentParser
import Foundation
import ChorusRecords
import ChorusSimulation

// The options several commands share, each declared once as an option group, so that every
// command that has one spells, documents and checks it the same way (`chorus simulate --help`
// and `chorus reproduce --help` show the same lines; ChorusCLITests/SharedOptionsTests).

/// `--preset NAME`: the configuration a run starts from (`simulate`, `sweep`; `reproduce` always
/// starts from `paper`).
struct PresetOption: ParsableArguments {
    @Option(help: ArgumentHelp("Start from this preset ('chorus presets' lists them; default: default).", valueName: "name"))
    var preset: String?

    init() {}
}

/// `--config FILE` and `--set key=value`: a YAML file laid over the preset, then single keys
/// (`simulate`, `reproduce`, `sweep`).
struct ConfigSourceOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("Read this YAML configuration, laid over the preset (key by key).", valueName: "file"))
    var configFile: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one key, e.g. debate.rounds=3 or seeds=[1,2]; repeatable.", valueName: "key=value"))
    var assignments: [String] = []

    init() {}

    /// The preset `presetName` (default `default`), the file laid over it, then the `--set` keys;
    /// with the source recorded in the manifest (`preset quick`, `my.yaml`, `preset paper + my.yaml`).
    ///
    /// Without a preset the file is laid over `SimulationConfig()`, the values of the `default`
    /// preset, and the source is the file alone.
    func builder(preset presetName: String?) throws -> (builder: ConfigBuilder, source: String) {
        let name = presetName ?? "default"
        let base = try Presets.config(named: name)
        var builder: ConfigBuilder
        var source = "preset \(name)"
        if let file = configFile {
            builder = try ConfigBuilder(contentsOf: file, base: presetName == nil ? SimulationConfig() : base)
            source = presetName == nil ? file : "preset \(name) + \(file)"
        } else {
            builder = ConfigBuilder(config: base, source: source)
        }
        for a in assignments { try builder.set(a) }
        return (builder, source)
    }
}

/// `--threads N` (`simulate`, `reproduce`, `sweep run`, `validate`).
struct ThreadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
    var threads: Int?

    init() {}

    func validate() throws {
        guard let t = threads else { return }
        if t < 1 { throw ValidationError("--threads must be at least 1, got \(t)") }
        // One OS thread each (8 MB stacks): a typo like 100000 must not try to start them all.
        if t > 1024 { throw ValidationError("--threads must be at most 1024, got \(t)") }
    }

    /// The threads to use: `--threads`, else every active core.
    var count: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}

/// `--out DIR` and `--force`: the output folder, claimed before any compute (`OutputTarget`)
/// (`simulate`, `reproduce`, `analyze`, `export`).
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output folder (default: a new folder in notebooks-data/ named after the run and the UTC time).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace what is in the way: a non-empty --out folder (and, for reproduce, the paper-* figures in --figures); without it, they are refused before any compute.")
    var force = false

    init() {}

    /// Claims the folder: `--out`, or a new one named `defaultBase` under notebooks-data/.
    func prepare(defaultBase: String, quiet: Bool = false) throws -> OutputDirectory {
        try OutputTarget.prepare(out: out, force: force, defaultBase: defaultBase, quiet: quiet)
    }
}

/// `--quiet` (`simulate`, `reproduce`, `sweep run`).
struct QuietOption: ParsableArguments {
    @Flag(help: "No progress bar and no status lines on standard error (errors are still printed).")
    var quiet = false

    init() {}
}
