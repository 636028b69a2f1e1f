import ArgumentParser

/// PLACEHOLDER: replaced by the owner of this command before any submission.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Run a simulation (issue 3).")
    func run() throws { throw ValidationError("'simulate' is not built yet") }
}
