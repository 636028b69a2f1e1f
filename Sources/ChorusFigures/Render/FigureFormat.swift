import Foundation

/// Output file format. PNG and PDF are drawn through PLplot's cairo drivers; SVG through
/// PLplot's own `svg` driver, which keeps text as `<text>` elements (editable and searchable;
/// the cairo SVG driver writes glyph outlines). That driver writes font sizes as whole points
/// (truncated: 9.72 pt labels are 9 pt, 8.55 pt legends 8 pt; never under the 8 pt minimum,
/// see `Canvas.readable`) and names the generic family `sans-serif`.
public enum FigureFormat: String, Sendable, Hashable, CaseIterable {
    /// Raster PNG, vector SVG, vector PDF.
    case png, svg, pdf

    /// The PLplot device that writes the format.
    public var device: String {
        switch self {
        case .png: return "pngcairo"
        case .svg: return "svg"
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
