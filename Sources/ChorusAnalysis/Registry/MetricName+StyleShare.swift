import Foundation

extension MetricName {
    /// The name of agent `agent`'s share of reasoning style `style` in role `role` (generator |
    /// critic): `style_share.<role>.agent<i>.style<s>` (`styleSharePattern`). The simulator
    /// writes these (`StyleShares`); the figures read them back with `parseStyleShare`.
    public static func styleShare(role: String, agent: Int, style: Int) -> String {
        "style_share.\(role).agent\(agent).style\(style)"
    }

    /// The (role, agent, style) of a style-share name, or nil when `name` is not one (exactly
    /// the form `styleShare` writes: role generator or critic, non-negative integers).
    public static func parseStyleShare(_ name: String) -> (role: String, agent: Int, style: Int)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "style_share", parts[1] == "generator" || parts[1] == "critic",
              parts[2].hasPrefix("agent"), parts[3].hasPrefix("style"),
              let agent = Int(parts[2].dropFirst(5)), let style = Int(parts[3].dropFirst(5)),
              agent >= 0, style >= 0, name == styleShare(role: String(parts[1]), agent: agent, style: style) else { return nil }
        return (String(parts[1]), agent, style)
    }
}
