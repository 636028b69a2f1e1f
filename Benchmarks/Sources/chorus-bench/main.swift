// chorus-bench: runs benchmarks by name. One file per benchmark; register it in `benchmarks`.
//
//   chorus-bench            run every benchmark (sorted by name)
//   chorus-bench NAME...    run the named ones
//   chorus-bench --list     list the names
//
// Output: one tab-separated line per measurement (see Harness.swift), consumed by run.sh.

import Foundation

/// Every benchmark, by name. To add one: write `func myBenchmark() throws -> [Measurement]` in
/// its own file (e.g. `DebateBenchmark.swift`) and add `"debate": myBenchmark` here.
let benchmarks: [String: () throws -> [Measurement]] = [
    "generator": generatorBenchmark,
    "categorical": categoricalBenchmark,
    "estimators": estimatorBenchmark,
    "paper": paperBenchmark,
    "ingest": ingestBenchmark,
    "run": runBenchmark,
    "sweep": sweepBenchmark,
    "samples": samplesBenchmark,
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--list"] {
    for name in benchmarks.keys.sorted() { print(name) }
} else {
    let names = arguments.isEmpty ? benchmarks.keys.sorted() : arguments
    var failed = false
    for name in names {
        guard let run = benchmarks[name] else {
            printError("chorus-bench: unknown benchmark '\(name)'; known: \(benchmarks.keys.sorted().joined(separator: ", "))")
            failed = true
            continue
        }
        do {
            for m in try run() { print(m.line(group: name)) }
        } catch {
            printError("chorus-bench: \(name) failed: \(error)")
            failed = true
        }
    }
    if failed { exit(1) }
}
