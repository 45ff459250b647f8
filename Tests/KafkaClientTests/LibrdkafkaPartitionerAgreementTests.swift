import CRdKafka
import KafkaProtocol
import Testing

/// Kibitz's writers must place a key where librdkafka's Java-compatible partitioner does, or a
/// key produced by a client and the same key written by a pipeline sink end up on different
/// partitions and joins on them break.
@Suite struct LibrdkafkaPartitionerAgreementTests {
    static let partitionCounts: [Int32] = [1, 2, 3, 4, 6, 7, 12, 16, 31, 100, 1_000]

    /// Empty, short, word-aligned and unaligned, binary with zeros and high bytes, unicode, long.
    static let keys: [[UInt8]] = {
        var keys: [[UInt8]] = [
            [],
            [0],
            [0xFF],
            [0x00, 0x00, 0x00, 0x00],
            [0x80, 0x7F, 0xFF, 0x01, 0x00],
            Array(0...255),
            Array("game-1".utf8),
            Array("21".utf8),
            Array("foobar".utf8),
            Array("Grüße, 世界 ♞ 🏎️".utf8),
            Array(String(repeating: "a-long-key-", count: 400).utf8),
        ]
        // Many ordinary ids, every length from 0 to 40 bytes included.
        for index in 0..<2_000 { keys.append(Array("game-\(index)".utf8)) }
        for length in 0...40 { keys.append((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) }) }
        return keys
    }()

    @Test(arguments: partitionCounts)
    func everyKeyLandsWhereLibrdkafkaMurmur2PutsIt(partitionCount: Int32) {
        for key in Self.keys {
            let expected = key.withUnsafeBytes { bytes in
                // The murmur2 partitioner reads neither the topic nor the opaques.
                rd_kafka_msg_partitioner_murmur2(nil, bytes.baseAddress, bytes.count, partitionCount, nil, nil)
            }
            let chosen = KeyPartitioner.partition(forKey: key, partitionCount: partitionCount)
            #expect(chosen == expected, "key \(key.prefix(16)) of \(key.count) bytes, \(partitionCount) partitions")
        }
    }

    @Test func librdkafkasDefaultPartitionerDisagreesSoClientsMustChooseMurmur2() {
        // Why the docs tell clients to set partitioner=murmur2_random: consistent_random (CRC32)
        // puts many keys elsewhere.
        let differing = Self.keys.filter { key in
            key.withUnsafeBytes { bytes in
                rd_kafka_msg_partitioner_consistent(nil, bytes.baseAddress, bytes.count, 12, nil, nil)
                    != KeyPartitioner.partition(forKey: bytes, partitionCount: 12)
            }
        }
        #expect(differing.count > Self.keys.count / 2)
    }
}
