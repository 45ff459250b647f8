import KafkaProtocol

extension RequestDispatcher {
    /// DescribeUserScramCredentials: each user's mechanisms and iterations (never salts or keys);
    /// all users when none are named.
    func describeUserScramCredentials(
        _ request: DescribeUserScramCredentialsRequest
    ) -> DescribeUserScramCredentialsResponse {
        typealias Result = DescribeUserScramCredentialsResponse.DescribeUserScramCredentialsResult
        func described(_ user: ScramCredentialStore.User) -> Result {
            Result(
                user: user.name,
                errorMessage: nil,
                credentialInfos: user.credentials.map {
                    .init(mechanism: $0.mechanism.kafkaType, iterations: Int32($0.iterations))
                }
            )
        }
        guard let names = request.users?.map(\.name), !names.isEmpty else {
            do {
                return DescribeUserScramCredentialsResponse(
                    errorMessage: nil,
                    results: try credentials.users().map(described)
                )
            } catch {
                return DescribeUserScramCredentialsResponse(
                    errorCode: ErrorCode.unknownServerError.rawValue,
                    errorMessage: "cannot read the users: \(error)"
                )
            }
        }
        let duplicates = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        var seen = Set<String>()
        let results = names.compactMap { name -> Result? in
            guard seen.insert(name).inserted else { return nil }
            if duplicates.contains(name) {
                return Result(
                    user: name,
                    errorCode: ErrorCode.duplicateResource.rawValue,
                    errorMessage: "Cannot describe SCRAM credentials for the same user twice in a single request"
                )
            }
            guard let user = credentials.user(named: name) else {
                return Result(
                    user: name,
                    errorCode: ErrorCode.resourceNotFound.rawValue,
                    errorMessage: "Attempt to describe a user credential that does not exist"
                )
            }
            return described(user)
        }
        return DescribeUserScramCredentialsResponse(errorMessage: nil, results: results)
    }

    /// AlterUserScramCredentials: deletes credentials and adds or replaces them from salted
    /// passwords (the client salts; the broker keeps only the derived keys), with Kafka's checks.
    /// A user named twice in one request is refused whole, as Kafka refuses it.
    func alterUserScramCredentials(_ request: AlterUserScramCredentialsRequest) -> AlterUserScramCredentialsResponse {
        typealias Result = AlterUserScramCredentialsResponse.AlterUserScramCredentialsResult
        let names = request.deletions.map(\.name) + request.upsertions.map(\.name)
        var seen = Set<String>()
        let alteredTwice = Set(names.filter { !seen.insert($0).inserted })
        var results: [Result] = []
        var answered = Set<String>()
        func answer(_ name: String, _ error: ErrorCode = .none, _ message: String? = nil) {
            guard answered.insert(name).inserted else { return }
            results.append(Result(user: name, errorCode: error.rawValue, errorMessage: message))
        }
        for name in alteredTwice {
            answer(name, .duplicateResource, "A user credential cannot be altered twice in the same request")
        }
        for deletion in request.deletions where !alteredTwice.contains(deletion.name) {
            guard !deletion.name.isEmpty else {
                answer(deletion.name, .unacceptableCredential, "Username must not be empty")
                continue
            }
            guard let mechanism = ScramMechanism(kafkaType: deletion.mechanism) else {
                answer(deletion.name, .unsupportedSaslMechanism, "Unknown SCRAM mechanism")
                continue
            }
            do {
                if try credentials.remove(mechanism, of: deletion.name) {
                    answer(deletion.name)
                } else {
                    answer(
                        deletion.name,
                        .resourceNotFound,
                        "Attempt to delete a user credential that does not exist"
                    )
                }
            } catch {
                answer(deletion.name, .unknownServerError, "cannot delete the credential: \(error)")
            }
        }
        for upsertion in request.upsertions where !alteredTwice.contains(upsertion.name) {
            if let refusal = Self.refusal(of: upsertion) {
                answer(upsertion.name, refusal.0, refusal.1)
                continue
            }
            let credential = ScramCredential(
                mechanism: ScramMechanism(kafkaType: upsertion.mechanism)!,
                salt: Array(upsertion.salt.readableBytesView),
                iterations: Int(upsertion.iterations),
                saltedPassword: Array(upsertion.saltedPassword.readableBytesView)
            )
            do {
                try credentials.upsert(credential, of: upsertion.name)
                answer(upsertion.name)
            } catch {
                answer(upsertion.name, .unknownServerError, "cannot store the credential: \(error)")
            }
        }
        return AlterUserScramCredentialsResponse(results: results)
    }

    /// Why an upsertion is refused (Kafka's error and message), nil when it is acceptable.
    private static func refusal(
        of upsertion: AlterUserScramCredentialsRequest.ScramCredentialUpsertion
    ) -> (ErrorCode, String)? {
        guard !upsertion.name.isEmpty else { return (.unacceptableCredential, "Username must not be empty") }
        guard let mechanism = ScramMechanism(kafkaType: upsertion.mechanism) else {
            return (.unsupportedSaslMechanism, "Unknown SCRAM mechanism")
        }
        let iterations = Int(upsertion.iterations)
        guard iterations >= ScramMechanism.minimumIterations else {
            return (
                .unacceptableCredential,
                "Iterations \(iterations) is less than the minimum \(ScramMechanism.minimumIterations) for \(mechanism.name)"
            )
        }
        guard iterations <= ScramMechanism.maximumIterations else {
            return (
                .unacceptableCredential,
                "Iterations \(iterations) is more than the maximum \(ScramMechanism.maximumIterations) for \(mechanism.name)"
            )
        }
        guard upsertion.salt.readableBytes > 0 else { return (.unacceptableCredential, "Salt must not be empty") }
        guard upsertion.saltedPassword.readableBytes > 0 else {
            return (.unacceptableCredential, "Salted password must not be empty")
        }
        return nil
    }
}
