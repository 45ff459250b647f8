import EventLog
import Foundation
import Locking

/// The SASL users of the broker and their SCRAM credentials, one durable file per user under
/// DATA_DIR/users, shared by the running broker and `kibitz users`.
///
/// Every lookup reads the user's file afresh, so a user added or removed by the command line
/// while the broker runs counts from the next authentication on.
public final class ScramCredentialStore: Sendable {
    /// One user's record: its name and a credential per mechanism.
    public struct User: Sendable, Equatable, Codable {
        public var name: String
        public var credentials: [ScramCredential]
    }

    private let store: DurableRecordStore
    /// Serializes read-modify-write of a user's record within this process.
    private let writes = Locked(())

    /// Opens (creating) the users directory of the data directory `dataDirectory`.
    public init(dataDirectory: String) throws(EventLogError) {
        store = try DurableRecordStore(directory: dataDirectory + "/users")
    }

    /// The user named `name`, nil when there is none (or its record cannot be read).
    public func user(named name: String) -> User? {
        guard let bytes = try? store.read(key: name) else { return nil }
        return try? JSONDecoder().decode(User.self, from: Data(bytes))
    }

    /// The credential of `name` for `mechanism`, nil when there is none.
    public func credential(of name: String, mechanism: ScramMechanism) -> ScramCredential? {
        user(named: name)?.credentials.first { $0.mechanism == mechanism }
    }

    /// Every user, by name.
    public func users() throws -> [User] {
        try store.readAll().compactMap { try? JSONDecoder().decode(User.self, from: Data($0)) }
            .sorted { $0.name < $1.name }
    }

    /// Adds or replaces the credential of `name` for its mechanism, durably.
    public func upsert(_ credential: ScramCredential, of name: String) throws {
        try writes.withLock { _ in
            var user = self.user(named: name) ?? User(name: name, credentials: [])
            user.credentials.removeAll { $0.mechanism == credential.mechanism }
            user.credentials.append(credential)
            user.credentials.sort { $0.mechanism.kafkaType < $1.mechanism.kafkaType }
            try write(user)
        }
    }

    /// Removes the credential of `name` for `mechanism`, and the user with its last one; false
    /// when there was no such credential.
    @discardableResult
    public func remove(_ mechanism: ScramMechanism, of name: String) throws -> Bool {
        try writes.withLock { _ in
            guard var user = self.user(named: name), user.credentials.contains(where: { $0.mechanism == mechanism })
            else { return false }
            user.credentials.removeAll { $0.mechanism == mechanism }
            if user.credentials.isEmpty {
                try store.remove(key: name)
            } else {
                try write(user)
            }
            return true
        }
    }

    /// Removes the user `name` and all its credentials; false when there was no such user.
    @discardableResult
    public func remove(user name: String) throws -> Bool {
        try writes.withLock { _ in
            guard self.user(named: name) != nil else { return false }
            try store.remove(key: name)
            return true
        }
    }

    private func write(_ user: User) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try store.write(Array(try encoder.encode(user)), key: user.name)
    }
}
