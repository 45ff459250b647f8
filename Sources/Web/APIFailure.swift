import Hummingbird

/// A refusal of an app's own (an unknown game, an illegal move) that knows its HTTP status: routes
/// throw it as it is, and `ErrorAnswerMiddleware` answers it as `{"error": description}`.
public protocol APIFailure: Error, CustomStringConvertible {
    var status: HTTPResponse.Status { get }
}
