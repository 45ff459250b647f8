import Hummingbird
import Web

extension ShopInputError: APIFailure {
    public var status: HTTPResponse.Status { .unprocessableContent }
    public var description: String { reason }
}
