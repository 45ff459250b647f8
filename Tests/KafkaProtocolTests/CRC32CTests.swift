import KafkaProtocol
import Testing

@Suite struct CRC32CTests {
    @Test func matchesTheStandardCheckValue() {
        #expect(CRC32C.checksum(of: Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func continuingEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = CRC32C.checksum(of: bytes)
        let first = bytes[..<333].withUnsafeBytes { CRC32C.checksum($0) }
        let both = bytes[333...].withUnsafeBytes { CRC32C.checksum($0, continuing: first) }
        #expect(whole == both)
    }

    @Test func emptyInputIsZero() {
        #expect(CRC32C.checksum(of: [UInt8]()) == 0)
    }
}
