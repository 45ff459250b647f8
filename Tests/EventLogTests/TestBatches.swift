import Foundation
import KafkaProtocol
import NIOCore

/// Builds real RecordBatch v2 bytes: a header written by `RecordBatchHeader.write`, well-formed
/// records filling `payloadSize` bytes, and the CRC-32C over bytes [21, end).
enum TestBatches {
    static func batch(
        records: Int32 = 1,
        payloadSize: Int = 100,
        timestamp: Int64 = 1_700_000_000_000,
        producerId: Int64 = -1,
        epoch: Int16 = -1,
        sequence: Int32 = -1,
        transactional: Bool = false,
        fill: UInt8 = 0x61
    ) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: RecordBatchHeader.size + payloadSize)
        let header = RecordBatchHeader(
            baseOffset: 0,
            batchLength: Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead + payloadSize),
            attributes: RecordBatchAttributes(compression: .none, isTransactional: transactional),
            lastOffsetDelta: records - 1,
            baseTimestamp: timestamp,
            maxTimestamp: timestamp,
            producerId: producerId,
            producerEpoch: epoch,
            baseSequence: sequence,
            recordCount: records
        )
        header.write(to: &buffer)
        let baseSize = payloadSize / Int(records)
        for index in 0..<Int(records) {
            let size = index == Int(records) - 1 ? payloadSize - baseSize * (Int(records) - 1) : baseSize
            buffer.writeBytes(record(offsetDelta: index, size: size, fill: fill))
        }
        precondition(buffer.readableBytes == RecordBatchHeader.size + payloadSize)
        let crc = buffer.withUnsafeReadableBytes { bytes in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[RecordBatchHeader.attributesOffset...]))
        }
        buffer.setInteger(crc, at: RecordBatchHeader.crcOffset)
        return buffer
    }

    /// One well-formed record of exactly `size` encoded bytes: no headers, a value of `fill` bytes,
    /// and a one-byte key where the varint lengths would otherwise step over `size`.
    static func record(offsetDelta: Int, size: Int, fill: UInt8) -> [UInt8] {
        for keyLength in [-1, 1] {
            for valueLength in stride(from: size, through: 0, by: -1) {
                var body: [UInt8] = [0] + varint(0) + varint(offsetDelta) + varint(keyLength)
                if keyLength > 0 { body += [UInt8](repeating: fill, count: keyLength) }
                body += varint(valueLength) + [UInt8](repeating: fill, count: valueLength) + varint(0)
                let encoded = varint(body.count) + body
                if encoded.count == size { return encoded }
            }
        }
        preconditionFailure("no record of exactly \(size) bytes")
    }

    /// A zigzag varint, as records encode their lengths and deltas.
    static func varint(_ value: Int) -> [UInt8] {
        var zigzag = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        var bytes: [UInt8] = []
        while zigzag >= 0x80 {
            bytes.append(UInt8(zigzag & 0x7F) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
        return bytes
    }

    /// Several batches concatenated, as one produce request carries them.
    static func concatenate(_ batches: [ByteBuffer]) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: batches.reduce(0) { $0 + $1.readableBytes })
        for var batch in batches { buffer.writeBuffer(&batch) }
        return buffer
    }

    /// The headers of the whole batches in `buffer`, checking each CRC on the way.
    static func headers(in buffer: ByteBuffer) -> [RecordBatchHeader] {
        var headers: [RecordBatchHeader] = []
        var position = buffer.readerIndex
        while let header = RecordBatchHeader(from: buffer, at: position) {
            let crc = buffer.withUnsafeReadableBytes { bytes in
                let start = position - buffer.readerIndex
                return CRC32C.checksum(
                    UnsafeRawBufferPointer(
                        rebasing: bytes[(start + RecordBatchHeader.attributesOffset)..<(start + header.totalSize)]
                    )
                )
            }
            precondition(crc == header.crc, "stored batch has a bad CRC")
            headers.append(header)
            position += header.totalSize
        }
        precondition(position == buffer.writerIndex, "read returned a partial batch")
        return headers
    }
}
