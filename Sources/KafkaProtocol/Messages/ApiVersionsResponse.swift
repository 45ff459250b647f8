/// The answer to ApiVersions: every API with its supported version range.
public struct ApiVersionsResponse: KafkaCodable {
    public struct APIVersion: KafkaCodable {
        public var apiKey: Int16 = 0
        public var minVersion: Int16 = 0
        public var maxVersion: Int16 = 0

        public init() {}
        public init(apiKey: Int16, minVersion: Int16, maxVersion: Int16) {
            self.apiKey = apiKey
            self.minVersion = minVersion
            self.maxVersion = maxVersion
        }

        public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
            try coder.code(&apiKey, "api_key")
            try coder.code(&minVersion, "min_version")
            try coder.code(&maxVersion, "max_version")
            if coder.version >= 3 { try coder.codeTaggedFields() }
        }
    }

    public var errorCode: Int16 = 0
    public var apiKeys: [APIVersion] = []
    public var throttleTimeMs: Int32 = 0

    public init() {}

    /// The answer that lists every API of `APIKey` with its supported versions.
    public init(errorCode: ErrorCode) {
        self.errorCode = errorCode.rawValue
        self.apiKeys = APIKey.allCases.map {
            APIVersion(
                apiKey: $0.rawValue,
                minVersion: $0.supportedVersions.lowerBound,
                maxVersion: $0.supportedVersions.upperBound
            )
        }
    }

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        try coder.code(&errorCode, "error_code")
        if coder.version >= 3 {
            try coder.codeCompact(&apiKeys, "api_keys")
        } else {
            try coder.code(&apiKeys, "api_keys")
        }
        if coder.version >= 1 { try coder.code(&throttleTimeMs, "throttle_time_ms") }
        if coder.version >= 3 { try coder.codeTaggedFields() }
    }
}
