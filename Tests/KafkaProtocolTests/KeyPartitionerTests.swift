import KafkaProtocol
import Testing

@Suite struct KeyPartitionerTests {
    /// The cases of Kafka's own `UtilsTest.testMurmur2`, as the Java client's signed results.
    static let javaMurmur2Cases: [(key: String, hash: Int32)] = [
        ("21", -973_932_308),
        ("foobar", -790_332_482),
        ("a-little-bit-long-string", -985_981_536),
        ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
        ("abc", 479_470_107),
    ]

    @Test(arguments: javaMurmur2Cases)
    func murmur2MatchesTheJavaClient(key: String, hash: Int32) {
        let computed = Array(key.utf8).withUnsafeBytes { KeyPartitioner.murmur2($0) }
        #expect(Int32(bitPattern: computed) == hash)
    }

    @Test(arguments: javaMurmur2Cases)
    func partitionDropsTheSignBitAsJavaToPositiveDoes(key: String, hash: Int32) {
        for partitionCount: Int32 in [1, 2, 3, 7, 12, 100] {
            let expected = (hash & 0x7fff_ffff) % partitionCount
            #expect(KeyPartitioner.partition(forKey: Array(key.utf8), partitionCount: partitionCount) == expected)
        }
    }

    @Test func everyByteSequenceGivesTheSameAnswer() {
        let key = Array("game-4711-ü".utf8)
        let contiguous = KeyPartitioner.partition(forKey: key, partitionCount: 12)
        let raw = key.withUnsafeBytes { KeyPartitioner.partition(forKey: $0, partitionCount: 12) }
        // A lazy map has no contiguous storage, so the copying path is taken.
        let lazy = KeyPartitioner.partition(forKey: key.lazy.map { $0 }, partitionCount: 12)
        #expect(contiguous == raw)
        #expect(contiguous == lazy)
    }
}
