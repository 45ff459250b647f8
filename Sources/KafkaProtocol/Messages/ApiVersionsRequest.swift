/// ApiVersions (API key 18): the handshake in which a client learns which versions to speak.
/// Versions 0 to 2 have no fields.
public struct ApiVersionsRequest: KafkaCodable {
    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {}
}
