import Foundation

/// Output file format, drawn through PLplot's cairo drivers.
public enum FigureFormat: String, Sendable, Hashable, CaseIterable {
    case png, svg, pdf

    /// The PLplot device that writes the format.
    public var device: String {
        switch self {
        case .png: return "pngcairo"
        case .svg: return "svgcairo"
        case .pdf: return "pdfcairo"
        }
    }

    /// The format named by a path's extension (case-insensitive).
    /// - Throws: `FigureError.unknownFormat` for any other extension.
    public init(path: URL) throws {
        let ext = path.pathExtension.lowercased()
        guard let f = FigureFormat(rawValue: ext) else {
            throw FigureError.unknownFormat(path: path.path, fileExtension: path.pathExtension)
        }
        self = f
    }
}
