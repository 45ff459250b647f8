import KafkaProtocol
import NIOCore
import Testing

/// Every message of every API, at every advertised version: encode, decode, encode again.
@Suite struct MessageCodecTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let apiKey: APIKey
        let version: Int16
        var testDescription: String { "\(apiKey) v\(version)" }
    }

    static let cases: [Case] = APIKey.allCases.flatMap { key in
        key.supportedVersions.map { Case(apiKey: key, version: $0) }
    }

    /// Encodes, decodes with the same type, re-encodes: the bytes must match and be used up.
    private func roundTrip<Message: KafkaCodable>(_ message: Message, version: Int16) throws {
        var first = ByteBuffer()
        message.encode(into: &first, version: version)
        var reading = first
        let decoded = try Message.decode(from: &reading, version: version)
        #expect(reading.readableBytes == 0, "decoding left bytes unread")
        var second = ByteBuffer()
        decoded.encode(into: &second, version: version)
        #expect(first == second)
    }

    /// Every strict prefix of a message is an error, never a trap or a silent success.
    private func everyPrefixFails<Message: KafkaCodable>(_ message: Message, version: Int16) {
        var whole = ByteBuffer()
        message.encode(into: &whole, version: version)
        for length in 0..<whole.readableBytes {
            var prefix = whole.getSlice(at: whole.readerIndex, length: length)!
            var threw = false
            do { _ = try Message.decode(from: &prefix, version: version) } catch { threw = true }
            // Messages whose trailing fields are all empty may decode from a prefix only if the
            // prefix is the whole message; any shorter prefix must fail.
            #expect(threw, "a \(length)-byte prefix of \(whole.readableBytes) decoded")
        }
    }

    @Test(arguments: cases) func requestRoundTrips(_ testCase: Case) throws {
        let sample = MessageSamples.requests()[testCase.apiKey]!
        try roundTrip(sample, version: testCase.version)
    }

    @Test(arguments: cases) func responseRoundTrips(_ testCase: Case) throws {
        let sample = MessageSamples.responses()[testCase.apiKey]!
        try roundTrip(sample, version: testCase.version)
    }

    @Test(arguments: cases) func truncatedRequestsAreErrors(_ testCase: Case) {
        everyPrefixFails(MessageSamples.requests()[testCase.apiKey]!, version: testCase.version)
    }

    @Test(arguments: cases) func truncatedResponsesAreErrors(_ testCase: Case) {
        everyPrefixFails(MessageSamples.responses()[testCase.apiKey]!, version: testCase.version)
    }

    @Test func requestFrameRoundTripsThroughHeaderAndBody() throws {
        var metadata = MetadataRequest()
        metadata.topics = ["moves"]
        let request = KafkaRequest(
            header: RequestHeader(apiKey: 3, apiVersion: 8, correlationId: 77, clientId: "kcat"),
            body: .metadata(metadata)
        )
        var frame = request.encodeFrame()
        let size = frame.readInteger(as: Int32.self)
        #expect(Int(size!) == frame.readableBytes)
        let decoded = try KafkaRequest.decode(frame: frame)
        #expect(decoded.header == request.header)
        guard case .metadata(let body) = decoded.body else {
            Issue.record("decoded as \(decoded.apiKey)")
            return
        }
        #expect(body.topics == ["moves"])
    }

    @Test func unknownAPIKeyIsReportedWithItsHeader() {
        var frame = ByteBuffer()
        RequestHeader(apiKey: 999, apiVersion: 0, correlationId: 5, clientId: nil).encode(into: &frame)
        #expect(throws: KafkaProtocolError.unknownAPIKey(999)) { try KafkaRequest.decode(frame: frame) }
    }

    @Test func unsupportedVersionIsReported() {
        var frame = ByteBuffer()
        RequestHeader(apiKey: 18, apiVersion: 4, correlationId: 5, clientId: "rdkafka").encode(into: &frame)
        #expect(throws: KafkaProtocolError.unsupportedVersion(apiKey: 18, version: 4)) {
            try KafkaRequest.decode(frame: frame)
        }
    }

    @Test func apiVersionsListsTheSupportedTable() {
        let response = ApiVersionsResponse(errorCode: .none)
        #expect(response.apiKeys.count == APIKey.allCases.count)
        let produce = response.apiKeys.first { $0.apiKey == APIKey.produce.rawValue }
        #expect(produce?.minVersion == 3)
        #expect(produce?.maxVersion == 8)
    }

    /// The bytes librdkafka 2.0.2 sends first: header version 2 with an empty tag section, then
    /// client_software_name "librdkafka", client_software_version "2.0.2" and no tags.
    @Test func decodesLibrdkafkasFlexibleApiVersionsRequest() throws {
        var frame = ByteBuffer(bytes: [0, 18, 0, 3, 0, 0, 0, 1, 0, 7])
        frame.writeString("rdkafka")
        frame.writeBytes([0, 11])
        frame.writeString("librdkafka")
        frame.writeBytes([6])
        frame.writeString("2.0.2")
        frame.writeBytes([0])
        let request = try KafkaRequest.decode(frame: frame)
        #expect(request.header.clientId == "rdkafka")
        guard case .apiVersions(let body) = request.body else {
            Issue.record("decoded as \(request.apiKey)")
            return
        }
        #expect(body.clientSoftwareName == "librdkafka")
        #expect(body.clientSoftwareVersion == "2.0.2")
    }

    @Test func unknownTaggedFieldsAreSkipped() throws {
        // A tag section with one field (tag 7, three bytes), then the body's two compact strings.
        var body = ByteBuffer(bytes: [2])
        body.writeString("a")
        body.writeBytes([2])
        body.writeString("b")
        body.writeBytes([1, 7, 3, 9, 9, 9])
        let request = try ApiVersionsRequest.decode(from: &body, version: 3)
        #expect(request.clientSoftwareName == "a" && request.clientSoftwareVersion == "b")
        #expect(body.readableBytes == 0)
    }

    @Test func hostileArrayCountIsRejectedWithoutAllocating() {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32.max)
        #expect(throws: KafkaProtocolError.self) { try DeleteTopicsRequest.decode(from: &buffer, version: 0) }
    }
}
