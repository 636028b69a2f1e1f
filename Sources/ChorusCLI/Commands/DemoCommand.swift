import ArgumentParser

/// PLACEHOLDER: replaced by the owner of this command before any submission.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Render the demo figure (entropy estimators' bias against sample size).")
    func run() throws { throw ValidationError("'demo' is not built yet") }
}
