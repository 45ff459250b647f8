/// The answer to InitProducerId.
public struct InitProducerIdResponse: KafkaCodable {
    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0
    public var producerId: Int64 = -1
    public var producerEpoch: Int16 = -1

    public init() {}
    public init(errorCode: ErrorCode, producerId: Int64 = -1, producerEpoch: Int16 = -1) {
        self.errorCode = errorCode.rawValue
        self.producerId = producerId
        self.producerEpoch = producerEpoch
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&throttleTimeMs, "throttle_time_ms")
        try coder.code(&errorCode, "error_code")
        try coder.code(&producerId, "producer_id")
        try coder.code(&producerEpoch, "producer_epoch")
    }
}
