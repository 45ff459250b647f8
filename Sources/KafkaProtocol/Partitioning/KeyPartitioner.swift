/// Chooses a partition for a key as the Java client's default partitioner does, and librdkafka's
/// `murmur2` and `murmur2_random` partitioners (not its default, CRC32-based `consistent_random`).
///
/// Every Kibitz writer places keyed records with it, so a key lands on the same partition whoever
/// writes it: the embedded publishers, the stream processor's sinks and any Kafka client set to
/// the Java default (`partitioner=murmur2_random` for librdkafka-based clients).
public enum KeyPartitioner {
    /// The partition of `key` among `partitionCount` partitions (at least one).
    public static func partition(forKey key: some Sequence<UInt8>, partitionCount: Int32) -> Int32 {
        let hash =
            key.withContiguousStorageIfAvailable { murmur2(UnsafeRawBufferPointer($0)) }
            ?? Array(key).withUnsafeBytes { murmur2($0) }
        return partition(forHash: hash, partitionCount: partitionCount)
    }

    /// The partition of the key in `bytes` among `partitionCount` partitions (at least one).
    public static func partition(forKey bytes: UnsafeRawBufferPointer, partitionCount: Int32) -> Int32 {
        partition(forHash: murmur2(bytes), partitionCount: partitionCount)
    }

    /// Kafka's murmur2 (seed 0x9747b28c), byte for byte as in its `Utils.murmur2`, read as unsigned.
    public static func murmur2(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let multiplier: UInt32 = 0x5bd1_e995
        let shift: UInt32 = 24
        var hash: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: bytes.count)
        let wholeWords = bytes.count / 4
        for word in 0..<wholeWords {
            var k = bytes.loadUnaligned(fromByteOffset: word * 4, as: UInt32.self).littleEndian
            k = k &* multiplier
            k ^= k >> shift
            k = k &* multiplier
            hash = hash &* multiplier
            hash ^= k
        }
        let tail = wholeWords * 4
        switch bytes.count % 4 {
        case 3:
            hash ^= UInt32(bytes[tail + 2]) << 16
            fallthrough
        case 2:
            hash ^= UInt32(bytes[tail + 1]) << 8
            fallthrough
        case 1:
            hash ^= UInt32(bytes[tail])
            hash = hash &* multiplier
        default:
            break
        }
        hash ^= hash >> 13
        hash = hash &* multiplier
        hash ^= hash >> 15
        return hash
    }

    /// Java's `toPositive(hash) % partitionCount`: the sign bit is dropped, not the absolute value taken.
    private static func partition(forHash hash: UInt32, partitionCount: Int32) -> Int32 {
        precondition(partitionCount > 0, "a topic has at least one partition")
        return Int32((hash & 0x7fff_ffff) % UInt32(partitionCount))
    }
}
