import Apps
import FastJSON
import Foundation
import NIOCore
import Testing

/// The chess topics' records read alike through every JSON path: the statistics pipeline's
/// `JSONObjectDecodable` fast path (which the restore uses too), `Decodable`, and Foundation's
/// decoder any other Swift client would use; what the store writes is what they read.
@Suite struct ChessEventJSONTests {
    static let move = ChessMoveEvent(
        moveID: "g1-3",
        gameID: "g1",
        ply: 3,
        color: "white",
        by: "ai",
        uci: "e2e4",
        san: "e4",
        piece: "P",
        from: "e2",
        to: "e4",
        fen: "x",
        ts: 1_700_000_000_000
    )
    static let game = ChessGameEvent(
        gameID: "g1",
        event: .ended,
        white: "w",
        black: "b",
        mode: "ai",
        result: "1-0",
        reason: "checkmate",
        ts: 9
    )

    /// Decodes through `Decodable`, which the overload for `JSONObjectDecodable` would bypass.
    func decodeThroughCodable<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try FastJSONDecoder().decode(type, from: ByteBuffer(string: text))
    }

    func reason(_ type: (some JSONObjectDecodable & Decodable).Type, _ text: String) -> (fast: String, codable: String)
    {
        var reasons = ("decoded", "decoded")
        do { _ = try FastJSONDecoder().decode(type, from: ByteBuffer(string: text)) } catch {
            reasons.0 = DecodingErrorReason.describe(error)
        }
        do { _ = try decodeThroughCodable(type, text) } catch { reasons.1 = DecodingErrorReason.describe(error) }
        return reasons
    }

    @Test func whatTheStoreWritesEveryPathReads() throws {
        let moveText = String(decoding: try EventJSON.makeEncoder().encode(Self.move), as: UTF8.self)
        #expect(moveText.contains(#""game_id":"g1""#) && moveText.contains(#""move_id":"g1-3""#))
        #expect(try FastJSONDecoder().decode(ChessMoveEvent.self, from: ByteBuffer(string: moveText)) == Self.move)
        #expect(try decodeThroughCodable(ChessMoveEvent.self, moveText) == Self.move)
        #expect(try JSONDecoder().decode(ChessMoveEvent.self, from: Data(moveText.utf8)) == Self.move)

        let gameText = String(decoding: try EventJSON.makeEncoder().encode(Self.game), as: UTF8.self)
        #expect(try FastJSONDecoder().decode(ChessGameEvent.self, from: ByteBuffer(string: gameText)) == Self.game)
        #expect(try decodeThroughCodable(ChessGameEvent.self, gameText) == Self.game)
        #expect(try JSONDecoder().decode(ChessGameEvent.self, from: Data(gameText.utf8)) == Self.game)
    }

    @Test func unknownFieldsAreSkippedAndNullOutcomesRead() throws {
        let move = #"""
            {"move_id":"g1-3","game_id":"g1","ply":3,"color":"white","by":"ai","uci":"e2e4","san":"e4",
             "piece":"P","from":"e2","to":"e4","fen":"x","ts":1700000000000,"extra":{"a":[1,2]}}
            """#
        #expect(try FastJSONDecoder().decode(ChessMoveEvent.self, from: ByteBuffer(string: move)) == Self.move)
        let started =
            #"{"game_id":"g1","event":"started","white":"w","black":"b","mode":"ai","result":null,"reason":null,"ts":9}"#
        let decoded = try FastJSONDecoder().decode(ChessGameEvent.self, from: ByteBuffer(string: started))
        #expect(decoded.event == .started && decoded.result == nil)
        #expect(decoded == (try decodeThroughCodable(ChessGameEvent.self, started)))
    }

    @Test func incompleteRecordsFailWithTheSameReasonOnBothPaths() {
        let sparseMove = reason(ChessMoveEvent.self, #"{"game_id":"g1","ts":5}"#)
        #expect(sparseMove.fast == "missing field move_id")
        #expect(sparseMove.codable == sparseMove.fast)
        let noPlayers = reason(ChessGameEvent.self, #"{"game_id":"g1","event":"started","ts":9}"#)
        #expect(noPlayers.fast == "missing field white")
        #expect(noPlayers.codable == noPlayers.fast)
        let paused = reason(
            ChessGameEvent.self,
            #"{"game_id":"g1","event":"paused","white":"w","black":"b","mode":"ai","ts":9}"#
        )
        #expect(paused.fast.hasPrefix("field event:"))
        #expect(paused.codable.hasPrefix("field event:"))
    }
}
