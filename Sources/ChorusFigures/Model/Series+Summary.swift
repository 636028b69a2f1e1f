import ChorusStats

extension Series {
    /// A series of means with their confidence intervals as the band, from `Describe`'s
    /// summaries (one per x): y = mean, band = [lower, upper].
    public init(_ name: String, x: [Double], summaries: [Summary], colour: RGB? = nil,
                lineStyle: LineStyle = .solid, marker: Marker? = nil) {
        self.init(name, x: x, y: summaries.map(\.mean), lower: summaries.map(\.lower),
                  upper: summaries.map(\.upper), colour: colour, lineStyle: lineStyle, marker: marker)
    }
}
