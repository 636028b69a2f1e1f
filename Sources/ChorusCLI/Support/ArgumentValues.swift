import ArgumentParser
import Foundation
import ChorusValidation
import ChorusFigures
import ChorusIngest
import ChorusSimulation

// Options with a fixed set of values are parsed by swift-argument-parser itself: `--help` lists
// the values ("(values: numeric, choice, math, free)"), and a wrong value is a usage error (exit
// 64) naming the option and the values ("The value 'essay' is invalid for '--task <task>'.
// Please provide one of 'numeric', 'choice', 'math' or 'free'.").
//
// The library's own enums are used where they are the set (their cases are the one list, so a
// new case is accepted at once). Their conformance is declared here because the library modules
// do not depend on the argument parser.

/// `--task`: an answer task by its name.
extension AnswerTask: ExpressibleByArgument {}
/// `--formats` of the figure options: png, svg or pdf.
extension FigureFormat: ExpressibleByArgument {}
/// `chorus sweep run --design`: grid, lhs, sobol or halton.
extension SweepSpec.Design: ExpressibleByArgument {}

/// `chorus analyze --format`: a debate-log format (`LogFormat`, with `mft` for `du`), or with
/// `--map` a sample-file syntax (`SampleFile.Syntax`). One option with both sets, checked against
/// `--map` in `AnalyzeCommand.validate()`.
enum InputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case du, mft, agora, jsonl, csv, tsv

    /// The debate-log format, or nil when the value is a sample-file syntax only.
    var logFormat: LogFormat? { self == .mft ? .du : LogFormat(rawValue: rawValue) }

    /// The sample-file syntax, or nil when the value is a debate-log format only.
    var sampleSyntax: SampleFile.Syntax? { SampleFile.Syntax(rawValue: rawValue) }

    /// The values that name debate-log formats, for the error of a wrong one.
    static var logFormatNames: String { LogFormat.allCases.map(\.rawValue).joined(separator: ", ") + " (or mft)" }

    /// The values that name sample-file syntaxes, for the error of a wrong one.
    static var sampleSyntaxNames: String { SampleFile.Syntax.allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A comma-separated list of values from a fixed set, e.g. `--formats png,pdf`. The values are
/// trimmed and lower-cased, empty ones skipped; a repeated value is kept once, in its first place;
/// an empty list or an unknown value is a usage error listing `Value`'s values.
struct ValueList<Value: ExpressibleByArgument & Equatable>: ExpressibleByArgument {
    var values: [Value]

    init(_ values: [Value]) { self.values = values }

    init?(argument: String) {
        var values: [Value] = []
        for part in argument.split(separator: ",") {
            guard let v = Value(argument: part.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            if !values.contains(v) { values.append(v) }
        }
        guard !values.isEmpty else { return nil }
        self.values = values
    }

    static var allValueStrings: [String] { Value.allValueStrings }

    var defaultValueDescription: String { values.map(\.defaultValueDescription).joined(separator: ",") }
}

/// `chorus sweep --claims`: `all`, `none`, or claim numbers, e.g. `1,3` (sorted).
enum ClaimSelection: Equatable {
    case all, none
    case numbers([Int])

    /// The claims judged at each point.
    var claims: [Int] {
        switch self {
        case .all: return SweepQuantities.claimNumbers
        case .none: return []
        case .numbers(let n): return n
        }
    }

    /// Why a value is not a selection; the argument parser prints it after the option and value.
    struct Invalid: Error, CustomStringConvertible { var description: String }

    /// Parses the option's value (`@Option(transform:)`, so that the error names the bad part).
    static func parse(_ text: String) throws -> ClaimSelection {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "all": return .all
        case "none": return .none
        default:
            let known = SweepQuantities.claimNumbers
            return .numbers(try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let t = part.trimmingCharacters(in: .whitespaces)
                guard let n = Int(t), known.contains(n) else {
                    throw Invalid(description: "'\(t)' is not a claim; give all, none, or claim numbers among \(known.map(String.init).joined(separator: ", ")) (docs/model.md §10)")
                }
                return n
            }.sorted())
        }
    }
}

/// `chorus validate --study N`: the number of one of `ValidationStudies.all`.
struct StudyNumber: ExpressibleByArgument, Equatable {
    var number: Int

    init?(argument: String) {
        guard let n = Int(argument), ValidationStudies.all.contains(where: { $0.number == n }) else { return nil }
        number = n
    }

    static var allValueStrings: [String] { ValidationStudies.all.map { String($0.number) } }

    var defaultValueDescription: String { String(number) }
}
