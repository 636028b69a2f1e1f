import Foundation
import ChorusRecords

/// The output folder of a command, claimed before any compute (`OutputDirectory`): an explicit
/// `--out` is checked (a non-empty folder needs `--force`, which replaces it whole), a default
/// one is created under `notebooks-data/` with a unique name. Leftovers of killed runs that
/// were removed are noted on standard error.
///
/// The one rule of every command that writes a folder (issue 10): `simulate`, `reproduce`
/// (its run folder), `analyze`, `export`, `compare`, `fit` and `validate` claim it here, through
/// `OutputOptions` (`--out`, `--force`), before reading or computing anything, and write it
/// through `write` (staging folder renamed into place). Sets of figure files in a folder that
/// holds other files (`reproduce --figures`, `chorus figures`) follow the same rule per set
/// (`FigureSetTarget`); `demo --output` is one file (`--force`, `AtomicFile`).
enum OutputTarget {
    static let defaultRoot = URL(fileURLWithPath: "notebooks-data")

    static func prepare(out: String?, force: Bool, defaultBase: String, quiet: Bool = false) throws -> OutputDirectory {
        let d: OutputDirectory
        if let out {
            d = try OutputDirectory.prepare(explicit: URL(fileURLWithPath: out), force: force)
        } else {
            d = try OutputDirectory.prepare(defaultIn: defaultRoot, base: defaultBase)
        }
        if !quiet, !d.removedLeftovers.isEmpty {
            Console.current.note("removed \(d.removedLeftovers.count) leftover(s) of killed runs next to \(d.destination.path): "
                                 + d.removedLeftovers.joined(separator: ", "))
        }
        return d
    }

    /// Runs `body` with the staging folder, then commits; on any error the staging folder (and
    /// a default folder created for this run) is removed.
    static func write<T>(_ d: OutputDirectory, _ body: (URL) throws -> T) throws -> T {
        do {
            let value = try body(d.staging)
            try d.commit()
            return value
        } catch {
            d.abandon()
            throw error
        }
    }
}
