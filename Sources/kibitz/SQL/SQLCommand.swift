import ArgumentParser
import Dispatch
import Foundation
import KafkaCommandLine

#if canImport(Glibc)
import Glibc
#endif

/// `kibitz sql`: Flink SQL against a running `kibitz serve`.
struct SQLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run Flink SQL against a running Kibitz server.",
        discussion: """
            With -f, submits a file of statements separated by semicolons; with -e, one statement or \
            more. A SELECT shows its continuously updating result until Ctrl-C (--once: the current \
            result, then exit). Without -f or -e, reads statements from standard input, each ended \
            by a semicolon; on a terminal with line editing and a history kept in \
            ~/.kibitz_sql_history.
            """
    )

    @Option(name: .long, help: "The server's HTTP address.")
    var http = "http://127.0.0.1:8080"

    @Option(name: .shortAndLong, help: "A file of SQL statements to submit.")
    var file: String?

    @Option(name: .shortAndLong, help: "SQL statements to submit.")
    var execute: String?

    @Flag(name: .long, help: "For a SELECT: print the current result once and exit.")
    var once = false

    @Option(name: .long, help: "How a SELECT's rows are printed: table, csv or json (one object per line).")
    var format: String = "table"

    @Option(name: .long, help: "Seconds --once waits for the query to catch up with its topics.")
    var timeout: Double = 30

    func validate() throws {
        guard SQLResultPrinter.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be table, csv or json, not \(format)")
        }
        if file != nil && execute != nil { throw ValidationError("give -f or -e, not both") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        let output = ClientOutput()
        let client = try SQLServerClient(http)
        let printer = SQLResultPrinter(format: SQLResultPrinter.Format(rawValue: format) ?? .table)
        if let file {
            try await submit(
                try Self.contents(of: file),
                source: file,
                client: client,
                printer: printer,
                output: output
            )
        } else if let execute {
            try await submit(execute, source: "-e", client: client, printer: printer, output: output)
        } else {
            try await interactive(client: client, printer: printer, output: output)
        }
    }

    /// The text of a file of statements, or a failure saying why it cannot be read.
    private static func contents(of path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw CommandFailure("\(path) is a directory, not a file of statements") }
        do {
            return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        } catch {
            throw CommandFailure("\(path) cannot be read: \(error.localizedDescription)")
        }
    }

    /// Submits a script and prints what it did; a SELECT's result is followed.
    private func submit(
        _ script: String,
        source: String,
        client: SQLServerClient,
        printer: SQLResultPrinter,
        output: ClientOutput
    ) async throws {
        let results: [JSONValue]
        do {
            results = try await client.execute(script)
        } catch let error as SQLCommandError {
            throw CommandFailure(source == file ? error.located(in: source) : error.description)
        }
        write(printer.render(results: results.filter { $0["kind"]?.string != "query_started" }), to: output)
        for result in results where result["kind"]?.string == "query_started" {
            guard let name = result["name"]?.string else { continue }
            try await follow(name, client: client, printer: printer, output: output, continuously: !once)
        }
    }

    /// Prints a temporary view's rows: once it has caught up (--once), or on every change until
    /// Ctrl-C; then drops it.
    private func follow(
        _ name: String,
        client: SQLServerClient,
        printer: SQLResultPrinter,
        output: ClientOutput,
        continuously: Bool
    ) async throws {
        let interrupted = SignalFlag()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { interrupted.set() }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var shown: [String]?
        while !interrupted.isSet {
            let view = try await client.view(name)
            if let error = view["error"]?.string, view["status"]?.string == "failed" {
                await dropQuietly(name, client: client)
                throw CommandFailure("the query failed: \(error)")
            }
            let ready = view["finished"]?.bool == true || view["caught_up"]?.bool == true
            if !continuously {
                if ready || Date() > deadline {
                    if !ready {
                        ClientOutput.report("the query had not caught up within --timeout; showing what it has")
                    }
                    write(printer.render(view: view), to: output)
                    break
                }
            } else if ready {
                let rendered = printer.render(view: view)
                if rendered != shown {
                    // On a terminal the table is redrawn in place; otherwise each new result follows.
                    if isatty(STDOUT_FILENO) != 0 { output.write(Array("\u{1B}[H\u{1B}[2J".utf8)) }
                    write(rendered, to: output)
                    shown = rendered
                }
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        await dropQuietly(name, client: client)
    }

    private func write(_ lines: [String], to output: ClientOutput) {
        for line in lines { output.writeLine(line) }
        output.flush()
    }

    private func dropQuietly(_ name: String, client: SQLServerClient) async {
        try? await client.dropView(name)
    }

    /// Reads statements from standard input, each ended by a semicolon at the end of a line; on a
    /// terminal with line editing and history.
    private func interactive(client: SQLServerClient, printer: SQLResultPrinter, output: ClientOutput) async throws {
        let reader = LineReader()
        var pending = ""
        while let line = reader.readLine(
            prompt: reader.isTerminal ? (pending.isEmpty ? "Kibitz SQL> " : "         > ") : ""
        ) {
            pending += (pending.isEmpty ? "" : "\n") + line
            let trimmed = pending.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.lowercased() == "quit;" || trimmed.lowercased() == "exit;" { return }
            if trimmed.hasSuffix(";") {
                reader.remember(trimmed)
                do {
                    let results = try await client.execute(trimmed)
                    write(printer.render(results: results.filter { $0["kind"]?.string != "query_started" }), to: output)
                    for result in results where result["kind"]?.string == "query_started" {
                        if let name = result["name"]?.string {
                            try await follow(
                                name,
                                client: client,
                                printer: printer,
                                output: output,
                                continuously: false
                            )
                        }
                    }
                } catch let error as SQLCommandError {
                    ClientOutput.report("[ERROR] \(error)")
                } catch let error as CommandFailure {
                    ClientOutput.report("[ERROR] \(error)")
                }
                pending = ""
            } else if trimmed.isEmpty {
                pending = ""
            }
        }
    }
}
