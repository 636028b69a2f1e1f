import ArgumentParser
import ChorusSimulation

/// `chorus presets`: list the named configurations, or print one as YAML.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the named configurations, or print one as YAML.",
        discussion: """
        'chorus presets' lists every preset with a one-line description. \
        'chorus presets show NAME' prints the preset as a commented YAML file: save it, edit it \
        and run it with 'chorus simulate --config FILE'.
        """,
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    init() {}

    /// `chorus presets list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the presets with one-line descriptions.")

        init() {}

        func run() throws {
            let rows = Presets.all.map { [$0.name, $0.summary] }
            Console.current.out(TextTable.render(rows))
        }
    }

    /// `chorus presets show NAME`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print a preset as YAML (a valid --config file).",
            discussion: ExitStatus.help([.success, .usage, .dataError], meanings: [.dataError: "unknown preset"]))

        @Argument(help: ArgumentHelp("The preset's name (see 'chorus presets').", valueName: "name"))
        var name: String

        init() {}

        func run() throws {
            try CLIErrors.reporting { Console.current.out(try Presets.yaml(named: name)) }
        }
    }
}
