import ArgumentParser

/// `--config FILE` and `--set key=value`, for commands that forward them to `simulate`
/// (`reproduce`), where they mean the same: a YAML laid over the preset, then single keys.
struct ConfigSourceOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("Read this YAML configuration, laid over the preset.", valueName: "file"))
    var configFile: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one key, e.g. debate.rounds=3; repeatable.", valueName: "key=value"))
    var assignments: [String] = []

    init() {}

    /// The arguments that give the same options to `simulate`.
    var simulateArguments: [String] {
        (configFile.map { ["--config", $0] } ?? []) + assignments.flatMap { ["--set", $0] }
    }
}
