import KafkaProtocol
import NIOCore
import Testing

@Suite struct VarintTests {
    static let int32Boundaries: [Int32] = [0, -1, 1, 63, -64, 64, -65, 8191, -8192, .max, .min, .max - 1, .min + 1]
    static let int64Boundaries: [Int64] = [
        0, -1, 1, 63, -64, 64, Int64(Int32.max), Int64(Int32.min), .max, .min, .max - 1, .min + 1,
    ]

    @Test(arguments: int32Boundaries)
    func varintRoundTrips(_ value: Int32) throws {
        var buffer = ByteBuffer()
        let written = buffer.writeVarint(value)
        #expect(written == Varint.encodedLength(of: value))
        #expect(buffer.readableBytes == written)
        #expect(try buffer.readVarint() == value)
        #expect(buffer.readableBytes == 0)
    }

    @Test(arguments: int64Boundaries)
    func varlongRoundTrips(_ value: Int64) throws {
        var buffer = ByteBuffer()
        let written = buffer.writeVarlong(value)
        #expect(written == Varint.encodedLength(of: value))
        #expect(try buffer.readVarlong() == value)
        #expect(buffer.readableBytes == 0)
    }

    @Test func knownEncodings() {
        func bytes(_ value: Int64) -> [UInt8] {
            var buffer = ByteBuffer()
            buffer.writeVarlong(value)
            return Array(buffer.readableBytesView)
        }
        #expect(bytes(0) == [0x00])
        #expect(bytes(-1) == [0x01])
        #expect(bytes(1) == [0x02])
        #expect(bytes(-64) == [0x7F])
        #expect(bytes(64) == [0x80, 0x01])
        #expect(bytes(300) == [0xD8, 0x04])
        #expect(bytes(.min) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(Varint.encodedLength(of: Int32.min) == 5)
        #expect(Varint.encodedLength(of: Int64.max) == 10)
    }

    @Test func zigZagMapsSmallMagnitudesToSmallCodes() {
        #expect(Varint.zigZagEncoded(Int32(0)) == 0)
        #expect(Varint.zigZagEncoded(Int32(-1)) == 1)
        #expect(Varint.zigZagEncoded(Int32(1)) == 2)
        #expect(Varint.zigZagEncoded(Int32.min) == UInt32.max)
        #expect(Varint.zigZagDecoded(UInt64.max) == Int64.min)
    }

    @Test func truncatedInputThrowsAndLeavesTheReaderIndex() {
        var buffer = ByteBuffer(bytes: [0x80, 0x80])
        #expect(throws: VarintError.truncated) { try buffer.readVarint() }
        #expect(throws: VarintError.truncated) { try buffer.readVarlong() }
        #expect(buffer.readerIndex == 0)
        var empty = ByteBuffer()
        #expect(throws: VarintError.truncated) { try empty.readVarint() }
    }

    @Test func overlongInputThrows() {
        var varint = ByteBuffer(bytes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x00])
        #expect(throws: VarintError.overlong) { try varint.readVarint() }
        var varlong = ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: 10) + [0x00])
        #expect(throws: VarintError.overlong) { try varlong.readVarlong() }
    }

    @Test func valuesWiderThanTheIntegerThrow() {
        // A fifth byte may only carry 4 bits of an Int32; a tenth only 1 bit of an Int64.
        var varint = ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x1F])
        #expect(throws: VarintError.outOfRange) { try varint.readVarint() }
        var varlong = ByteBuffer(bytes: [UInt8](repeating: 0xFF, count: 9) + [0x02])
        #expect(throws: VarintError.outOfRange) { try varlong.readVarlong() }
    }

    @Test func getDoesNotMoveTheReaderIndex() throws {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt8(7))
        buffer.writeVarint(-300)
        let (value, length) = try buffer.getVarint(at: 1)
        #expect(value == -300)
        #expect(length == 2)
        #expect(buffer.readerIndex == 0)
        #expect(throws: VarintError.truncated) { try buffer.getVarint(at: 3) }
    }

    @Test func randomGarbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0...12, using: &generator)
            var buffer = ByteBuffer(bytes: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
            _ = try? buffer.readVarint()
            _ = try? buffer.readVarlong()
        }
    }
}
