/// Why bytes could not be read as a Kafka protocol message.
public enum KafkaProtocolError: Error, Hashable, Sendable {
    /// The message ended before a field was complete.
    case truncated(field: String)
    /// A length prefix was negative where that is not allowed, or larger than the bytes left.
    case invalidLength(field: String, length: Int)
    /// A string was not valid UTF-8.
    case invalidString(field: String)
    /// The API key is not one this broker implements.
    case unknownAPIKey(Int16)
    /// The version is outside the supported range of that API.
    case unsupportedVersion(apiKey: Int16, version: Int16)
    /// A frame declared a size that is negative or beyond the configured maximum.
    case frameTooLarge(size: Int, maximum: Int)
}
