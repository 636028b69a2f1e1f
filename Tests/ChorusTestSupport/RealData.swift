import Foundation
import Testing

/// The real debate logs that the real-data tests read in place (third-party data, never copied
/// into the repository).
///
/// The folder is `$CHORUS_REALDATA` when that variable is set, otherwise `shared/realdata` in the
/// folder that holds the repository (`../shared/realdata` from the package root). Tests that
/// need it carry `.requiresRealData(...)`: where the logs are absent they are reported as
/// skipped, with the reason, instead of passing without checking anything.
public enum RealData {
    /// The environment variable that names the folder.
    public static let variable = "CHORUS_REALDATA"

    /// The folder of the real logs.
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return Paths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata", isDirectory: true)
    }

    /// One log of the folder.
    public static func url(_ file: String) -> URL { directory.appendingPathComponent(file) }

    /// True when every named log is readable (with no names: when the folder exists).
    public static func has(_ files: [String]) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return files.allSatisfy { FileManager.default.isReadableFile(atPath: url($0).path) }
    }

    /// Why a real-data test did not run.
    public static func absent(_ files: [String]) -> Comment {
        let what = files.isEmpty ? "no folder \(directory.path)" : "\(files.joined(separator: ", ")) not in \(directory.path)"
        return Comment(rawValue: "real debate logs absent: \(what); set \(variable) to the folder of the real logs to run this test")
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where the named real logs (or, with none named, the folder) are
    /// present; elsewhere Swift Testing reports it as skipped, with `RealData.absent` as the reason.
    public static func requiresRealData(_ files: String...) -> Self {
        .enabled(if: RealData.has(files), RealData.absent(files))
    }
}

extension Tag {
    /// Tests that read the real debate logs of `RealData`.
    @Tag public static var realData: Self
    /// Tests that run the paper preset at full size (minutes in a debug build); opt-in.
    @Tag public static var paperScale: Self
}
