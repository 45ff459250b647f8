/// A request the shop refuses, with the reason given to the client.
public struct ShopInputError: Error, Sendable, Equatable {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}
