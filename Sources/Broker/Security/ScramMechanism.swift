import CCrypto

/// A SCRAM mechanism (RFC 5802, RFC 7677) and the hash functions it is built on, from libcrypto.
public enum ScramMechanism: String, Sendable, CaseIterable, Codable {
    case sha256 = "SCRAM-SHA-256"
    case sha512 = "SCRAM-SHA-512"

    /// The fewest PBKDF2 iterations accepted, as Kafka requires (RFC 7677 recommends 4096).
    public static let minimumIterations = 4_096
    /// The most PBKDF2 iterations accepted, as Kafka limits them.
    public static let maximumIterations = 16_384

    /// The mechanism's name in SaslHandshake and on the command line.
    public var name: String { rawValue }

    /// The mechanism's code in Describe/AlterUserScramCredentials (Kafka's ScramMechanism.type).
    public var kafkaType: Int8 {
        switch self {
        case .sha256: 1
        case .sha512: 2
        }
    }

    /// The mechanism of a Kafka code, nil for an unknown one.
    public init?(kafkaType: Int8) {
        guard let mechanism = Self.allCases.first(where: { $0.kafkaType == kafkaType }) else { return nil }
        self = mechanism
    }

    private var digest: OpaquePointer {
        switch self {
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        }
    }

    /// Bytes of the mechanism's hash.
    var digestLength: Int {
        switch self {
        case .sha256: 32
        case .sha512: 64
        }
    }

    /// H() of RFC 5802: the mechanism's hash of `data`.
    public func hash(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: digestLength)
        var length: UInt32 = 0
        _ = EVP_Digest(data, data.count, &output, &length, digest, nil)
        return output
    }

    /// HMAC() of RFC 5802 with the mechanism's hash.
    public func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: digestLength)
        var length: UInt32 = 0
        _ = HMAC(digest, key, Int32(key.count), data, data.count, &output, &length)
        return output
    }

    /// Hi() of RFC 5802: PBKDF2 with the mechanism's HMAC, one hash long.
    public func saltedPassword(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: digestLength)
        let password = Array(password.utf8)
        _ = PKCS5_PBKDF2_HMAC(
            password,
            Int32(password.count),
            salt,
            Int32(salt.count),
            Int32(iterations),
            digest,
            Int32(digestLength),
            &output
        )
        return output
    }
}

/// Bytes from libcrypto's generator, for salts and nonces.
func secureRandomBytes(_ count: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    precondition(RAND_bytes(&bytes, Int32(count)) == 1, "libcrypto's random generator failed")
    return bytes
}

/// Whether two byte strings are equal, in time that does not depend on where they differ.
func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    left.count == right.count && CRYPTO_memcmp(left, right, left.count) == 0
}
