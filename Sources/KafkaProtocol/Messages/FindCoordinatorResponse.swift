/// The answer to FindCoordinator: the coordinating broker's address.
public struct FindCoordinatorResponse: KafkaCodable {
    public var throttleTimeMs: Int32 = 0
    public var errorCode: Int16 = 0
    public var errorMessage: String?
    public var nodeId: Int32 = -1
    public var host = ""
    public var port: Int32 = -1

    public init() {}
    public init(errorCode: ErrorCode, errorMessage: String? = nil, nodeId: Int32, host: String, port: Int32) {
        self.errorCode = errorCode.rawValue
        self.errorMessage = errorMessage
        self.nodeId = nodeId
        self.host = host
        self.port = port
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        try coder.code(&errorCode, "error_code")
        if coder.version >= 1 { try coder.code(&errorMessage, "error_message") }
        try coder.code(&nodeId, "node_id")
        try coder.code(&host, "host")
        try coder.code(&port, "port")
    }
}
