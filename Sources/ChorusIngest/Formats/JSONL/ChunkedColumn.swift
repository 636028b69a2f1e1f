/// A growable column of values stored in chunks of 65,536: appending never moves what is
/// already stored, so a large column costs its values' bytes (plus at most one partly filled
/// chunk), not the up to three times that of a doubling `Array` while it reallocates
/// (`JSONLDebateStream.readIndexed`'s index of the lines of a large log).
/// - Complexity: `append` and the subscript O(1).
struct ChunkedColumn<Element> {
    private static var shift: Int { 16 }
    private static var mask: Int { (1 << shift) - 1 }
    private var chunks: [[Element]] = []
    /// The number of values stored.
    private(set) var count = 0

    /// Adds `value` at the end.
    mutating func append(_ value: Element) {
        if count & Self.mask == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.mask + 1)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(value)
        count += 1
    }

    /// The value at `i` (0 ..< `count`).
    subscript(i: Int) -> Element {
        get { chunks[i >> Self.shift][i & Self.mask] }
        set { chunks[i >> Self.shift][i & Self.mask] = newValue }
    }
}
