import ChorusFigures

/// Small multiples for the command-specific figures that are not (yet) among `chorus figures`'
/// run kinds (`compare`'s per-round panels, `analyze --map`'s pass@k): one panel per line, at
/// most two columns, the size growing with the rows; more than `maxPanels` panels are cut, and
/// the title says so (the tables have every group).
enum PanelGrid {
    static let maxPanels = 40

    static func grid(_ all: [Panel], title allTitle: String) -> (FigureGrid, FigureSize) {
        let panels = Array(all.prefix(maxPanels))
        // Shortened (parenthetical dropped) so that the note fits on the figure's width.
        let head = allTitle.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? allTitle
        let title = all.count > maxPanels ? "\(head) — first \(maxPanels) of \(all.count) groups" : allTitle
        let columns = min(2, panels.count)
        let rows = (panels.count + columns - 1) / columns
        let cells = panels + Array(repeating: Panel.empty, count: rows * columns - panels.count)
        let width = columns == 1 ? 1100 : 1800
        return (FigureGrid(rows: rows, columns: columns, panels: cells, title: title),
                FigureSize(width: width, height: 120 + 620 * rows))
    }

    /// The x range of a per-round panel (`FitCommand.roundRange`).
    static func roundRange(_ maxRound: Int) -> ClosedRange<Double> { FitCommand.roundRange(maxRound) }
}
