import ArgumentParser

/// `kibitz users list`: each user with its mechanisms and iterations.
struct ListUsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users.")

    @OptionGroup var directory: UsersDirectoryOptions

    func run() throws {
        for user in try directory.openStore().users() {
            let credentials = user.credentials.map { "\($0.mechanism.name) (\($0.iterations) iterations)" }
            print("\(user.name)\t\(credentials.joined(separator: ", "))")
        }
    }
}
