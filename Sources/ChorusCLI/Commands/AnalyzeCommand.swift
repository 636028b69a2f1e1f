import ArgumentParser

/// PLACEHOLDER: replaced by the owner of this command before any submission.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze", abstract: "Analyse real debate logs.")
    func run() throws { throw ValidationError("'analyze' is not built yet") }
}
