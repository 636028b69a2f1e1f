import Foundation
import ChorusRecords

/// A sample file read with a `SampleMap`.
public struct SampleFile: Sendable {
    /// One row per sample (long), or one column / nested object per model (wide: a wildcard map).
    public enum Layout: String, Sendable { case long, wide }
    /// JSON Lines (one object per line), comma- or tab-separated values with a header row.
    public enum Syntax: String, Sendable, CaseIterable { case jsonl, csv, tsv }

    public var path: String
    public var syntax: Syntax
    public var layout: Layout
    public var task: AnswerTask
    /// Why this task (given, or detected from the ground truths).
    public var taskReason: String
    public var samples: [SampleRecord]
    /// Models in order of first appearance.
    public var models: [String]
    /// Rows read (lines of JSON Lines, records of CSV).
    public var rows: Int
    /// Things the analysis goes on despite, each naming the file and line.
    public var warnings: [String]
}
