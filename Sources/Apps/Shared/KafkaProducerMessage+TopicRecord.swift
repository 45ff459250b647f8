import Foundation
import KafkaClient

extension KafkaProducerMessage {
    /// The message of one record to its topic as JSON, under `key`: records of one key (a game, a
    /// race, a shopper) stay in one partition, in order.
    init<Record: TopicRecord>(_ record: Record, key: String, encoder: JSONEncoder) throws {
        self.init(topic: Record.topic, key: Array(key.utf8), value: Array(try encoder.encode(record)))
    }
}
