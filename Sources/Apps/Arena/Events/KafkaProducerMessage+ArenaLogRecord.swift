import Foundation
import KafkaClient

extension KafkaProducerMessage {
    /// The message of one arena log line, keyed by its game so that a game's lines stay in one
    /// partition, in order.
    public init(_ record: ArenaLogRecord, encoder: JSONEncoder) throws {
        self.init(
            topic: ArenaLogRecord.topic,
            key: Array(record.gameToken.utf8),
            value: Array(try encoder.encode(record))
        )
    }
}
