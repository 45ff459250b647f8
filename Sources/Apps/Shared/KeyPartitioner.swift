/// Chooses a partition for a key the way Kafka's Java and librdkafka's "murmur2_random"
/// partitioners do, so events published in-process land where an external producer's would.
public enum KeyPartitioner {
    /// The partition of `key` among `partitionCount` partitions.
    public static func partition(for key: [UInt8], partitionCount: Int32) -> Int32 {
        Int32((murmur2(key) & 0x7fff_ffff) % UInt32(partitionCount))
    }

    /// Kafka's murmur2 (seed 0x9747b28c), byte for byte as in its `Utils.murmur2`.
    static func murmur2(_ data: [UInt8]) -> UInt32 {
        let multiplier: UInt32 = 0x5bd1_e995
        let shift: UInt32 = 24
        var hash: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: data.count)
        let wholeWords = data.count / 4
        for word in 0..<wholeWords {
            let index = word * 4
            var k =
                UInt32(data[index]) | UInt32(data[index + 1]) << 8 | UInt32(data[index + 2]) << 16
                | UInt32(data[index + 3]) << 24
            k = k &* multiplier
            k ^= k >> shift
            k = k &* multiplier
            hash = hash &* multiplier
            hash ^= k
        }
        let tail = wholeWords * 4
        switch data.count % 4 {
        case 3:
            hash ^= UInt32(data[tail + 2]) << 16
            fallthrough
        case 2:
            hash ^= UInt32(data[tail + 1]) << 8
            fallthrough
        case 1:
            hash ^= UInt32(data[tail])
            hash = hash &* multiplier
        default:
            break
        }
        hash ^= hash >> 13
        hash = hash &* multiplier
        hash ^= hash >> 15
        return hash
    }
}
