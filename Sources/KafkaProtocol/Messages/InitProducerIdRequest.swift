/// InitProducerId (API key 22): an idempotent producer asks for its producer id and epoch.
public struct InitProducerIdRequest: KafkaCodable {
    public var transactionalId: String?
    public var transactionTimeoutMs: Int32 = 60_000

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&transactionalId, "transactional_id")
        try coder.code(&transactionTimeoutMs, "transaction_timeout_ms")
    }
}
