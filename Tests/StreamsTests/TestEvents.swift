import Streams

/// A small event type for pipeline tests.
struct Click: Codable, Sendable, Equatable {
    var user: String
    var page: String
    var amount: Double
    var ts: Int64
}

/// A row of a lookup table for join tests.
struct UserProfile: Codable, Sendable, Equatable {
    var user: String
    var country: String
    var ts: Int64
}

/// A click joined with its user's country.
struct CountryClick: Codable, Sendable, Equatable {
    var user: String
    var country: String?
}

func clickJSON(_ user: String, _ ts: Int64, page: String = "home", amount: Double = 1) -> String {
    #"{"user":"\#(user)","page":"\#(page)","amount":\#(amount),"ts":\#(ts)}"#
}
