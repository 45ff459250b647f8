/// A value that writes its own JSON into the encoder's output: for the values a busy sink writes,
/// without an `Encoder`, containers or allocations per value.
///
/// It must write exactly what its `Encodable` conformance gives `FastJSONEncoder` (keys sorted);
/// `FastJSONEncoder.encoding(_:)` picks this path once per sink when the type conforms.
package protocol JSONDirectEncodable: Encodable {
    /// Writes the value, or returns false when a part of it needs the `Encodable` path (what was
    /// written by then is of no use).
    func writeJSON(to output: JSONOutput) throws -> Bool
}
