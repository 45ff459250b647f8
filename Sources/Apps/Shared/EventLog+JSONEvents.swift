import EventLog
import FastJSON
import KafkaProtocol
import NIOCore

extension EventLog {
    /// Every JSON event of `topic` whose record key passes `keepKey`, in log order per partition.
    ///
    /// Records that are not such JSON (anyone may produce to a topic) and batches that do not decode
    /// are skipped, not fatal: this reads the log to rebuild state, and one bad record must not
    /// keep the rest from coming back. Returns the events and how many records were skipped.
    ///
    /// Records decode as the pipelines' sources decode them (`FastJSONDecoder.decoding`), so a
    /// record the statistics count is one a restore reads, and the other way round.
    func jsonEvents<Event: Decodable>(
        of topic: String,
        as type: Event.Type,
        keepingKeys keepKey: (String) -> Bool = { _ in true }
    ) throws -> (events: [Event], skipped: Int) {
        guard let description = describeTopic(topic) else { return ([], 0) }
        let decode = FastJSONDecoder().decoding(Event.self)
        var events: [Event] = []
        var skipped = 0
        for partitionIndex in 0..<description.partitionCount {
            let partition = try partition(topic: topic, partition: partitionIndex)
            var offset = partition.earliestOffset
            let end = partition.latestOffset
            while offset < end {
                var batches = RecordBatchIterator(try partition.read(from: offset, maxBytes: 1 << 20).records)
                let offsetBefore = offset
                while let (header, bytes) = try? batches.nextEncodedBatch() {
                    offset = header.lastOffset + 1
                    guard let batch = try? RecordBatch(decoding: bytes) else {
                        skipped += Int(header.recordCount)
                        continue
                    }
                    for record in batch.records {
                        guard let key = record.key.map({ String(buffer: $0) }), keepKey(key) else { continue }
                        guard let value = record.value,
                            let event = try? value.withUnsafeReadableBytes({ try decode($0) })
                        else {
                            skipped += 1
                            continue
                        }
                        events.append(event)
                    }
                }
                // A read that yields no whole batch would loop forever; what remains is unreadable.
                if offset == offsetBefore { break }
            }
        }
        return (events, skipped)
    }
}
