import CCrypto

/// The secret of a player's seat: handed to the player's browser once, kept by the server and in
/// the log only as its SHA-256 digest, so that reading the `chess.seats` topic gives no seat away.
enum PlayerToken {
    /// A new secret: 128 random bits in hexadecimal.
    static func make() -> String {
        (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined()
    }

    /// The SHA-256 digest of `token` in lowercase hexadecimal.
    static func digest(_ token: String) -> String {
        let bytes = Array(token.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = SHA256(bytes, bytes.count, &digest)
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
