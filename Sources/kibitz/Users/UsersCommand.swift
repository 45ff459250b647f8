import ArgumentParser

/// `kibitz users`: the SASL users of the broker's SASL listener, kept in the data directory.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, remove and list the users of the SASL listener (serve --sasl-port).",
        subcommands: [AddUserCommand.self, RemoveUserCommand.self, ListUsersCommand.self]
    )
}
