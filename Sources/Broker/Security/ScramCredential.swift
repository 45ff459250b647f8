import Foundation

/// What the broker keeps of a user's password for one SCRAM mechanism: never the password, only
/// the salt, the iteration count and the two keys RFC 5802 derives from the salted password.
public struct ScramCredential: Sendable, Equatable {
    public var mechanism: ScramMechanism
    public var salt: [UInt8]
    public var iterations: Int
    /// H(HMAC(SaltedPassword, "Client Key")): what a client's proof is checked against.
    public var storedKey: [UInt8]
    /// HMAC(SaltedPassword, "Server Key"): signs the server's final message.
    public var serverKey: [UInt8]

    /// The credential of a password salted elsewhere (AlterUserScramCredentials sends it so).
    public init(mechanism: ScramMechanism, salt: [UInt8], iterations: Int, saltedPassword: [UInt8]) {
        self.mechanism = mechanism
        self.salt = salt
        self.iterations = iterations
        self.storedKey = mechanism.hash(mechanism.hmac(key: saltedPassword, Array("Client Key".utf8)))
        self.serverKey = mechanism.hmac(key: saltedPassword, Array("Server Key".utf8))
    }

    /// The credential of `password` under a fresh random salt.
    public init(mechanism: ScramMechanism, password: String, iterations: Int = ScramMechanism.minimumIterations) {
        let salt = secureRandomBytes(mechanism.digestLength)
        self.init(
            mechanism: mechanism,
            salt: salt,
            iterations: iterations,
            saltedPassword: mechanism.saltedPassword(password, salt: salt, iterations: iterations)
        )
    }

    /// Whether `password` is the one this credential was made from (SASL/PLAIN's check).
    public func matches(password: String) -> Bool {
        let candidate = ScramCredential(
            mechanism: mechanism,
            salt: salt,
            iterations: iterations,
            saltedPassword: mechanism.saltedPassword(password, salt: salt, iterations: iterations)
        )
        return constantTimeEqual(candidate.storedKey, storedKey)
    }
}
