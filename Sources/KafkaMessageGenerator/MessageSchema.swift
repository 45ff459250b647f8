import Foundation

/// One of Kafka's JSON message definitions (clients/src/main/resources/common/message/*.json).
struct MessageSchema: Decodable {
    /// `request`, `response`, `header`, `data` or `metadata`.
    var type: String
    var name: String
    var apiKey: Int16?
    var validVersions: String
    var flexibleVersions: String
    /// Which listeners serve the API: `broker`, `zkBroker`, `controller`.
    var listeners: [String]?
    var fields: [FieldSchema]
    /// Structs referenced by name from several fields of the message.
    var commonStructs: [StructSchema]?

    /// Whether a broker answers this request from clients (not only from controllers).
    var isServedToClients: Bool {
        let listeners = listeners ?? []
        return listeners.contains("broker") || listeners.contains("zkBroker")
    }

    /// Reads a definition; the files carry `//` line comments (the license), which JSON forbids.
    static func read(from url: URL) throws -> MessageSchema {
        let text = try String(contentsOf: url, encoding: .utf8)
        let json = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .joined(separator: "\n")
        return try JSONDecoder().decode(MessageSchema.self, from: Data(json.utf8))
    }
}

/// A struct named once in `commonStructs` and used by name.
struct StructSchema: Decodable {
    var name: String
    var versions: String
    var fields: [FieldSchema]
}

/// One field of a message or struct.
struct FieldSchema: Decodable {
    var name: String
    /// `int8` ... `int64`, `uint16`, `uint32`, `float64`, `bool`, `string`, `bytes`, `records`,
    /// `uuid`, a struct name, or any of these after `[]` for an array.
    var type: String
    var versions: String
    var nullableVersions: String?
    var taggedVersions: String?
    var tag: UInt32?
    var about: String?
    /// The default, as text (`-1`, `0x7fffffff`, `null`, `true`), or absent for the type's zero.
    var defaultValue: String?
    /// The fields of a struct declared in place.
    var fields: [FieldSchema]?

    private enum CodingKeys: String, CodingKey {
        case name, type, versions, nullableVersions, taggedVersions, tag, about, fields
        case defaultValue = "default"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(String.self, forKey: .type)
        versions = try container.decode(String.self, forKey: .versions)
        nullableVersions = try container.decodeIfPresent(String.self, forKey: .nullableVersions)
        taggedVersions = try container.decodeIfPresent(String.self, forKey: .taggedVersions)
        // A few files write the tag as a string.
        if let number = try? container.decodeIfPresent(UInt32.self, forKey: .tag) {
            tag = number
        } else {
            tag = try container.decodeIfPresent(String.self, forKey: .tag).flatMap { UInt32($0) }
        }
        about = try container.decodeIfPresent(String.self, forKey: .about)
        fields = try container.decodeIfPresent([FieldSchema].self, forKey: .fields)
        // A few files write defaults as JSON numbers or booleans instead of strings.
        if let text = try? container.decodeIfPresent(String.self, forKey: .defaultValue) {
            defaultValue = text
        } else if let number = try? container.decodeIfPresent(Int64.self, forKey: .defaultValue) {
            defaultValue = String(number)
        } else if let flag = try? container.decodeIfPresent(Bool.self, forKey: .defaultValue) {
            defaultValue = String(flag)
        } else {
            defaultValue = nil
        }
    }
}
