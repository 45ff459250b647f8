/// The answer to Heartbeat: an error code, REBALANCE_IN_PROGRESS telling the member to rejoin.
public struct HeartbeatResponse: KafkaCodable {
    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0

    public init() {}
    public init(errorCode: ErrorCode) { self.errorCode = errorCode.rawValue }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&errorCode, "error_code")
    }
}
