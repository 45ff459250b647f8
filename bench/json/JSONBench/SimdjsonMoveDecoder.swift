import CSimdjsonMoves

/// Decodes `BenchmarkMove`s through simdjson's On-Demand API (the C++ shim, one parser per
/// thread), building the same Swift strings as FastJSON does.
enum SimdjsonMoveDecoder {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The fields as simdjson gives them, valid until the thread's next call; `readable` counts the
    /// bytes that may be read from the document's start (fewer than the document and simdjson's
    /// padding make the shim copy the document).
    static func fields(of document: UnsafeRawBufferPointer, readable: Int) throws -> kibitz_move_fields {
        var fields = kibitz_move_fields()
        let error = kibitz_simdjson_decode_move(
            document.baseAddress!.assumingMemoryBound(to: UInt8.self),
            document.count,
            readable,
            &fields
        )
        guard error == 0 else { throw Failure(description: String(cString: kibitz_simdjson_error_message(error))) }
        return fields
    }

    static func decode(_ document: UnsafeRawBufferPointer, readable: Int) throws -> BenchmarkMove {
        let fields = try fields(of: document, readable: readable)
        return BenchmarkMove(
            gameID: string(fields.game_id, fields.game_id_length),
            color: string(fields.color, fields.color_length),
            uci: string(fields.uci, fields.uci_length),
            ts: fields.ts
        )
    }

    /// The same construction as FastJSON's (`String(decoding:as:)`, which checks the UTF-8).
    private static func string(_ text: UnsafePointer<CChar>, _ length: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }
}
