import Foundation

/// One legend entry: a sample (band box, line, marker) and a label.
struct LegendEntry {
    var label: String
    var colour: RGB
    var lineStyle: LineStyle = .solid
    var lineWidth: Double = 1
    var showLine = true
    var marker: Marker? = nil
    /// Opacity of a band box behind the sample; nil = no box.
    var bandOpacity: Double? = nil
    /// A solid box (bar charts) instead of a line.
    var solidBox = false
}

/// Lays out and draws a legend in page millimetres.
struct LegendLayout {
    private(set) var entries: [LegendEntry]
    let canvas: Canvas
    /// Label text size (shrinks when the widest entry does not fit, see `fit(width:)`).
    var textScale = 0.95

    var h: Double { canvas.charHeight }
    var sampleWidth: Double { 2.8 * h }
    var rowHeight: Double { 1.75 * h }
    var columnGap: Double { 1.6 * h }

    /// Width of one entry: sample, gap, label.
    func entryWidth(_ e: LegendEntry) -> Double {
        // 3% slack: the widths are exact for DejaVu Sans only.
        sampleWidth + 0.6 * h + 1.03 * canvas.textWidth(e.label, scale: textScale)
    }
    var widest: Double { entries.map(entryWidth).max() ?? 0 }

    /// Shrinks the labels (down to 0.6 of the base size) so the widest entry fits in `width`.
    mutating func fit(width: Double) {
        guard let longest = entries.map({ canvas.textWidth($0.label) }).max(), longest > 0 else { return }
        let room = (width - sampleWidth - 0.6 * h) / 1.03
        if longest * textScale > room { textScale = canvas.readable(max(0.6, room / longest)) }
        // Still too long at the smallest size: cut with an ellipsis.
        for i in entries.indices where canvas.textWidth(entries[i].label, scale: textScale) > room {
            var label = entries[i].label
            while label.count > 1 && canvas.textWidth(label + "…", scale: textScale) > room { label.removeLast() }
            entries[i].label = label.trimmingCharacters(in: .whitespaces) + "…"
        }
    }

    /// Widths of the columns when the entries fill `columns` columns row by row.
    func columnWidths(_ columns: Int) -> [Double] {
        var w = [Double](repeating: 0, count: max(1, columns))
        for (i, e) in entries.enumerated() { w[i % w.count] = max(w[i % w.count], entryWidth(e)) }
        return w
    }

    /// The most columns (at most the number of entries) whose total width fits in `width`.
    func columns(fitting width: Double) -> Int {
        guard !entries.isEmpty else { return 1 }
        for c in stride(from: entries.count, to: 1, by: -1) where self.width(columns: c) <= width { return c }
        return 1
    }
    func rows(columns: Int) -> Int { (entries.count + columns - 1) / max(1, columns) }

    /// Height of the block with `columns` columns.
    func height(columns: Int) -> Double { Double(rows(columns: columns)) * rowHeight }
    func width(columns: Int) -> Double {
        columnWidths(columns).reduce(0, +) + Double(max(0, columns - 1)) * columnGap
    }

    /// Draws the entries row by row with the block's top-left corner at (x, yTop).
    /// `framed` puts a white box with a grey border behind it (for legends inside the plot).
    func draw(x: Double, yTop: Double, columns: Int, framed: Bool) {
        guard !entries.isEmpty else { return }
        canvas.usePage()
        if framed {
            let pad = 0.6 * h
            let box = Rect(x0: x - pad, y0: yTop - height(columns: columns) - pad,
                           x1: x + width(columns: columns) + pad, y1: yTop + pad)
            canvas.colour(.white, alpha: 0.92)
            canvas.rectangle(box)
            canvas.colour(RGB(hex: 0xB0B0B0))
            canvas.width(0.5)
            canvas.style(.solid)
            canvas.line([box.x0, box.x1, box.x1, box.x0, box.x0], [box.y0, box.y0, box.y1, box.y1, box.y0])
        }
        let widths = columnWidths(columns)
        for (i, e) in entries.enumerated() {
            let col = i % columns, row = i / columns
            let x0 = x + widths[..<col].reduce(0, +) + Double(col) * columnGap
            let yc = yTop - (Double(row) + 0.5) * rowHeight
            drawSample(e, x0: x0, yc: yc)
            canvas.colour(.black)
            canvas.text(e.label, x: x0 + sampleWidth + 0.6 * h, y: yc, just: 0, scale: textScale)
        }
    }

    private func drawSample(_ e: LegendEntry, x0: Double, yc: Double) {
        let x1 = x0 + sampleWidth
        if e.solidBox {
            canvas.colour(e.colour)
            canvas.rectangle(Rect(x0: x0 + 0.5 * h, y0: yc - 0.5 * h, x1: x1 - 0.5 * h, y1: yc + 0.5 * h))
            return
        }
        if let a = e.bandOpacity {
            canvas.colour(e.colour, alpha: a)
            canvas.rectangle(Rect(x0: x0, y0: yc - 0.55 * h, x1: x1, y1: yc + 0.55 * h))
        }
        if e.showLine {
            canvas.colour(e.colour)
            canvas.width(e.lineWidth)
            canvas.style(e.lineStyle)
            canvas.line([x0, x1], [yc, yc])
            canvas.style(.solid)
        }
        if let m = e.marker {
            canvas.colour(e.colour)
            canvas.markers([(x0 + x1) / 2], [yc], marker: m, scale: 0.8)
        }
    }
}
