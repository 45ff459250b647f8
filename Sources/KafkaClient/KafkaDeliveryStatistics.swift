/// Counts of delivery reports for messages produced with `KafkaProducer.enqueue(_:)`.
public struct KafkaDeliveryStatistics: Sendable, Hashable {
    /// Messages the cluster acknowledged.
    public var delivered: Int
    /// Messages that could not be delivered.
    public var failed: Int
    /// The error of the first failed message, kept so that a summary can say why.
    public var firstError: KafkaError?

    public init(delivered: Int = 0, failed: Int = 0, firstError: KafkaError? = nil) {
        self.delivered = delivered
        self.failed = failed
        self.firstError = firstError
    }
}
