import FastJSON

extension WindowResult: JSONDirectEncodable where Key: Codable, Value: Codable {
    /// Writes the result when its key and value are scalars (a count, a sum, an average by a string
    /// or number key): every window result of such a pipeline goes to its sink this way.
    package func writeJSON(to output: JSONOutput) throws -> Bool {
        output.bytes.append(contentsOf: #"{"key":"#.utf8)
        guard try output.writeScalar(key, codingPath: [JSONCodingKey(stringValue: "key")]) else { return false }
        output.bytes.append(contentsOf: #","value":"#.utf8)
        guard try output.writeScalar(value, codingPath: [JSONCodingKey(stringValue: "value")]) else { return false }
        output.bytes.append(contentsOf: #","window_end":"#.utf8)
        output.writeInt64(window.end)
        output.bytes.append(contentsOf: #","window_start":"#.utf8)
        output.writeInt64(window.start)
        output.bytes.append(UInt8(ascii: "}"))
        return true
    }
}
