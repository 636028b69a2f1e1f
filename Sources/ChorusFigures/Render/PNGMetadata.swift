import Foundation

/// Writes a PNG's resolution: the cairo drivers write no `pHYs` chunk, so viewers and
/// typesetters would assume 72 or 96 dpi and print a 300 dpi figure four times too large.
enum PNGMetadata {
    /// Inserts (or replaces) the `pHYs` chunk right after `IHDR`: pixels per metre on both
    /// axes = round(dpi / 0.0254), unit 1 (metre). PNG specification (ISO/IEC 15948) §11.3.5.3.
    /// - Throws: `FigureError.plplot` when the file is not a PNG written by the driver.
    static func setResolution(dpi: Int, ofFileAt url: URL) throws {
        var data = try Data(contentsOf: url)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count > 33, Array(data.prefix(8)) == signature, String(decoding: data[12..<16], as: UTF8.self) == "IHDR" else {
            throw FigureError.plplot("\(url.path) is not a PNG file")
        }
        // Remove an existing pHYs chunk (none from cairo; kept general).
        var offset = 8
        while offset + 12 <= data.count {
            let length = Int(bigEndian(data, offset))
            let type = String(decoding: data[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type == "pHYs" { data.removeSubrange(offset..<(offset + 12 + length)); continue }
            if type == "IDAT" || type == "IEND" { break }
            offset += 12 + length
        }
        let ppm = UInt32((Double(dpi) / 0.0254).rounded())
        var chunk = Data()
        var body = Data("pHYs".utf8)
        body.append(contentsOf: bytes(ppm) + bytes(ppm) + [1])
        chunk.append(contentsOf: bytes(9))
        chunk.append(body)
        chunk.append(contentsOf: bytes(crc32(body)))
        data.insert(contentsOf: chunk, at: 8 + 25)   // signature, then IHDR (4 + 4 + 13 + 4 bytes)
        try data.write(to: url)
    }

    /// The resolution recorded in a PNG's `pHYs` chunk, in dots per inch (nil if absent).
    static func resolution(ofFileAt url: URL) -> Double? {
        guard let data = try? Data(contentsOf: url), data.count > 8 else { return nil }
        var offset = 8
        while offset + 12 <= data.count {
            let length = Int(bigEndian(data, offset))
            let type = String(decoding: data[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if type == "pHYs", length == 9, data[offset + 16] == 1 {
                return Double(bigEndian(data, offset + 8)) * 0.0254
            }
            if type == "IDAT" { return nil }
            offset += 12 + length
        }
        return nil
    }

    private static func bigEndian(_ d: Data, _ i: Int) -> UInt32 {
        let b = d.startIndex + i
        return UInt32(d[b]) << 24 | UInt32(d[b + 1]) << 16 | UInt32(d[b + 2]) << 8 | UInt32(d[b + 3])
    }

    private static func bytes(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    /// CRC-32 (ISO 3309, polynomial 0xEDB88320, reflected), as PNG chunks use it.
    static func crc32(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }
}
