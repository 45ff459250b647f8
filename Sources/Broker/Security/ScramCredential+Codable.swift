import Foundation

/// Stored as JSON with the byte strings in base64, as SCRAM itself writes them.
extension ScramCredential: Codable {
    private enum CodingKeys: String, CodingKey {
        case mechanism, salt, iterations, storedKey, serverKey
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func bytes(_ key: CodingKeys) throws -> [UInt8] {
            let text = try container.decode(String.self, forKey: key)
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64")
            }
            return Array(data)
        }
        mechanism = try container.decode(ScramMechanism.self, forKey: .mechanism)
        salt = try bytes(.salt)
        iterations = try container.decode(Int.self, forKey: .iterations)
        storedKey = try bytes(.storedKey)
        serverKey = try bytes(.serverKey)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mechanism, forKey: .mechanism)
        try container.encode(Data(salt).base64EncodedString(), forKey: .salt)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(Data(storedKey).base64EncodedString(), forKey: .storedKey)
        try container.encode(Data(serverKey).base64EncodedString(), forKey: .serverKey)
    }
}
