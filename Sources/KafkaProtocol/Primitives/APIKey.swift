/// The Kafka APIs this broker answers, each with the versions it supports.
///
/// This table is the single statement of what the broker speaks: it drives request parsing, the
/// ApiVersions answer and the codec tests. All ranges but ApiVersions' stop before the first
/// flexible version, which librdkafka 2.x and kafka-python 2.x both negotiate down from; the
/// handshake itself speaks version 3, so librdkafka's first request needs no retry.
public enum APIKey: Int16, CaseIterable, Sendable {
    case produce = 0
    case fetch = 1
    case listOffsets = 2
    case metadata = 3
    case offsetCommit = 8
    case offsetFetch = 9
    case findCoordinator = 10
    case joinGroup = 11
    case heartbeat = 12
    case leaveGroup = 13
    case syncGroup = 14
    case describeGroups = 15
    case listGroups = 16
    case apiVersions = 18
    case createTopics = 19
    case deleteTopics = 20
    case initProducerId = 22

    /// The versions this broker reads and answers.
    public var supportedVersions: ClosedRange<Int16> {
        switch self {
        case .produce: 3...8
        case .fetch: 4...11
        case .listOffsets: 1...5
        case .metadata: 0...8
        case .offsetCommit: 2...7
        case .offsetFetch: 1...5
        case .findCoordinator: 0...2
        case .joinGroup: 0...5
        case .heartbeat: 0...3
        case .leaveGroup: 0...3
        case .syncGroup: 0...3
        case .describeGroups: 0...4
        case .listGroups: 0...2
        case .apiVersions: 0...3
        case .createTopics: 0...4
        case .deleteTopics: 0...3
        case .initProducerId: 0...1
        }
    }

    /// The first version that uses the flexible encoding of KIP-482 (compact lengths, tagged fields).
    public var firstFlexibleVersion: Int16 {
        switch self {
        case .produce: 9
        case .fetch: 12
        case .listOffsets: 6
        case .metadata: 9
        case .offsetCommit: 8
        case .offsetFetch: 6
        case .findCoordinator: 3
        case .joinGroup: 6
        case .heartbeat: 4
        case .leaveGroup: 4
        case .syncGroup: 4
        case .describeGroups: 5
        case .listGroups: 3
        case .apiVersions: 3
        case .createTopics: 5
        case .deleteTopics: 4
        case .initProducerId: 2
        }
    }

    /// Whether `version` of this API uses the flexible encoding.
    public func isFlexible(version: Int16) -> Bool { version >= firstFlexibleVersion }
}
