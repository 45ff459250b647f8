/// How many replicas must have a message before the broker answers the producer (librdkafka's `acks`).
public enum KafkaAcknowledgments: String, Sendable, CaseIterable {
    /// The broker does not answer; the producer cannot learn about failures or offsets (`acks=0`).
    case none = "0"
    /// The leader answers once it has written the message (`acks=1`).
    case leader = "1"
    /// The leader answers once every in-sync replica has the message (`acks=all`).
    case all = "all"
}
