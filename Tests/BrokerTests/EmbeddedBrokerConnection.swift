import Broker
import EventLog
import Foundation
import KafkaProtocol
import NIOCore
import NIOEmbedded

/// One client connection to a real `KafkaServer`'s pipeline on an `EmbeddedChannel`, over a fresh
/// event log with one empty topic, `moves`: time moves only when the test says.
final class EmbeddedBrokerConnection {
    /// Counts the reads that reach the socket end of the pipeline, which every handler may hold back.
    final class ReadCounter: ChannelOutboundHandler {
        typealias OutboundIn = ByteBuffer
        private(set) var reads = 0

        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    let channel = EmbeddedChannel()
    let readCounter = ReadCounter()
    private let directory: String
    private let log: EventLog
    private var nextCorrelationId: Int32 = 1

    init(configure: (inout BrokerConfiguration) -> Void = { _ in }) throws {
        directory = NSTemporaryDirectory() + "broker-tests-" + UUID().uuidString
        log = try EventLog(
            directory: directory,
            configuration: EventLog.Configuration(flushPolicy: .never, retentionCheckIntervalMilliseconds: nil)
        )
        try log.createTopic("moves", partitions: 1)
        var configuration = BrokerConfiguration(port: 0)
        configure(&configuration)
        let server = try KafkaServer(configuration: configuration, log: log, eventLoopGroup: channel.embeddedEventLoop)
        try channel.pipeline.syncOperations.addHandler(readCounter)
        try server.addConnectionHandlers(to: channel)
        channel.remoteAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 40_000)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9092)).wait()
    }

    deinit {
        _ = try? channel.finish(acceptAlreadyClosed: true)
        log.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The frame of a request with the next correlation id, size prefix included, and that id.
    func frame(
        _ body: KafkaRequest.Body,
        version: Int16,
        clientId: String = "embedded-test"
    ) -> (bytes: ByteBuffer, correlationId: Int32) {
        let correlationId = nextCorrelationId
        nextCorrelationId += 1
        let header = RequestHeader(
            apiKey: body.apiKey.rawValue,
            apiVersion: version,
            correlationId: correlationId,
            clientId: clientId
        )
        return (KafkaRequest(header: header, body: body).encodeFrame(), correlationId)
    }

    /// A Fetch of `moves` from offset 0 that waits up to `maxWaitMs` for one byte: the topic is empty.
    static func longPollFetch(maxWaitMs: Int32) -> KafkaRequest.Body {
        var request = FetchRequest()
        request.maxWaitMs = maxWaitMs
        request.minBytes = 1
        request.topics = [
            .init(topic: "moves", partitions: [.init(partition: 0, fetchOffset: 0, partitionMaxBytes: 1 << 20)])
        ]
        return .fetch(request)
    }

    /// Writes `bytes` into the pipeline one byte at a time, as a slow network delivers them.
    func writeByteByByte(_ bytes: ByteBuffer) throws {
        for byte in bytes.readableBytesView {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
    }

    /// Every answer written so far: its correlation id and its body, size prefix checked and removed.
    func answers() throws -> [(correlationId: Int32, body: ByteBuffer)] {
        var answers: [(correlationId: Int32, body: ByteBuffer)] = []
        while var frame = try channel.readOutbound(as: ByteBuffer.self) {
            guard let size = frame.readInteger(as: Int32.self), Int(size) == frame.readableBytes,
                let correlationId = frame.readInteger(as: Int32.self)
            else { throw AnswerError.malformedFrame }
            answers.append((correlationId, frame))
        }
        return answers
    }

    enum AnswerError: Error {
        case malformedFrame
    }
}
