import Foundation

/// A record a pipeline produced for a topic (a sink or the dead-letter topic), waiting for the next
/// checkpoint to be appended.
public struct OutputRecord: Codable, Hashable, Sendable {
    public var topic: String
    /// The partition, chosen from the key when the record is staged in a checkpoint; nil before.
    public var partition: Int32?
    public var key: Data?
    public var value: Data
    /// Milliseconds since the epoch.
    public var timestamp: Int64

    public init(topic: String, partition: Int32? = nil, key: Data?, value: Data, timestamp: Int64) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.timestamp = timestamp
    }

    /// In the sorted order checkpoints are written in, so the encoder has nothing to reorder.
    private enum CodingKeys: String, CodingKey {
        case key, partition, timestamp, topic, value
    }

    /// The value as text, for tests and logs.
    public var valueText: String { String(decoding: value, as: UTF8.self) }
}
