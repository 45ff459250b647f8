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
        try load(position, count: RecordBatchHeader.size)
        return RecordBatchHeader(from: block, at: position - blockStart)
    }

    /// Runs `body` over `count` bytes at `position` (which must lie before `end`), from the block
    /// when it holds them, so that checking the CRC of small batches costs no extra `pread`.
    mutating func withBytes<Result>(
        at position: Int,
        count: Int,
        _ body: (UnsafeRawBufferPointer) -> Result
    ) throws(EventLogError) -> Result {
        try load(position, count: count)
        return block.withUnsafeReadableBytes { bytes in
            body(UnsafeRawBufferPointer(rebasing: bytes[(position - blockStart)..<(position - blockStart + count)]))
        }
    }

    /// Makes the block hold `count` bytes at `position`, reading a new block there if it does not.
    private mutating func load(_ position: Int, count: Int) throws(EventLogError) {
        if position >= blockStart && position + count <= blockStart + block.readableBytes { return }
        block.clear()
        try file.read(at: position, count: min(max(blockSize, count), end - position), into: &block)
        blockStart = position
        guard block.readableBytes >= count else {
            throw .storage(operation: "short read", path: file.path, errno: 0)
        }
    }
}
