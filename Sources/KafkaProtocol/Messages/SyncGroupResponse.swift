import NIOCore

/// The answer to SyncGroup: this member's assignment, as the leader wrote it.
public struct SyncGroupResponse: KafkaCodable {
    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0
    public var assignment = ByteBuffer()

    public init() {}
    public init(errorCode: ErrorCode, assignment: ByteBuffer = ByteBuffer()) {
        self.errorCode = errorCode.rawValue
        self.assignment = assignment
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&errorCode, "error_code")
        try coder.code(&assignment, "assignment")
    }
}
