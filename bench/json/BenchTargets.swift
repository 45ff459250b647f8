
// bench/json/BenchTargets.swift, appended by bench/json/run.sh to a copy of the project's
// Package.swift in a scratch directory whose Sources link to the project's targets: the harness
// measures the shipped FastJSON and Streams, not copies.
package.targets += [
    .target(
        name: "CSimdjsonMoves",
        cxxSettings: [.define("SIMDJSON_THREADS_ENABLED", to: "1")],
        linkerSettings: [.linkedLibrary("simdjson")]
    ),
    .executableTarget(
        name: "JSONBench",
        dependencies: [
            "CSimdjsonMoves", "EventLog", "FastJSON", "KafkaProtocol", "Streams",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]
    ),
]
package.cxxLanguageStandard = .cxx17
