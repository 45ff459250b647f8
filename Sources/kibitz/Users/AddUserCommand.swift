import ArgumentParser
import Broker
import Glibc

/// `kibitz users add NAME`: stores salted SCRAM credentials of a password, never the password.
struct AddUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user, or change its password.",
        discussion: """
            Stores SCRAM-SHA-256 and SCRAM-SHA-512 credentials unless --mechanism narrows them; \
            SASL/PLAIN logins are checked against the SCRAM-SHA-256 one.
            """
    )

    @Argument(help: "The user name.")
    var name: String

    @Flag(help: "Read the password from the first line of standard input instead of prompting.")
    var passwordStdin = false

    @Option(
        name: .customLong("mechanism"),
        help: "SCRAM-SHA-256 or SCRAM-SHA-512; repeatable (default: both)."
    )
    var mechanisms: [ScramMechanism] = []

    @Option(help: "PBKDF2 iterations, 4096 to 16384.")
    var iterations = ScramMechanism.minimumIterations

    @OptionGroup var directory: UsersDirectoryOptions

    func validate() throws {
        guard !name.isEmpty else { throw ValidationError("the user name must not be empty") }
        guard (ScramMechanism.minimumIterations...ScramMechanism.maximumIterations).contains(iterations) else {
            throw ValidationError(
                "--iterations must be \(ScramMechanism.minimumIterations) to \(ScramMechanism.maximumIterations)"
            )
        }
    }

    func run() throws {
        let password = try readPassword()
        guard !password.isEmpty else { throw ValidationError("the password must not be empty") }
        let store = try directory.openStore()
        let chosen = mechanisms.isEmpty ? ScramMechanism.allCases : mechanisms
        for mechanism in chosen {
            try store.upsert(
                ScramCredential(mechanism: mechanism, password: password, iterations: iterations),
                of: name
            )
        }
        print("user \(name): \(chosen.map(\.name).joined(separator: ", "))")
    }

    private func readPassword() throws -> String {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true) else {
                throw ValidationError("--password-stdin: no password on standard input")
            }
            return line
        }
        guard isatty(STDIN_FILENO) == 1, let entered = getpass("Password for \(name): ") else {
            throw ValidationError("no terminal to ask the password on; use --password-stdin")
        }
        return String(cString: entered)
    }
}
