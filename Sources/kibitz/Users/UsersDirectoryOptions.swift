import ArgumentParser
import Broker

/// The data directory whose users a `kibitz users` command manages.
struct UsersDirectoryOptions: ParsableArguments {
    @Option(help: "Data directory of the broker (as given to serve); users are kept in DIR/users.")
    var dataDir = "kibitz-data"

    /// The users store; a running broker sees its changes at the next authentication.
    func openStore() throws -> ScramCredentialStore {
        try ScramCredentialStore(dataDirectory: dataDir)
    }
}
