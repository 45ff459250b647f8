/// What the Build a Nation shop sells; each has its own purchase endpoint, `/purchase_a_<item>`.
public enum ShopItem: String, CaseIterable, Codable, Sendable {
    case sword
    case horse
    case shield

    /// The endpoint's path, without the leading slash.
    public var purchasePath: String { "purchase_a_" + rawValue }
}
