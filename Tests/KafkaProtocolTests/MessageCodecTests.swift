import KafkaProtocol
import NIOCore
import Testing

/// Every generated message of every API, at every version Kafka defines: a filled sample
/// encoded, decoded, encoded again; every strict prefix of it refused.
@Suite struct MessageCodecTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let apiKey: APIKey
        let version: Int16
        var testDescription: String { "\(apiKey) v\(version)" }
    }

    static let cases: [Case] = APIKey.allCases.flatMap { key in
        key.validVersions.map { Case(apiKey: key, version: $0) }
    }

    /// Encodes, decodes with the same type, re-encodes: the bytes must match and be used up.
    private func roundTrip<Message: KafkaMessage>(_ type: Message.Type, version: Int16) throws {
        let sample = SampleFiller.sample(type, version: version)
        var first = ByteBuffer()
        sample.encode(into: &first, version: version)
        var reading = first
        let decoded = try Message.decode(from: &reading, version: version)
        #expect(reading.readableBytes == 0, "decoding left bytes unread")
        #expect(decoded == sample)
        var second = ByteBuffer()
        decoded.encode(into: &second, version: version)
        #expect(first == second)
    }

    /// Every strict prefix of a message is an error, never a trap or a silent success.
    private func everyPrefixFails<Message: KafkaMessage>(_ type: Message.Type, version: Int16) {
        var whole = ByteBuffer()
        SampleFiller.sample(type, version: version).encode(into: &whole, version: version)
        for length in 0..<whole.readableBytes {
            var prefix = whole.getSlice(at: whole.readerIndex, length: length)!
            var threw = false
            do { _ = try Message.decode(from: &prefix, version: version) } catch { threw = true }
            #expect(threw, "a \(length)-byte prefix of \(whole.readableBytes) decoded")
        }
    }

    @Test(arguments: cases) func requestRoundTrips(_ testCase: Case) throws {
        try roundTrip(testCase.apiKey.requestType, version: testCase.version)
    }

    @Test(arguments: cases) func responseRoundTrips(_ testCase: Case) throws {
        try roundTrip(testCase.apiKey.responseType, version: testCase.version)
    }

    @Test(arguments: cases) func truncatedRequestsAreErrors(_ testCase: Case) {
        everyPrefixFails(testCase.apiKey.requestType, version: testCase.version)
    }

    @Test(arguments: cases) func truncatedResponsesAreErrors(_ testCase: Case) {
        everyPrefixFails(testCase.apiKey.responseType, version: testCase.version)
    }

    /// A filled sample differs in bytes from an empty message at every version where the
    /// message has a field: the filler reaches every field.
    @Test(arguments: cases) func samplesFillEveryField(_ testCase: Case) {
        func check<Message: KafkaMessage>(_ type: Message.Type) {
            var empty = ByteBuffer()
            Message().encode(into: &empty, version: testCase.version)
            var filled = ByteBuffer()
            SampleFiller.sample(type, version: testCase.version).encode(into: &filled, version: testCase.version)
            #expect(SampleFiller.fieldCount(type, version: testCase.version) == 0 || filled != empty)
        }
        check(testCase.apiKey.requestType)
        check(testCase.apiKey.responseType)
    }

    @Test func requestFrameRoundTripsThroughHeaderAndBody() throws {
        var metadata = MetadataRequest()
        metadata.topics = [.init(name: "moves")]
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
        #expect(body.topics?.map(\.name) == ["moves"])
    }

    @Test func unknownAPIKeyIsReportedWithItsHeader() {
        var frame = ByteBuffer()
        RequestHeader(apiKey: 999, apiVersion: 0, correlationId: 5, clientId: nil).encode(into: &frame)
        #expect(throws: KafkaProtocolError.unknownAPIKey(999)) { try KafkaRequest.decode(frame: frame) }
    }

    @Test func unsupportedVersionIsReported() {
        var frame = ByteBuffer()
        RequestHeader(apiKey: 18, apiVersion: 9, correlationId: 5, clientId: "rdkafka").encode(into: &frame)
        #expect(throws: KafkaProtocolError.unsupportedVersion(apiKey: 18, version: 9)) {
            try KafkaRequest.decode(frame: frame)
        }
    }

    @Test func versionsOutsideTheAcceptedRangeAreReported() {
        var frame = ByteBuffer()
        RequestHeader(apiKey: 0, apiVersion: 2, correlationId: 5, clientId: "old").encode(into: &frame)
        #expect(throws: KafkaProtocolError.unsupportedVersion(apiKey: 0, version: 2)) {
            try KafkaRequest.decode(frame: frame, acceptedVersions: { _ in 3...11 })
        }
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
