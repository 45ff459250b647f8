import Foundation

/// The JSON conventions of every Kibitz event and API body: snake_case keys.
///
/// A topic's schema type spells its keys out in `CodingKeys` (`game_id`), so `FastJSONDecoder`,
/// which applies no key strategy, reads what any encoder wrote (records are read with it alone);
/// the encoder's snake_case strategy leaves such keys as they are and converts the keys of API
/// answers (`playerToken`).
public enum EventJSON {
    /// An encoder writing snake_case keys with sorted output, so equal events are equal bytes.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Milliseconds since the epoch, the `ts` of every event.
    public static func nowMilliseconds() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1000)
    }
}
