import KafkaProtocol
import NIOCore

/// Reads batch headers one after another from a segment file, a block at a time.
///
/// Small batches share a block, so walking them costs one `pread` per block; a large batch costs
/// one `pread` for its header.
struct HeaderWalker {
    let file: SegmentFile
    /// Bytes of the file that may be read.
    let end: Int
    let blockSize: Int
    private var block: ByteBuffer
    private var blockStart = 0

    init(file: SegmentFile, end: Int, blockSize: Int = 16_384) {
        self.file = file
        self.end = end
        self.blockSize = max(blockSize, RecordBatchHeader.size)
        self.block = ByteBufferAllocator().buffer(capacity: 0)
    }

    /// The header of the batch at `position`; nil when fewer than a header's bytes remain.
    mutating func header(at position: Int) throws(EventLogError) -> RecordBatchHeader? {
        guard end - position >= RecordBatchHeader.size else { return nil }
        if position < blockStart || position + RecordBatchHeader.size > blockStart + block.readableBytes {
            block.clear()
            try file.read(at: position, count: min(blockSize, end - position), into: &block)
            blockStart = position
        }
        return RecordBatchHeader(from: block, at: position - blockStart)
    }
}
