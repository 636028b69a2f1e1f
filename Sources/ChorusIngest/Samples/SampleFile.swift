import Foundation
import ChorusRecords

/// A sample file read with a `SampleMap`.
public struct SampleFile: Sendable {
    /// One row per sample (long), or one column / nested object per model (wide: a wildcard map).
    public enum Layout: String, Sendable {
        /// One row (line) per sample.
        case long
        /// One column or nested object per model in each row; the map has a `*` wildcard.
        case wide
    }
    /// JSON Lines (one object per line), comma- or tab-separated values with a header row.
    public enum Syntax: String, Sendable, CaseIterable {
        /// JSON Lines: one object per line.
        case jsonl
        /// Comma-separated values (RFC 4180) with a header row.
        case csv
        /// Tab-separated values with a header row.
        case tsv
    }

    /// The file's path.
    public var path: String
    /// The file's syntax (from its extension, or given).
    public var syntax: Syntax
    /// Long or wide, from the map.
    public var layout: Layout
    /// The answer task used to extract and judge answers.
    public var task: AnswerTask
    /// Why this task (given, or detected from the ground truths).
    public var taskReason: String
    /// Every sample read, in file order.
    public var samples: [SampleRecord]
    /// Models in order of first appearance.
    public var models: [String]
    /// Rows read (lines of JSON Lines, records of CSV).
    public var rows: Int
    /// Things the analysis goes on despite, each naming the file and line.
    public var warnings: [String]
}
