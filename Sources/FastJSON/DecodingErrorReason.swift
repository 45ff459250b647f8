/// A one-line reason for a value that did not decode, naming the field at fault as the JSON spells
/// it: what dead letters and skipped records carry.
public enum DecodingErrorReason {
    /// The reason for `error`, e.g. "missing field ts" or "field items: expected an integer".
    public static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = path(context.codingPath)
            return path.isEmpty ? context.debugDescription : "field \(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
