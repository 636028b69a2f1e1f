import Foundation

extension LineChart {
    /// Checks the data before anything is drawn.
    /// - Throws: `FigureError.invalidData` naming the chart, the series and the problem.
    public func validate() throws {
        func fail(_ s: String, _ r: String) -> FigureError { .invalidData(chart: title, series: s, reason: r) }
        guard !series.isEmpty else { throw fail("", "the chart has no series") }
        for (i, s) in series.enumerated() {
            let name = s.name.isEmpty ? "#\(i + 1)" : s.name
            guard !s.x.isEmpty else { throw fail(name, "the series is empty") }
            guard s.x.count == s.y.count else {
                throw fail(name, "x has \(s.x.count) values but y has \(s.y.count)")
            }
            if let j = s.x.firstIndex(where: { !$0.isFinite }) { throw fail(name, "x[\(j)] = \(s.x[j]) is not finite") }
            if let j = s.y.firstIndex(where: { $0.isInfinite }) { throw fail(name, "y[\(j)] = \(s.y[j]) is infinite (use NaN for a gap)") }
            guard s.y.contains(where: { $0.isFinite }) else { throw fail(name, "no finite y value") }
            switch (s.lower, s.upper) {
            case (nil, nil): break
            case (let lo?, let hi?):
                guard lo.count == s.x.count, hi.count == s.x.count else {
                    throw fail(name, "band has \(lo.count) lower and \(hi.count) upper values for \(s.x.count) points")
                }
                for j in 0..<lo.count {
                    guard !lo[j].isInfinite, !hi[j].isInfinite else { throw fail(name, "band at point \(j) is infinite") }
                    if lo[j].isFinite, hi[j].isFinite, lo[j] > hi[j] {
                        throw fail(name, "band at point \(j): lower \(lo[j]) > upper \(hi[j])")
                    }
                }
            default: throw fail(name, "a band needs both lower and upper values")
            }
            guard s.lineWidth.isFinite, s.lineWidth > 0 else { throw fail(name, "line width must be > 0, got \(s.lineWidth)") }
            guard s.bandOpacity >= 0, s.bandOpacity <= 1 else { throw fail(name, "band opacity must be in [0, 1], got \(s.bandOpacity)") }
            if xAxis.scale == .log10, let j = s.x.firstIndex(where: { $0 <= 0 }) {
                throw fail(name, "x[\(j)] = \(s.x[j]) cannot go on a log axis")
            }
            if yAxis.scale == .log10 {
                let all = s.y + (s.lower ?? []) + (s.upper ?? [])
                if let v = all.first(where: { $0.isFinite && $0 <= 0 }) { throw fail(name, "y value \(v) cannot go on a log axis") }
            }
        }
        for r in references {
            let name = r.label ?? "reference line"
            switch r.kind {
            case .horizontal(let v):
                guard v.isFinite, yAxis.scale == .linear || v > 0 else { throw fail(name, "invalid horizontal line y = \(v)") }
            case .vertical(let v):
                guard v.isFinite, xAxis.scale == .linear || v > 0 else { throw fail(name, "invalid vertical line x = \(v)") }
            case .diagonal(let a, let b):
                guard a.isFinite, b.isFinite else { throw fail(name, "invalid line y = \(a)·x + \(b)") }
            }
            guard r.lineWidth.isFinite, r.lineWidth > 0 else { throw fail(name, "line width must be > 0") }
        }
        try Self.check(xAxis, "x", chart: title)
        try Self.check(yAxis, "y", chart: title)
    }

    static func check(_ a: Axis, _ which: String, chart: String) throws {
        guard let r = a.range else { return }
        guard r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound < r.upperBound else {
            throw FigureError.invalidData(chart: chart, series: "\(which) axis", reason: "range \(r) must be finite and non-empty")
        }
        if a.scale == .log10, r.lowerBound <= 0 {
            throw FigureError.invalidData(chart: chart, series: "\(which) axis", reason: "log axis range \(r) must be positive")
        }
    }
}

extension BarChart {
    /// Checks the data before anything is drawn. A NaN value draws no bar (missing cell).
    /// - Throws: `FigureError.invalidData` naming the chart, the group and the problem.
    public func validate() throws {
        func fail(_ s: String, _ r: String) -> FigureError { .invalidData(chart: title, series: s, reason: r) }
        guard !categories.isEmpty else { throw fail("", "the bar chart has no categories") }
        guard !groups.isEmpty else { throw fail("", "the bar chart has no groups") }
        for (i, g) in groups.enumerated() {
            let name = g.name.isEmpty ? "#\(i + 1)" : g.name
            guard g.values.count == categories.count else {
                throw fail(name, "\(g.values.count) values for \(categories.count) categories")
            }
            if let j = g.values.firstIndex(where: { $0.isInfinite }) { throw fail(name, "value \(j) is infinite") }
            switch (g.lower, g.upper) {
            case (nil, nil): break
            case (let lo?, let hi?):
                guard lo.count == categories.count, hi.count == categories.count else {
                    throw fail(name, "error bars have \(lo.count) lower and \(hi.count) upper values for \(categories.count) categories")
                }
                for j in 0..<lo.count {
                    guard !lo[j].isInfinite, !hi[j].isInfinite else { throw fail(name, "error bar \(j) is infinite") }
                    if lo[j].isFinite, hi[j].isFinite, lo[j] > hi[j] { throw fail(name, "error bar \(j): lower > upper") }
                }
            default: throw fail(name, "error bars need both lower and upper values")
            }
        }
        if let r = yRange, !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
            throw fail("y axis", "range \(r) must be finite and non-empty")
        }
        let all = groups.flatMap { $0.values + ($0.lower ?? []) + ($0.upper ?? []) }
        guard all.contains(where: { $0.isFinite }) || yRange != nil else { throw fail("", "no finite value") }
    }
}

extension FigureGrid {
    /// Checks the grid shape and every panel.
    public func validate() throws {
        guard rows >= 1, columns >= 1, rows <= 20, columns <= 20 else {
            throw FigureError.invalidLayout("grid must have 1...20 rows and columns, got \(rows)×\(columns)")
        }
        guard !panels.isEmpty else { throw FigureError.invalidLayout("grid has no panels") }
        guard panels.count <= rows * columns else {
            throw FigureError.invalidLayout("\(panels.count) panels do not fit in a \(rows)×\(columns) grid")
        }
        for p in panels {
            switch p {
            case .line(let c): try c.validate()
            case .bar(let b): try b.validate()
            case .heatMap(let m): try m.validate()
            case .empty: break
            }
        }
    }
}

extension HeatMap {
    /// Checks the shape and values before anything is drawn. NaN = missing cell.
    /// - Throws: `FigureError.invalidData` naming the heat map, the row and the problem.
    public func validate() throws {
        func fail(_ s: String, _ r: String) -> FigureError { .invalidData(chart: title, series: s, reason: r) }
        guard !columns.isEmpty, !rows.isEmpty else { throw fail("", "a heat map needs at least one row and one column") }
        guard values.count == rows.count else { throw fail("", "\(values.count) rows of values for \(rows.count) row labels") }
        for (i, row) in values.enumerated() {
            guard row.count == columns.count else {
                throw fail("row \(rows[i])", "\(row.count) values for \(columns.count) columns")
            }
            if let j = row.firstIndex(where: { $0.isInfinite }) { throw fail("row \(rows[i])", "value in column \(columns[j]) is infinite") }
        }
        if let labels = cellLabels {
            guard labels.count == rows.count, labels.allSatisfy({ $0.count == columns.count }) else {
                throw fail("", "cell labels must have the shape of the values (\(rows.count)×\(columns.count))")
            }
        }
        if let r = range, !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
            throw fail("colour scale", "range \(r) must be finite and non-empty")
        }
        guard centre.isFinite else { throw fail("colour scale", "centre must be finite") }
    }
}
