import ArgumentParser
import ChorusAnalysis
import ChorusFigures
import ChorusIngest
import ChorusRecords
import ChorusSimulation
import ChorusStats

/// Every exit code of `chorus`, in one table (docs/configuration.md, "Exit codes", lists the
/// same codes; `ExitStatusTests` fails when the two differ).
///
/// The codes above 63 are those of BSD `sysexits.h` (EX_USAGE 64, EX_DATAERR 65, EX_SOFTWARE 70,
/// EX_IOERR 74), which is also what swift-argument-parser uses for a bad command line.
enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Everything worked.
    case success = 0
    /// `chorus validate`: an analytic check failed.
    case checkFailed = 1
    /// A claim fails with `--require-claims`; `chorus sweep run`/`merge`: points failed or are missing.
    case claimFailed = 3
    /// A bad command line (printed by the argument parser with the usage).
    case usage = 64
    /// Bad input: a configuration, a sweep spec, a log or a table that cannot be read as one.
    case dataError = 65
    /// A bug.
    case internalError = 70
    /// A file or folder that cannot be read as a run, created or written.
    case fileError = 74

    /// The `ExitCode` the argument parser exits with.
    var exitCode: ExitCode { ExitCode(rawValue) }

    /// What the code means, in a few words (the help texts; docs/configuration.md has the detail).
    var meaning: String {
        switch self {
        case .success: return "success"
        case .checkFailed: return "a check failed"
        case .claimFailed: return "a claim fails (with --require-claims)"
        case .usage: return "bad command line"
        case .dataError: return "bad input (configuration, spec, log)"
        case .internalError: return "internal error"
        case .fileError: return "file error"
        }
    }

    /// "Exit codes: 0 success, 64 bad command line, …" for a command's help, from this table;
    /// `meanings` words a code for the command (e.g. 3 for a sweep: "points failed").
    static func help(_ codes: [ExitStatus], meanings: [ExitStatus: String] = [:]) -> String {
        "Exit codes: " + codes.map { "\($0.rawValue) \(meanings[$0] ?? $0.meaning)" }.joined(separator: ", ") + "."
    }
}

/// A typed library error that knows its exit status. Every error type a command can let escape
/// conforms, each with an exhaustive `switch` (no `default`), so that a new case of a library
/// error does not compile until it is given a code.
protocol ExitStatusProviding: Error {
    var exitStatus: ExitStatus { get }
}

extension SimulationError: ExitStatusProviding {
    /// A configuration that cannot be resolved, or a value out of range: bad input.
    var exitStatus: ExitStatus {
        switch self {
        case .unknownKey, .wrongType, .invalidValue, .unknownName, .unreadable, .located: return .dataError
        }
    }
}

extension SweepError: ExitStatusProviding {
    /// A sweep directory that cannot be used is a file error; a bad spec or point is bad input.
    var exitStatus: ExitStatus {
        switch self {
        case .badDirectory: return .fileError
        case .invalidSpec, .invalidPoint, .mismatchedSpecs: return .dataError
        }
    }
}

extension IngestError: ExitStatusProviding {
    /// Every log, run or sample file that cannot be read as one is bad input, also a missing
    /// file (the log named on the command line is the input).
    var exitStatus: ExitStatus {
        switch self {
        case .cannotRead, .emptyFile, .notUTF8, .malformedJSON, .lineTooLong, .fileTooLarge, .unknownFormat,
             .wrongLayout, .invalidRecord, .noUsableRecords, .invalidRun, .invalidMap, .sampleRow:
            return .dataError
        }
    }
}

extension RecordsReadError: ExitStatusProviding {
    /// A simulated transcript (`chorus export`, `compare`) that cannot be read as JSON Lines: bad
    /// input, as the same errors of a log (`IngestError`).
    var exitStatus: ExitStatus {
        switch self {
        case .cannotRead, .notUTF8, .malformedJSON, .lineTooLong: return .dataError
        }
    }
}

extension AnalysisError: ExitStatusProviding {
    /// Data the analysis cannot use (too few, mismatched, no finite value): bad input.
    var exitStatus: ExitStatus {
        switch self {
        case .dimensionMismatch, .invalidParameter, .insufficientData, .numerical: return .dataError
        }
    }
}

extension StatsError: ExitStatusProviding {
    /// As `AnalysisError`: the statistics fail on the data they were given (before, 70).
    var exitStatus: ExitStatus {
        switch self {
        case .invalidDistribution, .invalidParameter, .sizeMismatch, .insufficientData, .gsl, .numerical: return .dataError
        }
    }
}

extension FileIOError: ExitStatusProviding {
    var exitStatus: ExitStatus {
        switch self {
        case .cannotWrite, .cannotRead: return .fileError
        }
    }
}

extension TableError: ExitStatusProviding {
    /// A run's table that cannot be read (`chorus figures`, `compare`): a file error, as a
    /// folder that is not a run.
    var exitStatus: ExitStatus {
        switch self {
        case .malformed, .missingColumn: return .fileError
        }
    }
}

extension FigureError: ExitStatusProviding {
    var exitStatus: ExitStatus {
        switch self {
        case .unknownFormat, .deviceUnavailable, .cannotWrite, .invalidData, .invalidLayout, .plplot, .notARun: return .fileError
        }
    }
}

extension EstimatorBias.ConfigError: ExitStatusProviding {
    /// Settings of `chorus demo` that slipped past its `validate()` (before, 70).
    var exitStatus: ExitStatus {
        switch self {
        case .invalid: return .dataError
        }
    }
}

extension PointFile.Rejection: ExitStatusProviding {
    /// A sweep's point file that is kept aside and recomputed (`SweepRunner`); should one escape:
    /// a half-written file is a file error, a file of another sweep bad input.
    var exitStatus: ExitStatus {
        switch self {
        case .unreadable: return .fileError
        case .otherSchema, .otherVersion, .otherPoint: return .dataError
        }
    }
}

extension JSONLDebateStream.NotGrouped: ExitStatusProviding {
    /// A JSON Lines log whose debates are split (`AnalyzeFile` then reads it whole); should it
    /// escape: bad input.
    var exitStatus: ExitStatus { .dataError }
}
