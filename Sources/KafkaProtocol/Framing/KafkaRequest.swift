import NIOCore

/// A decoded request: the header and the body of whichever API it calls.
public struct KafkaRequest: Sendable {
    /// The body of a request, one case per API of `APIKey`.
    public enum Body: Sendable {
        case produce(ProduceRequest)
        case fetch(FetchRequest)
        case listOffsets(ListOffsetsRequest)
        case metadata(MetadataRequest)
        case offsetCommit(OffsetCommitRequest)
        case offsetFetch(OffsetFetchRequest)
        case findCoordinator(FindCoordinatorRequest)
        case joinGroup(JoinGroupRequest)
        case heartbeat(HeartbeatRequest)
        case leaveGroup(LeaveGroupRequest)
        case syncGroup(SyncGroupRequest)
        case describeGroups(DescribeGroupsRequest)
        case listGroups(ListGroupsRequest)
        case apiVersions(ApiVersionsRequest)
        case createTopics(CreateTopicsRequest)
        case deleteTopics(DeleteTopicsRequest)
        case initProducerId(InitProducerIdRequest)
    }

    public var header: RequestHeader
    public var body: Body

    public init(header: RequestHeader, body: Body) {
        self.header = header
        self.body = body
    }

    /// The API this request calls.
    public var apiKey: APIKey { body.apiKey }

    /// Reads a whole request frame (without its size prefix).
    ///
    /// Throws `KafkaProtocolError.unknownAPIKey` or `.unsupportedVersion` with the header already
    /// read, so that the caller can still answer with the right correlation id.
    public static func decode(frame: ByteBuffer) throws -> KafkaRequest {
        var buffer = frame
        let header = try RequestHeader.decode(from: &buffer)
        guard let apiKey = APIKey(rawValue: header.apiKey) else {
            throw KafkaProtocolError.unknownAPIKey(header.apiKey)
        }
        guard apiKey.supportedVersions.contains(header.apiVersion) else {
            throw KafkaProtocolError.unsupportedVersion(apiKey: header.apiKey, version: header.apiVersion)
        }
        let body = try Body.decode(apiKey: apiKey, version: header.apiVersion, from: &buffer)
        return KafkaRequest(header: header, body: body)
    }

    /// The frame of this request, size prefix included, as a client sends it.
    public func encodeFrame() -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(0))
        header.encode(into: &buffer)
        body.encode(into: &buffer, version: header.apiVersion)
        buffer.setInteger(Int32(buffer.readableBytes - 4), at: 0)
        return buffer
    }
}

extension KafkaRequest.Body {
    /// The API of this body.
    public var apiKey: APIKey {
        switch self {
        case .produce: .produce
        case .fetch: .fetch
        case .listOffsets: .listOffsets
        case .metadata: .metadata
        case .offsetCommit: .offsetCommit
        case .offsetFetch: .offsetFetch
        case .findCoordinator: .findCoordinator
        case .joinGroup: .joinGroup
        case .heartbeat: .heartbeat
        case .leaveGroup: .leaveGroup
        case .syncGroup: .syncGroup
        case .describeGroups: .describeGroups
        case .listGroups: .listGroups
        case .apiVersions: .apiVersions
        case .createTopics: .createTopics
        case .deleteTopics: .deleteTopics
        case .initProducerId: .initProducerId
        }
    }

    /// The message inside, for encoding.
    public var message: any KafkaCodable {
        switch self {
        case .produce(let message): message
        case .fetch(let message): message
        case .listOffsets(let message): message
        case .metadata(let message): message
        case .offsetCommit(let message): message
        case .offsetFetch(let message): message
        case .findCoordinator(let message): message
        case .joinGroup(let message): message
        case .heartbeat(let message): message
        case .leaveGroup(let message): message
        case .syncGroup(let message): message
        case .describeGroups(let message): message
        case .listGroups(let message): message
        case .apiVersions(let message): message
        case .createTopics(let message): message
        case .deleteTopics(let message): message
        case .initProducerId(let message): message
        }
    }

    static func decode(apiKey: APIKey, version: Int16, from buffer: inout ByteBuffer) throws -> Self {
        switch apiKey {
        case .produce: .produce(try .decode(from: &buffer, version: version))
        case .fetch: .fetch(try .decode(from: &buffer, version: version))
        case .listOffsets: .listOffsets(try .decode(from: &buffer, version: version))
        case .metadata: .metadata(try .decode(from: &buffer, version: version))
        case .offsetCommit: .offsetCommit(try .decode(from: &buffer, version: version))
        case .offsetFetch: .offsetFetch(try .decode(from: &buffer, version: version))
        case .findCoordinator: .findCoordinator(try .decode(from: &buffer, version: version))
        case .joinGroup: .joinGroup(try .decode(from: &buffer, version: version))
        case .heartbeat: .heartbeat(try .decode(from: &buffer, version: version))
        case .leaveGroup: .leaveGroup(try .decode(from: &buffer, version: version))
        case .syncGroup: .syncGroup(try .decode(from: &buffer, version: version))
        case .describeGroups: .describeGroups(try .decode(from: &buffer, version: version))
        case .listGroups: .listGroups(try .decode(from: &buffer, version: version))
        case .apiVersions: .apiVersions(try .decode(from: &buffer, version: version))
        case .createTopics: .createTopics(try .decode(from: &buffer, version: version))
        case .deleteTopics: .deleteTopics(try .decode(from: &buffer, version: version))
        case .initProducerId: .initProducerId(try .decode(from: &buffer, version: version))
        }
    }

    func encode(into buffer: inout ByteBuffer, version: Int16) {
        message.encode(into: &buffer, version: version)
    }
}
