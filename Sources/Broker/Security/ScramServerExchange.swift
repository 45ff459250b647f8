import Foundation

/// The server side of one SCRAM authentication (RFC 5802, RFC 7677) as Kafka's ScramSaslServer
/// runs it: client-first → server-first (nonce, salt, iterations), client-final (proof) →
/// server-final (the server's signature).
///
/// An unknown user gets a made-up credential whose salt is stable per name, so the exchange runs
/// to the proof and fails there exactly as a wrong password does: a client cannot tell from the
/// answers whether a user exists.
public struct ScramServerExchange {
    /// Why an exchange failed; Kafka answers every one with the same message.
    public struct Failure: Error, Equatable {
        public let reason: String
    }

    private enum State {
        case awaitingClientFirst
        case awaitingClientFinal(ClientFirst, serverFirst: String, credential: ScramCredential, userExists: Bool)
        case finished
    }

    private struct ClientFirst {
        let gs2Header: String
        let bare: String
        let user: String
        let nonce: String
    }

    public let mechanism: ScramMechanism
    private let serverNonce: String
    private let unknownUserSecret: [UInt8]
    private var state = State.awaitingClientFirst

    /// `serverNonce` is random unless a test fixes it; `unknownUserSecret` keys the salts made up
    /// for unknown users (one per broker, so they stay stable across attempts).
    public init(mechanism: ScramMechanism, unknownUserSecret: [UInt8], serverNonce: String? = nil) {
        self.mechanism = mechanism
        self.unknownUserSecret = unknownUserSecret
        self.serverNonce = serverNonce ?? Data(secureRandomBytes(24)).base64EncodedString()
    }

    /// Reads the client-first message and answers the server-first one.
    public mutating func receiveClientFirst(
        _ message: String,
        credential lookup: (String) -> ScramCredential?
    ) throws(Failure) -> String {
        guard case .awaitingClientFirst = state else { throw Failure(reason: "unexpected client-first message") }
        state = .finished
        let clientFirst = try Self.parseClientFirst(message)
        let known = lookup(clientFirst.user)
        let credential = known ?? madeUpCredential(for: clientFirst.user)
        let serverFirst =
            "r=\(clientFirst.nonce)\(serverNonce),s=\(Data(credential.salt).base64EncodedString()),i=\(credential.iterations)"
        state = .awaitingClientFinal(
            clientFirst,
            serverFirst: serverFirst,
            credential: credential,
            userExists: known != nil
        )
        return serverFirst
    }

    /// Checks the client-final message's proof; answers the server-final message and the user.
    public mutating func receiveClientFinal(_ message: String) throws(Failure) -> (user: String, serverFinal: String) {
        guard case .awaitingClientFinal(let clientFirst, let serverFirst, let credential, let userExists) = state else {
            throw Failure(reason: "unexpected client-final message")
        }
        state = .finished
        guard let proofRange = message.range(of: ",p=") else { throw Failure(reason: "client-final without proof") }
        let withoutProof = String(message[..<proofRange.lowerBound])
        guard let proof = Data(base64Encoded: String(message[proofRange.upperBound...])).map(Array.init) else {
            throw Failure(reason: "proof is not base64")
        }
        let attributes = withoutProof.split(separator: ",", omittingEmptySubsequences: false)
        guard attributes.count >= 2, attributes[0] == "c=" + Data(clientFirst.gs2Header.utf8).base64EncodedString()
        else { throw Failure(reason: "channel binding does not match the client-first message") }
        // Kafka checks only that the nonce ends with the server's: librdkafka before 2.1 sends the
        // client nonce twice, and the proof, made over the message as sent, still holds.
        guard attributes[1].hasPrefix("r="), attributes[1].hasSuffix(clientFirst.nonce + serverNonce) else {
            throw Failure(reason: "invalid nonce")
        }

        let authMessage = Array("\(clientFirst.bare),\(serverFirst),\(withoutProof)".utf8)
        let clientSignature = mechanism.hmac(key: credential.storedKey, authMessage)
        guard proof.count == clientSignature.count else { throw Failure(reason: "proof of the wrong length") }
        let clientKey = zip(proof, clientSignature).map { $0 ^ $1 }
        guard constantTimeEqual(mechanism.hash(clientKey), credential.storedKey), userExists else {
            throw Failure(reason: "invalid credentials")
        }
        let serverSignature = mechanism.hmac(key: credential.serverKey, authMessage)
        return (clientFirst.user, "v=" + Data(serverSignature).base64EncodedString())
    }

    /// A credential no password matches, with a salt derived from the name like a real one.
    private func madeUpCredential(for user: String) -> ScramCredential {
        let salt = Array(mechanism.hmac(key: unknownUserSecret, Array(user.utf8)).prefix(mechanism.digestLength))
        return ScramCredential(
            mechanism: mechanism,
            salt: salt,
            iterations: ScramMechanism.minimumIterations,
            saltedPassword: secureRandomBytes(mechanism.digestLength)
        )
    }

    /// `gs2-header client-first-bare`: `n,[a=authzid],n=user,r=nonce[,extensions]`.
    private static func parseClientFirst(_ message: String) throws(Failure) -> ClientFirst {
        let parts = message.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        // Kibitz offers no channel binding, so a client must say "n" (not "y" or "p=...").
        guard parts.count == 3, parts[0] == "n" else { throw Failure(reason: "invalid gs2 header") }
        let authorizationId = parts[1]
        guard authorizationId.isEmpty || authorizationId.hasPrefix("a=") else {
            throw Failure(reason: "invalid authorization id")
        }
        let bare = String(parts[2])
        let attributes = bare.split(separator: ",", omittingEmptySubsequences: false)
        guard attributes.count >= 2, attributes[0].hasPrefix("n="), attributes[1].hasPrefix("r=") else {
            throw Failure(reason: "invalid client-first message")
        }
        guard let user = decodeSaslName(attributes[0].dropFirst(2)), !user.isEmpty else {
            throw Failure(reason: "invalid user name")
        }
        let nonce = String(attributes[1].dropFirst(2))
        guard !nonce.isEmpty else { throw Failure(reason: "empty nonce") }
        if !authorizationId.isEmpty, decodeSaslName(authorizationId.dropFirst(2)) != user {
            throw Failure(reason: "authorization id differs from the user name")
        }
        return ClientFirst(gs2Header: "\(parts[0]),\(authorizationId),", bare: bare, user: user, nonce: nonce)
    }

    /// A saslname with its escapes (`=2C` for `,`, `=3D` for `=`) undone; nil for a bad escape.
    private static func decodeSaslName(_ name: Substring) -> String? {
        var decoded = ""
        var rest = name[...]
        while let escape = rest.firstIndex(of: "=") {
            decoded += rest[..<escape]
            let code = rest[escape...].prefix(3)
            switch code {
            case "=2C": decoded += ","
            case "=3D": decoded += "="
            default: return nil
            }
            rest = rest[rest.index(escape, offsetBy: 3)...]
        }
        return decoded + rest
    }
}
