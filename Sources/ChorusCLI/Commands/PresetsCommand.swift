import ArgumentParser

/// PLACEHOLDER: replaced by the owner of this command before any submission.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "presets", abstract: "List or show presets.")
    func run() throws { throw ValidationError("'presets' is not built yet") }
}
