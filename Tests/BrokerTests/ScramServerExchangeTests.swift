import Broker
import Foundation
import Testing

/// The SCRAM server against RFC 7677's SCRAM-SHA-256 example, and the exchanges it must refuse.
@Suite struct ScramServerExchangeTests {
    // RFC 7677, section 3: user "user", password "pencil".
    static let salt = Array(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")!)
    static let clientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
    static let serverNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    static let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    static let clientFinal =
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    static let serverFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

    let pencil = ScramCredential(
        mechanism: .sha256,
        salt: salt,
        iterations: 4096,
        saltedPassword: ScramMechanism.sha256.saltedPassword("pencil", salt: salt, iterations: 4096)
    )

    func exchange() -> ScramServerExchange {
        ScramServerExchange(mechanism: .sha256, unknownUserSecret: Array("secret".utf8), serverNonce: Self.serverNonce)
    }

    func lookup(_ user: String) -> ScramCredential? { user == "user" ? pencil : nil }

    @Test func rfc7677ExampleAuthenticatesWithTheServerSignature() throws {
        var exchange = exchange()
        #expect(try exchange.receiveClientFirst(Self.clientFirst, credential: lookup) == Self.serverFirst)
        let (user, serverFinal) = try exchange.receiveClientFinal(Self.clientFinal)
        #expect(user == "user")
        #expect(serverFinal == Self.serverFinal)
    }

    @Test func wrongPasswordIsRefusedAtTheProof() throws {
        let salted = ScramMechanism.sha256.saltedPassword("pencil2", salt: Self.salt, iterations: 4096)
        let otherPassword = ScramCredential(
            mechanism: .sha256,
            salt: Self.salt,
            iterations: 4096,
            saltedPassword: salted
        )
        var exchange = exchange()
        _ = try exchange.receiveClientFirst(Self.clientFirst) { _ in otherPassword }
        #expect(throws: ScramServerExchange.Failure.self) { try exchange.receiveClientFinal(Self.clientFinal) }
    }

    @Test func unknownUserGetsAStableSaltAndFailsAtTheProofLikeAWrongPassword() throws {
        var first = exchange()
        var second = exchange()
        let firstAnswer = try first.receiveClientFirst("n,,n=nobody,r=rOprNGfwEbeRWgbNEkqO", credential: lookup)
        let secondAnswer = try second.receiveClientFirst("n,,n=nobody,r=rOprNGfwEbeRWgbNEkqO", credential: lookup)
        #expect(firstAnswer == secondAnswer)
        #expect(firstAnswer.hasSuffix(",i=4096"))
        #expect(firstAnswer != Self.serverFirst)
        #expect(throws: ScramServerExchange.Failure.self) { try first.receiveClientFinal(Self.clientFinal) }
    }

    @Test func unknownUserWithTheRightProofOfAnotherUserIsStillRefused() throws {
        // Even a proof that would match the made-up keys cannot pass: the user does not exist.
        var exchange = exchange()
        _ = try exchange.receiveClientFirst("n,,n=ghost,r=rOprNGfwEbeRWgbNEkqO", credential: lookup)
        #expect(throws: ScramServerExchange.Failure.self) { try exchange.receiveClientFinal(Self.clientFinal) }
    }

    @Test(arguments: [
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k1,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "c=eSws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=!!!",
        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=AAAA",
    ])
    func tamperedClientFinalIsRefused(message: String) throws {
        var exchange = exchange()
        _ = try exchange.receiveClientFirst(Self.clientFirst, credential: lookup)
        #expect(throws: ScramServerExchange.Failure.self) { try exchange.receiveClientFinal(message) }
    }

    @Test func clientNonceSentTwiceIsAcceptedAsKafkaAcceptsIt() throws {
        // librdkafka before 2.1 repeats the client nonce before the combined one; the proof is
        // made over the message as sent.
        let user = "user"
        let clientNonce = "rOprNGfwEbeRWgbNEkqO"
        var exchange = exchange()
        let serverFirst = try exchange.receiveClientFirst("n,,n=\(user),r=\(clientNonce)", credential: lookup)
        let withoutProof = "c=biws,r=\(clientNonce)\(clientNonce)\(Self.serverNonce)"
        let salted = ScramMechanism.sha256.saltedPassword("pencil", salt: Self.salt, iterations: 4096)
        let clientKey = ScramMechanism.sha256.hmac(key: salted, Array("Client Key".utf8))
        let authMessage = Array("n=\(user),r=\(clientNonce),\(serverFirst),\(withoutProof)".utf8)
        let signature = ScramMechanism.sha256.hmac(key: ScramMechanism.sha256.hash(clientKey), authMessage)
        let proof = Data(zip(clientKey, signature).map { $0 ^ $1 }).base64EncodedString()
        #expect(try exchange.receiveClientFinal("\(withoutProof),p=\(proof)").user == "user")
    }

    @Test(arguments: [
        "", "y,,n=user,r=abc", "p=tls-unique,,n=user,r=abc", "n,,r=abc", "n,,n=user", "n,,n=,r=abc",
        "n,,n=us=er,r=abc", "n,a=other,n=user,r=abc", "n,,n=user,r=",
    ])
    func malformedClientFirstIsRefused(message: String) {
        var exchange = exchange()
        #expect(throws: ScramServerExchange.Failure.self) {
            try exchange.receiveClientFirst(message, credential: lookup)
        }
    }

    @Test func clientFinalBeforeClientFirstIsRefused() {
        var exchange = exchange()
        #expect(throws: ScramServerExchange.Failure.self) { try exchange.receiveClientFinal(Self.clientFinal) }
    }

    @Test func escapedUserNameIsDecoded() throws {
        var exchange = exchange()
        var asked: String?
        _ = try exchange.receiveClientFirst("n,,n=a=2Cb=3Dc,r=abc") {
            asked = $0
            return nil
        }
        #expect(asked == "a,b=c")
    }

    @Test func plainPasswordMatchesOnlyItsCredential() {
        #expect(pencil.matches(password: "pencil"))
        #expect(!pencil.matches(password: "pencil "))
    }
}
