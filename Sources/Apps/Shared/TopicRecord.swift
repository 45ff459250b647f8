/// The one type of a topic's records: its JSON schema (explicit snake_case keys) and the topic's
/// name, used alike by the publisher, the pipelines, the tests and the page checks.
public protocol TopicRecord: Codable, Sendable {
    /// The topic the records are published to.
    static var topic: String { get }
}
