/// The rule for player names, shared by the purchase endpoints and the inventory API.
public enum ShopPlayerName {
    /// The player of a request that names none.
    public static let defaultPlayer = "player-1"
    /// The longest accepted name, in characters.
    public static let maximumLength = 40

    /// The name itself when it is valid, otherwise a reason fit for a 400 answer.
    public static func validate(_ name: String) -> Result<String, ShopInputError> {
        guard !name.isEmpty else { return .failure(ShopInputError("player must not be empty")) }
        guard name.unicodeScalars.count <= maximumLength else {
            return .failure(ShopInputError("player must be at most \(maximumLength) characters"))
        }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_-.".unicodeScalars.contains(scalar))
        }
        guard allowed else {
            return .failure(ShopInputError("player may only contain letters, digits, '_', '-' and '.'"))
        }
        return .success(name)
    }
}
