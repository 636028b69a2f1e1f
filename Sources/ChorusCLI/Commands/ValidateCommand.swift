import ArgumentParser

/// PLACEHOLDER: replaced by the owner of this command before any submission.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Validate metrics against exact truth.")
    func run() throws { throw ValidationError("'validate' is not built yet") }
}
