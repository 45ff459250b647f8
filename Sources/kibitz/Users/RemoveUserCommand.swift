import ArgumentParser

/// `kibitz users remove NAME`: the user can no longer log in, from its next authentication on.
struct RemoveUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a user.")

    @Argument(help: "The user name.")
    var name: String

    @OptionGroup var directory: UsersDirectoryOptions

    func run() throws {
        guard try directory.openStore().remove(user: name) else {
            throw ValidationError("no user named '\(name)' in \(directory.dataDir)")
        }
        print("removed user \(name)")
    }
}
