import KafkaProtocol
import NIOCore
import Testing

#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Encode and decode throughput of RecordBatch for each codec; prints a table.
///
/// Not a timed test: it runs only with `KIBITZ_BENCHMARK=1`, ideally in release mode:
/// `KIBITZ_BENCHMARK=1 swift test -c release --filter RecordBatchBenchmark`.
@Suite(.enabled(if: getenv("KIBITZ_BENCHMARK") != nil))
struct RecordBatchBenchmarkTests {
    static let recordsPerBatch = 1000
    static let valueLength = 100

    static func batch() -> RecordBatch {
        var records: [Record] = []
        records.reserveCapacity(recordsPerBatch)
        for index in 0..<recordsPerBatch {
            var value = ByteBuffer()
            value.writeString(
                #"{"game_id":"g\#(index % 50)","ply":\#(index),"uci":"e2e4","ts":\#(1_700_000_000_000 + index)"#
            )
            while value.readableBytes < valueLength { value.writeString(",\"pad\":0") }
            value.moveWriterIndex(to: valueLength - 1)
            value.writeString("}")
            records.append(
                Record(
                    timestampDelta: Int64(index),
                    offsetDelta: Int32(index),
                    key: ByteBuffer(string: "game-\(index % 50)"),
                    value: value
                )
            )
        }
        return RecordBatch(baseTimestamp: 1_700_000_000_000, records: records)
    }

    /// CPU time of the calling thread, in seconds: other load on the machine matters less than with a wall clock.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Runs `body` repeatedly for about `seconds` of CPU time and returns the runs per CPU second.
    static func rate(seconds: Double = 1, _ body: () throws -> Void) rethrows -> Double {
        var runs = 0
        let start = threadCPUSeconds()
        while threadCPUSeconds() - start < seconds {
            for _ in 0..<10 { try body() }
            runs += 10
        }
        return Double(runs) / (threadCPUSeconds() - start)
    }

    @Test func printThroughputTable() throws {
        let batch = Self.batch()
        let recordBytes = Double(
            batch.records.reduce(0) { $0 + ($1.value?.readableBytes ?? 0) + ($1.key?.readableBytes ?? 0) }
        )
        var lines = [
            "RecordBatch, \(Self.recordsPerBatch) records of \(Self.valueLength) B values per batch",
            "rates per CPU second of one thread; decode checks the CRC unless the column says otherwise",
            "codec   | batch bytes | encode records/s | decode records/s | decode, no CRC | decode MB/s (uncompressed)",
            "--------|-------------|------------------|------------------|----------------|---------------------------",
        ]
        for codec in CompressionCodec.allCases {
            var encoded = ByteBuffer()
            try batch.encode(into: &encoded, compression: codec)
            var scratch = ByteBuffer()
            scratch.reserveCapacity(encoded.readableBytes * 2)
            let encodeRate = try Self.rate {
                scratch.clear()
                try batch.encode(into: &scratch, compression: codec)
            }
            var checksum = 0
            let decodeRate = try Self.rate {
                let decoded = try RecordBatch(decoding: encoded)
                checksum &+= decoded.records.count
            }
            let uncheckedRate = try Self.rate {
                let decoded = try RecordBatch(decoding: encoded, verifyingChecksum: false)
                checksum &+= decoded.records.count
            }
            #expect(checksum > 0)
            let perBatch = Double(Self.recordsPerBatch)
            func pad(_ text: String, _ width: Int) -> String {
                text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
            }
            lines.append(
                pad("\(codec)", 8) + "| " + pad("\(encoded.readableBytes)", 12) + "| "
                    + pad("\(Int(encodeRate * perBatch))", 17) + "| " + pad("\(Int(decodeRate * perBatch))", 17) + "| "
                    + pad("\(Int(uncheckedRate * perBatch))", 15) + "| "
                    + "\(Int(decodeRate * recordBytes / 1_000_000))"
            )
        }
        print(lines.joined(separator: "\n"))
    }
}
