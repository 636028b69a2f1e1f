import ArgumentParser

/// The `chorus` command line.
public struct ChorusCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "chorus",
        abstract: "Simulate, measure and draw the diversity of self-improving LLM agent societies.",
        version: ChorusVersion.string,
        subcommands: [ReproduceCommand.self, SimulateCommand.self, FiguresCommand.self, SweepCommand.self, PresetsCommand.self, ValidateCommand.self, AnalyzeCommand.self, FitCommand.self, CompareCommand.self, ExportCommand.self, DemoCommand.self])
    public init() {}
}

/// The tool's version, recorded in every manifest.
public enum ChorusVersion {
    /// The version number, e.g. `0.1.0`.
    public static let string = "0.1.0"
}
