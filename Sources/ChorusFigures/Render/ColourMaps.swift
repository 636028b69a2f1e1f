import Foundation

/// Continuous colour scales, by linear interpolation between anchor colours.
enum ColourMaps {
    /// Viridis (van der Walt & Smith, matplotlib 2015) at 0, 1/8, …, 1.
    static let viridis: [RGB] = [0x440154, 0x472C7A, 0x3B528B, 0x2C728E, 0x21918C,
                                 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725].map { RGB(hex: $0) }
    /// ColorBrewer RdBu (7 classes), blue (low) to red (high), white in the middle.
    static let diverging: [RGB] = [0x2166AC, 0x67A9CF, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7,
                                   0xEF8A62, 0xB2182B].map { RGB(hex: $0) }

    /// The colour at t in [0, 1] (clamped) along `anchors`.
    static func colour(_ t: Double, _ anchors: [RGB]) -> RGB {
        let u = min(1, max(0, t.isFinite ? t : 0)) * Double(anchors.count - 1)
        let i = min(anchors.count - 2, Int(u.rounded(.down)))
        let f = u - Double(i)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * f).rounded()) }
        let a = anchors[i], b = anchors[i + 1]
        return RGB(mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue))
    }

    /// Relative luminance (sRGB, ITU-R BT.709 weights, no gamma): picks black or white text.
    static func isDark(_ c: RGB) -> Bool {
        0.2126 * Double(c.red) + 0.7152 * Double(c.green) + 0.0722 * Double(c.blue) < 140
    }
}
