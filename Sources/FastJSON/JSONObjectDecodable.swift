/// A type that builds itself from the fields of a JSON object by name, for the event types of a
/// busy source.
///
/// `Decodable` reaches every field through dynamic calls (the decoder as `any Decoder`, each field
/// through the keyed container's box), which costs more than scanning the event. A conforming type
/// reads its fields with `JSONObject`'s concrete accessors instead; `FastJSONDecoder` and
/// `Pipeline.source` use this initializer whenever the type conforms, and `Decodable` otherwise.
///
/// Read the fields under the names the `CodingKeys` give them, with the same optionality, so that
/// both paths decode the same values and fail with the same errors:
///
/// ```swift
/// extension Click: JSONObjectDecodable {
///     init(json object: JSONObject) throws {
///         self.init(user: try object.decode(String.self, forKey: "user"), ts: try object.decode(Int64.self, forKey: "ts"))
///     }
/// }
/// ```
public protocol JSONObjectDecodable: Decodable {
    /// Builds the value from `object`, which is valid only during the call.
    init(json object: JSONObject) throws
}
