/// Clipping in world coordinates before data reach PLplot, which converts world coordinates to
/// 32-bit device integers (a point far outside the window would overflow). The clip window is
/// the plot's window widened by one span on every side, so what is visible is unchanged
/// (PLplot then clips exactly to the plot).
enum Clip {
    /// The plot window widened by its own size on each side.
    static func guardWindow(_ w: Rect) -> Rect {
        let dx = w.x1 - w.x0, dy = w.y1 - w.y0
        return Rect(x0: w.x0 - dx, y0: w.y0 - dy, x1: w.x1 + dx, y1: w.y1 + dy)
    }

    /// Liang–Barsky: the part of segment p→q inside `r`, or nil.
    static func segment(_ p: (Double, Double), _ q: (Double, Double), _ r: Rect) -> ((Double, Double), (Double, Double))? {
        var t0 = 0.0, t1 = 1.0
        let dx = q.0 - p.0, dy = q.1 - p.1
        for (pk, qk) in [(-dx, p.0 - r.x0), (dx, r.x1 - p.0), (-dy, p.1 - r.y0), (dy, r.y1 - p.1)] {
            if pk == 0 { if qk < 0 { return nil } else { continue } }
            let t = qk / pk
            if pk < 0 { if t > t1 { return nil }; t0 = max(t0, t) }
            else { if t < t0 { return nil }; t1 = min(t1, t) }
        }
        return ((p.0 + t0 * dx, p.1 + t0 * dy), (p.0 + t1 * dx, p.1 + t1 * dy))
    }

    /// A polyline cut to `r`: the visible pieces, each with at least two points.
    static func polyline(_ x: [Double], _ y: [Double], _ r: Rect) -> [([Double], [Double])] {
        var out: [([Double], [Double])] = []
        var cx: [Double] = [], cy: [Double] = []
        func flush() { if cx.count >= 2 { out.append((cx, cy)) }; cx = []; cy = [] }
        for i in 1..<max(1, x.count) {
            guard let (a, b) = segment((x[i - 1], y[i - 1]), (x[i], y[i]), r) else { flush(); continue }
            if let lx = cx.last, let ly = cy.last, lx == a.0, ly == a.1 {
                cx.append(b.0); cy.append(b.1)
            } else {
                flush()
                cx = [a.0, b.0]; cy = [a.1, b.1]
            }
            // A segment leaving the window ends the piece.
            if b.0 != x[i] || b.1 != y[i] { flush() }
        }
        flush()
        return out
    }

    /// Sutherland–Hodgman: polygon clipped to `r` (may be empty).
    static func polygon(_ x: [Double], _ y: [Double], _ r: Rect) -> ([Double], [Double]) {
        var pts = Array(zip(x, y))
        let edges: [((Double, Double)) -> Bool] = [{ $0.0 >= r.x0 }, { $0.0 <= r.x1 }, { $0.1 >= r.y0 }, { $0.1 <= r.y1 }]
        let cuts: [((Double, Double), (Double, Double)) -> (Double, Double)] = [
            { p, q in let t = (r.x0 - p.0) / (q.0 - p.0); return (r.x0, p.1 + t * (q.1 - p.1)) },
            { p, q in let t = (r.x1 - p.0) / (q.0 - p.0); return (r.x1, p.1 + t * (q.1 - p.1)) },
            { p, q in let t = (r.y0 - p.1) / (q.1 - p.1); return (p.0 + t * (q.0 - p.0), r.y0) },
            { p, q in let t = (r.y1 - p.1) / (q.1 - p.1); return (p.0 + t * (q.0 - p.0), r.y1) },
        ]
        for (inside, cut) in zip(edges, cuts) {
            guard !pts.isEmpty else { break }
            var next: [(Double, Double)] = []
            var prev = pts[pts.count - 1]
            for cur in pts {
                if inside(cur) {
                    if !inside(prev) { next.append(cut(prev, cur)) }
                    next.append(cur)
                } else if inside(prev) {
                    next.append(cut(prev, cur))
                }
                prev = cur
            }
            pts = next
        }
        return (pts.map(\.0), pts.map(\.1))
    }

    static func contains(_ r: Rect, _ x: Double, _ y: Double) -> Bool {
        x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
    }
}
