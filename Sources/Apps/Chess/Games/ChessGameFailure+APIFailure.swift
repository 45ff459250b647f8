import Hummingbird
import Web

extension ChessGameFailure: APIFailure {
    public var status: HTTPResponse.Status {
        switch self {
        case .unknownGame: .notFound
        case .invalidValue, .illegalMove: .unprocessableContent
        case .notAPlayer, .notYourTurn: .forbidden
        case .gameOver, .gameFull, .notJoinable: .conflict
        }
    }
}
