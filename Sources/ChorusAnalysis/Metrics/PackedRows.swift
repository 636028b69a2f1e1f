/// Rows of a fixed number of `Double` columns kept exactly in less memory: a palette of the
/// distinct values (by bit pattern) and one byte per value while there are at most 256 of them,
/// no bytes at all while there is only one, and plain `Double`s once there are more.
///
/// `RoundAccumulator` keeps its per-question values here (issue 10, bounded memory). The
/// per-question metrics of answers take few distinct values (0, 1, k/n, the entropies of the
/// partitions of n agents, "absent"), so a row of them costs one byte a column instead of
/// eight, and a column that never varies (the text metrics of a log without text) costs
/// nothing. Reading returns the very bits written (NaN payloads and −0 included), so the
/// estimators see the same numbers as before and give the same results bit for bit.
///
/// Memory: `width` bytes a row while the palette has 2–256 values, 0 with one value, `8·width`
/// after it overflows (the earlier rows are widened once); plus 8 bytes a palette entry.
/// - Complexity: `append` is O(width · palette) (≤ 256 comparisons a value) until the palette
///   overflows, O(width) after; reading is O(1).
struct PackedRows: Sendable {
    /// Values a row.
    let width: Int
    /// Rows stored.
    private(set) var count = 0
    /// The distinct bit patterns seen, in order of first appearance (≤ 256 while `wide` is nil).
    private var palette: [UInt64] = []
    /// Palette indices, `width` a row; empty while the palette has one value.
    private var codes: [UInt8] = []
    /// Every value as written, once the palette overflowed.
    private var wide: [Double]? = nil

    init(width: Int) {
        precondition(width > 0)
        self.width = width
    }

    /// Appends one row of `width` values.
    mutating func append(_ row: [Double]) {
        precondition(row.count == width)
        defer { count += 1 }
        if wide != nil { wide!.append(contentsOf: row); return }
        var rowCodes = [UInt8](repeating: 0, count: width)
        for (c, x) in row.enumerated() {
            let bits = x.bitPattern
            if let i = palette.firstIndex(of: bits) { rowCodes[c] = UInt8(i); continue }
            if palette.count == 256 { widen(); wide!.append(contentsOf: row); return }
            if palette.count == 1 { codes = [UInt8](repeating: 0, count: count * width) }
            rowCodes[c] = UInt8(palette.count)
            palette.append(bits)
        }
        if palette.count > 1 { codes.append(contentsOf: rowCodes) }
    }

    /// Replaces the codes by the values (the palette is full).
    private mutating func widen() {
        var w = [Double]()
        w.reserveCapacity((count + 1) * width)
        for i in 0..<count * width { w.append(Double(bitPattern: palette[codes.isEmpty ? 0 : Int(codes[i])])) }
        wide = w
        codes = []
        palette = []
    }

    /// The value of `row`, `column`: the same bits as appended.
    subscript(row: Int, column: Int) -> Double {
        precondition(row >= 0 && row < count && column >= 0 && column < width)
        let i = row * width + column
        if let wide { return wide[i] }
        return Double(bitPattern: palette[codes.isEmpty ? 0 : Int(codes[i])])
    }

    /// Bytes held by the arrays' elements (for tests and documentation; capacity not counted).
    var storedBytes: Int { palette.count * 8 + codes.count + (wide?.count ?? 0) * 8 }
}
