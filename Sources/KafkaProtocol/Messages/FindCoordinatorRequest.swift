/// FindCoordinator (API key 10): which broker coordinates a consumer group.
public struct FindCoordinatorRequest: KafkaCodable {
    public var key = ""
    /// 0: a consumer group; 1: a transactional id.
    public var keyType: Int8 = 0

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&key, "key")
        if coder.version >= 1 { try coder.code(&keyType, "key_type") }
    }
}
