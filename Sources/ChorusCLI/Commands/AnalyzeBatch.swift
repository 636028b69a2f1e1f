import Foundation
import ChorusIngest

/// Reading the files of one `analyze` call: a file that cannot be read is reported (one
/// `warning:` line naming it and the reason) and the others are analysed; with `--strict` the
/// first bad file is fatal. When no file can be read, the first file's error is the command's.
enum AnalyzeBatch {
    struct Failure {
        var file: String
        var error: any Error
    }

    static func read<T>(_ files: [String], strict: Bool, _ reader: (String) throws -> T)
        throws -> (inputs: [(file: String, result: T)], failures: [Failure]) {
        var inputs: [(file: String, result: T)] = []
        var failures: [Failure] = []
        for f in files {
            do {
                inputs.append((f, try reader(f)))
            } catch {
                if strict || files.count == 1 { throw error }
                failures.append(Failure(file: f, error: error))
                Console.current.warning("skipped \(f): \(error)")
            }
        }
        if inputs.isEmpty, let first = failures.first {
            throw first.error
        }
        return (inputs, failures)
    }
}
