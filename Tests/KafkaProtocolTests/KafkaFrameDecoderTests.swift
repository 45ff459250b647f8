import KafkaProtocol
import NIOCore
import NIOTestUtils
import Testing

@Suite struct KafkaFrameDecoderTests {
    private func frame(_ payload: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(payload.count))
        buffer.writeBytes(payload)
        return buffer
    }

    @Test func framesSurviveEverySplit() throws {
        let payloads: [[UInt8]] = [[1, 2, 3], [], Array(repeating: 7, count: 300)]
        let pairs = payloads.map { (frame($0), [ByteBuffer(bytes: $0)]) }
        // The verifier feeds the input whole, byte by byte, and in random chunks.
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: pairs,
            decoderFactory: { KafkaFrameDecoder() }
        )
    }

    @Test func oversizedFrameIsAnError() {
        var decoder = KafkaFrameDecoder(maximumFrameSize: 16)
        var buffer = frame(Array(repeating: 0, count: 17))
        #expect(throws: KafkaProtocolError.frameTooLarge(size: 17, maximum: 16)) {
            try decoder.decode(buffer: &buffer)
        }
    }

    @Test func negativeSizeIsAnError() {
        var decoder = KafkaFrameDecoder()
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(-5))
        #expect(throws: KafkaProtocolError.self) { try decoder.decode(buffer: &buffer) }
    }
}
