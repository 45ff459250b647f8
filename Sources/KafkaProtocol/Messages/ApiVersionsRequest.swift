/// ApiVersions (API key 18): the handshake in which a client learns which versions to speak.
/// Versions 0 to 2 have no fields; version 3 names the client software.
public struct ApiVersionsRequest: KafkaCodable {
    public var clientSoftwareName = ""
    public var clientSoftwareVersion = ""

    public init() {}

    public mutating func code<Coder: KafkaCoder>(with coder: inout Coder) throws {
        guard coder.version >= 3 else { return }
        try coder.codeCompact(&clientSoftwareName, "client_software_name")
        try coder.codeCompact(&clientSoftwareVersion, "client_software_version")
        try coder.codeTaggedFields()
    }
}
