import ArgumentParser

/// PLACEHOLDER: replaced by the owner of this command before any submission.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reproduce", abstract: "Run the main job: the paper preset and its figures.")
    func run() throws { throw ValidationError("'reproduce' is not built yet") }
}
