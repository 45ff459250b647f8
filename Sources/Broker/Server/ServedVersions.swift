import KafkaProtocol

/// The APIs this broker answers and the versions of each: the ApiVersions answer, and what
/// requests are read at all (anything else closes the connection, as Kafka does).
///
/// Each range is Kafka's own (`APIKey.validVersions`, from the schemas) cut where this broker
/// lacks what a version means: Fetch 13 and later name topics by id, which this broker does not
/// give. Produce before 3 and Fetch before 4 carry the old message formats, converted to and from
/// record batches (`LegacyMessageSet`) as Kafka 3.x converts them.
public enum ServedVersions {
    public static let table: [APIKey: ClosedRange<Int16>] = [
        .produce: 0...11,
        .fetch: 0...12,
        .listOffsets: 0...6,
        .metadata: 0...12,
        .offsetCommit: 0...8,
        .offsetFetch: 0...8,
        .findCoordinator: 0...4,
        .joinGroup: 0...9,
        .heartbeat: 0...4,
        .leaveGroup: 0...5,
        .syncGroup: 0...5,
        .describeGroups: 0...5,
        .listGroups: 0...4,
        .apiVersions: 0...4,
        .createTopics: 0...7,
        .deleteTopics: 0...6,
        .initProducerId: 0...4,
        .addPartitionsToTxn: 0...3,
        .addOffsetsToTxn: 0...4,
        .endTxn: 0...4,
        .txnOffsetCommit: 0...4,
        .offsetForLeaderEpoch: 0...4,
        .deleteGroups: 0...2,
        .offsetDelete: 0...0,
        .describeCluster: 0...1,
        .describeConfigs: 0...4,
        .alterConfigs: 0...2,
        .incrementalAlterConfigs: 0...1,
        .createPartitions: 0...3,
        .deleteRecords: 0...2,
        // Listed from 0 because librdkafka finds SASL support only in a range that holds 0; a
        // version 0 handshake (raw tokens after it, outside Kafka's framing) is refused, and
        // clients since Kafka 1.0 use 1 (SaslAuthenticate).
        .saslHandshake: 0...1,
        .saslAuthenticate: 0...2,
        .describeUserScramCredentials: 0...0,
        .alterUserScramCredentials: 0...0,
    ]

    /// The versions of `api` this broker reads, nil when it does not serve the API.
    public static func versions(of api: APIKey) -> ClosedRange<Int16>? { table[api] }

    /// The ApiVersions answer listing every served API, in key order.
    public static func apiVersionsResponse(errorCode: ErrorCode) -> ApiVersionsResponse {
        ApiVersionsResponse(
            errorCode: errorCode.rawValue,
            apiKeys: table.keys.sorted { $0.rawValue < $1.rawValue }.map {
                .init(apiKey: $0.rawValue, minVersion: table[$0]!.lowerBound, maxVersion: table[$0]!.upperBound)
            }
        )
    }
}
