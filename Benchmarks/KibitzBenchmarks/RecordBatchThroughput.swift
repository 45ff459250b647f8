import ArgumentParser
import KafkaProtocol
import NIOCore

/// Encode and decode throughput of `RecordBatch` for each codec, per CPU second of one thread.
struct RecordBatchThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-batch",
        abstract: "RecordBatch encode and decode rates per codec, 1,000 records of 100 B values a batch."
    )

    static let recordsPerBatch = 1000
    static let valueLength = 100

    @Option(help: "CPU seconds spent on each measured rate.")
    var secondsPerRate: Double = 1

    func validate() throws {
        guard secondsPerRate > 0 else { throw ValidationError("--seconds-per-rate must be above 0") }
    }

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

    /// Runs `body` repeatedly for about `secondsPerRate` of CPU time and returns the runs per CPU second.
    func rate(_ body: () throws -> Void) rethrows -> Double {
        var runs = 0
        let start = CPUClock.threadSeconds()
        while CPUClock.threadSeconds() - start < secondsPerRate {
            for _ in 0..<10 { try body() }
            runs += 10
        }
        return Double(runs) / (CPUClock.threadSeconds() - start)
    }

    func run() throws {
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
            let encodeRate = try rate {
                scratch.clear()
                try batch.encode(into: &scratch, compression: codec)
            }
            // Every decoded batch is counted, so the optimizer cannot drop the decoding.
            var decodedRecords = 0
            let decodeRate = try rate {
                decodedRecords += try RecordBatch(decoding: encoded).records.count
            }
            let uncheckedRate = try rate {
                decodedRecords += try RecordBatch(decoding: encoded, verifyingChecksum: false).records.count
            }
            guard decodedRecords > 0, decodedRecords % Self.recordsPerBatch == 0 else {
                throw BenchmarkFailure("\(codec): decoded \(decodedRecords) records, not whole batches")
            }
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
