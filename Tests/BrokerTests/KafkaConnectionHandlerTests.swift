import Broker
import KafkaProtocol
import NIOCore
import NIOEmbedded
import Testing

/// The broker's connection pipeline on an `EmbeddedChannel`: framing, answer order, the in-flight
/// cap and what unreadable or oversized frames get.
@Suite struct KafkaConnectionHandlerTests {
    typealias Connection = EmbeddedBrokerConnection

    @Test func requestFedByteByByteIsAnsweredOnceWhole() throws {
        let connection = try Connection()
        let (frame, correlationId) = connection.frame(.apiVersions(ApiVersionsRequest()), version: 2)
        try connection.writeByteByByte(frame.getSlice(at: frame.readerIndex, length: frame.readableBytes - 1)!)
        #expect(try connection.answers().isEmpty)

        try connection.channel.writeInbound(frame.getSlice(at: frame.writerIndex - 1, length: 1)!)
        var answers = try connection.answers()
        #expect(answers.map(\.correlationId) == [correlationId])
        let versions = try ApiVersionsResponse.decode(from: &answers[0].body, version: 2)
        #expect(versions.errorCode == ErrorCode.none.rawValue)
        #expect(versions.apiKeys.map(\.apiKey) == ServedVersions.table.keys.map(\.rawValue).sorted())
        #expect(answers[0].body.readableBytes == 0)
        #expect(connection.channel.isActive)
    }

    @Test func answersLeaveInRequestOrderWhenALaterOneIsReadyFirst() throws {
        let connection = try Connection()
        let fetch = connection.frame(Connection.longPollFetch(maxWaitMs: 500), version: 4)
        let versions = connection.frame(.apiVersions(ApiVersionsRequest()), version: 2)
        let metadata = connection.frame(.metadata(MetadataRequest(topics: nil)), version: 1)
        var pipelined = fetch.bytes
        pipelined.writeImmutableBuffer(versions.bytes)
        pipelined.writeImmutableBuffer(metadata.bytes)
        try connection.writeByteByByte(pipelined)

        // ApiVersions and Metadata are answered at once, but wait behind the Fetch's long poll.
        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(499))
        #expect(try connection.answers().isEmpty)

        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        var answers = try connection.answers()
        #expect(answers.map(\.correlationId) == [fetch.correlationId, versions.correlationId, metadata.correlationId])
        let fetched = try FetchResponse.decode(from: &answers[0].body, version: 4)
        #expect(fetched.responses.map(\.topic) == ["moves"])
        #expect(fetched.responses.first?.partitions.first?.errorCode == ErrorCode.none.rawValue)
        #expect(fetched.responses.first?.partitions.first?.records?.readableBytes == 0)
        let apiVersions = try ApiVersionsResponse.decode(from: &answers[1].body, version: 2)
        #expect(apiVersions.errorCode == ErrorCode.none.rawValue)
        let topics = try MetadataResponse.decode(from: &answers[2].body, version: 1)
        #expect(topics.topics.map(\.name) == ["moves"])
    }

    @Test func inFlightCapHoldsReadsBackUntilAnAnswerGoes() throws {
        let connection = try Connection { $0.maximumInFlightRequestsPerConnection = 2 }
        let counter = connection.readCounter
        let first = connection.frame(Connection.longPollFetch(maxWaitMs: 100), version: 4)
        try connection.channel.writeInbound(first.bytes)
        let readsBefore = counter.reads
        connection.channel.read()
        #expect(counter.reads == readsBefore + 1, "one request in flight, under the cap: reads go on")

        let second = connection.frame(Connection.longPollFetch(maxWaitMs: 200), version: 4)
        try connection.channel.writeInbound(second.bytes)
        connection.channel.read()
        connection.channel.read()
        #expect(counter.reads == readsBefore + 1, "two in flight: the socket is not read")

        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
        #expect(try connection.answers().map(\.correlationId) == [first.correlationId])
        #expect(counter.reads == readsBefore + 2, "the held-back read goes once an answer leaves")

        connection.channel.read()
        #expect(counter.reads == readsBefore + 3)
        connection.channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
        #expect(try connection.answers().map(\.correlationId) == [second.correlationId])
    }

    @Test func newerApiVersionsGetsTheVersionTableWithUnsupportedVersion() throws {
        let connection = try Connection()
        let (frame, correlationId) = connection.frame(.apiVersions(ApiVersionsRequest()), version: 99)
        try connection.writeByteByByte(frame)

        var answers = try connection.answers()
        #expect(answers.map(\.correlationId) == [correlationId])
        // KIP-511: the answer is at version 0, which every client can read, so it can retry lower.
        let versions = try ApiVersionsResponse.decode(from: &answers[0].body, version: 0)
        #expect(versions.errorCode == ErrorCode.unsupportedVersion.rawValue)
        #expect(versions.apiKeys.map(\.apiKey) == ServedVersions.table.keys.map(\.rawValue).sorted())
        #expect(connection.channel.isActive)
    }

    @Test func unreadableRequestClosesTheConnectionWithoutAnAnswer() throws {
        let connection = try Connection()
        let fetch = connection.frame(Connection.longPollFetch(maxWaitMs: 300), version: 4)
        try connection.channel.writeInbound(fetch.bytes)
        var garbage = ByteBuffer()
        garbage.writeInteger(Int32(12))
        garbage.writeBytes([0x7F, 0x7F, 0x00, 0x01, 0xDE, 0xAD, 0xBE, 0xEF, 0xFF, 0xFF, 0xFF, 0xFF])
        try connection.channel.writeInbound(garbage)

        #expect(!connection.channel.isActive)
        #expect(try connection.answers().isEmpty)
    }

    @Test(arguments: [Int32(4_097), Int32.max, -1])
    func frameSizeOutOfBoundsClosesTheConnectionBeforeItsBody(size: Int32) throws {
        let connection = try Connection { $0.maximumFrameSize = 4_096 }
        let versions = connection.frame(.apiVersions(ApiVersionsRequest()), version: 2)
        try connection.channel.writeInbound(versions.bytes)
        #expect(try connection.answers().map(\.correlationId) == [versions.correlationId])

        var prefix = ByteBuffer()
        prefix.writeInteger(size)
        try connection.writeByteByByte(prefix)
        #expect(!connection.channel.isActive)
        #expect(try connection.answers().isEmpty)
    }

    @Test func frameOfTheLargestSizeAllowedIsRead() throws {
        let connection = try Connection { $0.maximumFrameSize = 4_096 }
        let bare = connection.frame(.apiVersions(ApiVersionsRequest()), version: 2, clientId: "")
        // The client id fills the frame up to the limit exactly.
        let clientId = String(repeating: "k", count: 4_096 - (bare.bytes.readableBytes - 4))
        let (frame, correlationId) = connection.frame(
            .apiVersions(ApiVersionsRequest()),
            version: 2,
            clientId: clientId
        )
        #expect(frame.getInteger(at: frame.readerIndex, as: Int32.self) == 4_096)
        try connection.channel.writeInbound(frame)
        #expect(try connection.answers().map(\.correlationId) == [correlationId])
        #expect(connection.channel.isActive)
    }
}
