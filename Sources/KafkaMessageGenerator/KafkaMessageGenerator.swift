import Foundation

/// Writes Sources/KafkaProtocol/Generated from Kafka's JSON message definitions.
///
///     swift run kafka-message-generator SCHEMA_DIR OUTPUT_DIR [--check]
///
/// Every request and response that a broker serves to clients (`listeners` naming `broker` or
/// `zkBroker`) becomes a Swift struct; `APIKey.swift` lists them with their versions, and
/// `KafkaRequest+Body.swift` the request enum. With `--check` nothing is written: the exit status
/// says whether OUTPUT_DIR already holds exactly what would be generated.
@main
struct KafkaMessageGenerator {
    static func main() {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            let paths = arguments.filter { !$0.hasPrefix("--") }
            guard paths.count == 2 else {
                throw GeneratorError.usage("usage: kafka-message-generator SCHEMA_DIR OUTPUT_DIR [--check]")
            }
            let files = try generate(schemaDirectory: URL(fileURLWithPath: paths[0]))
            let output = URL(fileURLWithPath: paths[1])
            if arguments.contains("--check") {
                let stale = try staleFiles(files, in: output)
                guard stale.isEmpty else {
                    FileHandle.standardError.write(
                        Data("out of date with the schemas: \(stale.joined(separator: ", "))\n".utf8)
                    )
                    exit(1)
                }
            } else {
                try write(files, to: output)
            }
        } catch {
            FileHandle.standardError.write(Data("kafka-message-generator: \(error)\n".utf8))
            exit(2)
        }
    }

    /// File name → contents of everything generated.
    static func generate(schemaDirectory: URL) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: schemaDirectory.path)
            .filter { $0.hasSuffix("Request.json") || $0.hasSuffix("Response.json") }
            .sorted()
        let schemas = try names.map { try MessageSchema.read(from: schemaDirectory.appendingPathComponent($0)) }
        // Responses carry no `listeners`: a response is generated when its request is.
        let servedKeys = Set(
            schemas.filter { $0.type == "request" && $0.isServedToClients }.compactMap(\.apiKey)
        )
        var files: [String: String] = [:]
        var apis: [APIDescription] = []
        for schema in schemas {
            guard schema.type == "request" || schema.type == "response",
                let apiKey = schema.apiKey, servedKeys.contains(apiKey)
            else { continue }
            files["\(schema.name).swift"] = try SwiftMessageWriter(schema: schema).source()
            if schema.type == "request" {
                apis.append(
                    APIDescription(
                        name: String(schema.name.dropLast("Request".count)),
                        key: apiKey,
                        validVersions: try VersionRange(schema.validVersions),
                        flexibleVersions: try VersionRange(schema.flexibleVersions)
                    )
                )
            }
        }
        apis.sort { $0.key < $1.key }
        files["APIKey.swift"] = APITableWriter(apis: apis).apiKeySource()
        files["KafkaRequest+Body.swift"] = APITableWriter(apis: apis).requestBodySource()
        return files
    }

    static func write(_ files: [String: String], to output: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: output, withIntermediateDirectories: true)
        for old in try manager.contentsOfDirectory(atPath: output.path) where files[old] == nil {
            try manager.removeItem(at: output.appendingPathComponent(old))
        }
        for (name, contents) in files {
            try contents.write(to: output.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    static func staleFiles(_ files: [String: String], in output: URL) throws -> [String] {
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? [])
        let extra = present.subtracting(files.keys)
        let differing = files.filter { name, contents in
            (try? String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)) != contents
        }.keys
        return (Array(extra) + Array(differing)).sorted()
    }
}
