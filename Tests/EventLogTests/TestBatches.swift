import Foundation
import KafkaProtocol
import NIOCore

/// Builds real RecordBatch v2 bytes: a header written by `RecordBatchHeader.write`, an arbitrary
/// records section, and the CRC-32C over bytes [21, end).
enum TestBatches {
    static func batch(
        records: Int32 = 1,
        payloadSize: Int = 100,
        timestamp: Int64 = 1_700_000_000_000,
        producerId: Int64 = -1,
        epoch: Int16 = -1,
        sequence: Int32 = -1,
        fill: UInt8 = 0x61
    ) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: RecordBatchHeader.size + payloadSize)
        let header = RecordBatchHeader(
            baseOffset: 0,
            batchLength: Int32(RecordBatchHeader.size - RecordBatchHeader.logOverhead + payloadSize),
            lastOffsetDelta: records - 1,
            baseTimestamp: timestamp,
            maxTimestamp: timestamp,
            producerId: producerId,
            producerEpoch: epoch,
            baseSequence: sequence,
            recordCount: records
        )
        header.write(to: &buffer)
        buffer.writeRepeatingByte(fill, count: payloadSize)
        let crc = buffer.withUnsafeReadableBytes { bytes in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[RecordBatchHeader.attributesOffset...]))
        }
        buffer.setInteger(crc, at: RecordBatchHeader.crcOffset)
        return buffer
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
