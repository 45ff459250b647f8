import KafkaProtocol
import NIOCore

/// Authenticates one connection of the SASL listener: SaslHandshake picks the mechanism, then
/// SaslAuthenticate carries its tokens until the user is known or the attempt fails.
///
/// Every answer says whether the connection must close after it, as Kafka closes it after a
/// failed authentication, an unknown mechanism or a request out of turn.
final class SaslAuthenticator {
    /// An answer to send and whether the connection ends with it.
    struct Answer<Response: KafkaMessage> {
        let response: Response
        let closesConnection: Bool
    }

    private enum State {
        case awaitingHandshake
        case awaitingToken(SaslMechanism)
        case scram(ScramServerExchange)
        case authenticated(user: String)
        case failed
    }

    private let credentials: ScramCredentialStore
    private let unknownUserSecret: [UInt8]
    private var state = State.awaitingHandshake

    init(credentials: ScramCredentialStore, unknownUserSecret: [UInt8]) {
        self.credentials = credentials
        self.unknownUserSecret = unknownUserSecret
    }

    /// The authenticated user, nil until authentication succeeds.
    var user: String? {
        if case .authenticated(let user) = state { return user }
        return nil
    }

    /// Version 0, whose tokens follow raw outside Kafka's framing, is refused with UNSUPPORTED_VERSION.
    func handshake(_ request: SaslHandshakeRequest, version: Int16) -> Answer<SaslHandshakeResponse> {
        let offered = SaslMechanism.allCases.map(\.rawValue)
        guard version >= 1 else {
            state = .failed
            return Answer(
                response: SaslHandshakeResponse(errorCode: ErrorCode.unsupportedVersion.rawValue, mechanisms: offered),
                closesConnection: true
            )
        }
        guard case .awaitingHandshake = state else {
            state = .failed
            return Answer(
                response: SaslHandshakeResponse(errorCode: ErrorCode.illegalSaslState.rawValue, mechanisms: offered),
                closesConnection: true
            )
        }
        guard let mechanism = SaslMechanism(rawValue: request.mechanism) else {
            state = .failed
            return Answer(
                response: SaslHandshakeResponse(
                    errorCode: ErrorCode.unsupportedSaslMechanism.rawValue,
                    mechanisms: offered
                ),
                closesConnection: true
            )
        }
        state = .awaitingToken(mechanism)
        return Answer(response: SaslHandshakeResponse(mechanisms: offered), closesConnection: false)
    }

    func authenticate(_ request: SaslAuthenticateRequest) -> Answer<SaslAuthenticateResponse> {
        let token = String(decoding: request.authBytes.readableBytesView, as: UTF8.self)
        switch state {
        case .awaitingToken(let mechanism):
            guard let scram = mechanism.scram else { return finish(plain: token) }
            return start(scram, clientFirst: token)
        case .scram(var exchange):
            do {
                let (user, serverFinal) = try exchange.receiveClientFinal(token)
                state = .authenticated(user: user)
                return Answer(
                    response: SaslAuthenticateResponse(errorMessage: nil, authBytes: ByteBuffer(string: serverFinal)),
                    closesConnection: false
                )
            } catch {
                return fail(Self.scramFailureMessage(exchange.mechanism))
            }
        case .awaitingHandshake, .authenticated, .failed:
            state = .failed
            return Answer(
                response: SaslAuthenticateResponse(
                    errorCode: ErrorCode.illegalSaslState.rawValue,
                    errorMessage: "Unexpected SaslAuthenticate request"
                ),
                closesConnection: true
            )
        }
    }

    /// The first SCRAM token: answers the server-first message.
    private func start(_ mechanism: ScramMechanism, clientFirst: String) -> Answer<SaslAuthenticateResponse> {
        var exchange = ScramServerExchange(mechanism: mechanism, unknownUserSecret: unknownUserSecret)
        do {
            let serverFirst = try exchange.receiveClientFirst(clientFirst) {
                self.credentials.credential(of: $0, mechanism: mechanism)
            }
            state = .scram(exchange)
            return Answer(
                response: SaslAuthenticateResponse(errorMessage: nil, authBytes: ByteBuffer(string: serverFirst)),
                closesConnection: false
            )
        } catch {
            return fail(Self.scramFailureMessage(mechanism))
        }
    }

    /// SASL/PLAIN (RFC 4616): `authzid NUL user NUL password`, checked against the user's
    /// SCRAM-SHA-256 credential, with Kafka's PlainSaslServer messages.
    private func finish(plain token: String) -> Answer<SaslAuthenticateResponse> {
        let parts = token.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            return fail("Invalid SASL/PLAIN response: expected 3 tokens, got \(parts.count)")
        }
        let (authorizationId, user, password) = (parts[0], parts[1], parts[2])
        guard !user.isEmpty else { return fail("Authentication failed: username not specified") }
        guard !password.isEmpty else { return fail("Authentication failed: password not specified") }
        // An unknown user costs the same key derivation as a known one: timing tells nothing either.
        let stored = credentials.credential(of: user, mechanism: .sha256)
        let credential =
            stored
            ?? ScramCredential(
                mechanism: .sha256,
                salt: unknownUserSecret,
                iterations: ScramMechanism.minimumIterations,
                saltedPassword: secureRandomBytes(ScramMechanism.sha256.digestLength)
            )
        guard credential.matches(password: password), stored != nil else {
            return fail("Authentication failed: Invalid username or password")
        }
        guard authorizationId.isEmpty || authorizationId == user else {
            return fail("Authentication failed: Client requested an authorization id that is different from username")
        }
        state = .authenticated(user: user)
        return Answer(response: SaslAuthenticateResponse(errorMessage: nil), closesConnection: false)
    }

    private func fail(_ message: String) -> Answer<SaslAuthenticateResponse> {
        state = .failed
        return Answer(
            response: SaslAuthenticateResponse(
                errorCode: ErrorCode.saslAuthenticationFailed.rawValue,
                errorMessage: message
            ),
            closesConnection: true
        )
    }

    /// Kafka's answer to every failed SCRAM exchange, whatever failed.
    static func scramFailureMessage(_ mechanism: ScramMechanism) -> String {
        "Authentication failed during authentication due to invalid credentials with SASL mechanism \(mechanism.name)"
    }
}
