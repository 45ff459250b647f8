/// A page of an app as the site lists it: an entry of every page's navigation and a card on the
/// home page.
public struct SitePage: Sendable {
    /// Where the page is, e.g. `/chess/dashboard`.
    public var path: String
    /// The navigation entry's text.
    public var label: String
    /// The home page card's heading.
    public var title: String
    /// The card's text (HTML).
    public var summary: String
    /// The topics the page shows, named on its card.
    public var topics: [String]
    /// The card's icon: the inner markup of a 24×24 stroked SVG (paths, circles).
    public var icon: String

    public init(path: String, label: String, title: String, summary: String, topics: [String], icon: String) {
        self.path = path
        self.label = label
        self.title = title
        self.summary = summary
        self.topics = topics
        self.icon = icon
    }
}
