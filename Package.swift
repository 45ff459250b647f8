// swift-tools-version: 6.1
import PackageDescription

/// Kibitz: real-time game event streaming and live analytics in one binary.
///
/// Targets follow the layers of DESIGN.md; each depends only on targets listed before it.
let package = Package(
    name: "Kibitz",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kibitz", targets: ["kibitz"]),
        .executable(name: "kibitz-benchmarks", targets: ["KibitzBenchmarks"]),
        .executable(name: "kafka-message-generator", targets: ["KafkaMessageGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        // C libraries from Debian, reached through system-library targets.
        .systemLibrary(name: "CZlib", path: "Sources/CSystem/CZlib", pkgConfig: "zlib"),
        .systemLibrary(name: "CLZ4", path: "Sources/CSystem/CLZ4", pkgConfig: "liblz4"),
        .systemLibrary(name: "CZstd", path: "Sources/CSystem/CZstd", pkgConfig: "libzstd"),
        .systemLibrary(name: "CSnappy", path: "Sources/CSystem/CSnappy"),
        .systemLibrary(name: "CRdKafka", path: "Sources/CSystem/CRdKafka", pkgConfig: "rdkafka"),
        // Line editing and history for `kibitz sql`'s interactive mode (BSD libedit).
        .systemLibrary(name: "CEditLine", path: "Sources/CSystem/CEditLine", pkgConfig: "libedit"),
        // OpenSSL's libcrypto (librdkafka needs it anyway): SHA-256 of secrets kept in the log, SCRAM's hashes.
        .systemLibrary(name: "CCrypto", path: "Sources/CSystem/CCrypto", pkgConfig: "libcrypto"),

        // The one seeded random generator (SplitMix64), for chess and the simulators.
        .target(name: "SeededRandom"),
        // Gzip through zlib, the one wrapper of it for Kafka's gzip codec and Parquet's gzip pages.
        .target(name: "Gzip", dependencies: ["CZlib"]),
        // The one lock type (`Locked`), for every target from the storage layer to the leaf libraries.
        .target(name: "Locking"),

        // Writes KafkaProtocol/Generated from Kafka's JSON message schemas (run by hand, checked in CI).
        .executableTarget(name: "KafkaMessageGenerator"),
        // 1. Pure values and codecs of the Kafka wire protocol.
        .target(
            name: "KafkaProtocol",
            dependencies: [
                "Gzip", "CZlib", "CLZ4", "CZstd", "CSnappy",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // 2. Durable storage of partitions as segment files.
        .target(
            name: "EventLog",
            dependencies: [
                "KafkaProtocol", "Locking",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // 3. The SwiftNIO server speaking the Kafka protocol over the EventLog.
        .target(
            name: "Broker",
            dependencies: [
                "CCrypto", "KafkaProtocol", "EventLog", "Locking",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // JSON decoding and encoding of events, tuned for the stream processor's hot path.
        .target(
            name: "FastJSON",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        // 4. The stream processor: sources, operators, windows, state, checkpoints, views, sinks.
        .target(
            name: "Streams",
            dependencies: [
                "EventLog", "FastJSON", "KafkaProtocol", "Locking",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // A Parquet file writer for flat schemas (Thrift compact footers, gzip pages); no I/O beyond its file.
        .target(name: "Parquet", dependencies: ["Gzip"]),
        // Flink SQL over topics: text → tokens → AST → validated logical plan → Streams operators.
        .target(
            name: "SQL",
            dependencies: [
                "EventLog", "FastJSON", "KafkaProtocol", "Locking", "Parquet", "Streams",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A Kafka client on librdkafka, for the command line, simulators and external clusters.
        .target(name: "KafkaClient", dependencies: ["CRdKafka", "Locking"]),
        // The options and output of commands that talk to a Kafka cluster (client commands, simulators).
        .target(
            name: "KafkaCommandLine",
            dependencies: ["KafkaClient", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // 5. Chess rules, notation and search; knows nothing of Kafka or HTTP.
        .target(name: "Chess", dependencies: ["Locking", "SeededRandom"]),
        // 6. Web support: the server, request context and JSON coders, errors, live channels, page chrome.
        .target(
            name: "Web",
            dependencies: [
                "EventLog", "FastJSON", "Locking",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Public"), .copy("Pages")]
        ),
        // 7. One folder per bundled app: events, pipelines, routes, pages, simulator and services.
        .target(
            name: "Apps",
            dependencies: [
                "CCrypto", "Chess", "EventLog", "FastJSON", "KafkaClient", "KafkaCommandLine", "KafkaProtocol",
                "Locking", "Parquet", "SeededRandom", "SQL", "Streams",
                "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // Each app's pages folder. SwiftPM evaluates this file only when it changes, so a new app
            // lists its folder here rather than being found on disk.
            resources: [
                .copy("Arena/ArenaPages"), .copy("Chess/ChessPages"), .copy("F1/F1Pages"), .copy("Shop/ShopPages"),
                .copy("ShopStats/ShopStatsPages"), .copy("SQL/SQLPages"),
            ]
        ),
        // 8. The executable.
        .executableTarget(
            name: "kibitz",
            dependencies: [
                "Broker", "CEditLine", "EventLog", "KafkaClient", "KafkaCommandLine", "Chess", "Locking", "Streams",
                "Apps",
                "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Benchmarks that print the tables of docs/benchmarks.md; built in release, run by hand or by bench/.
        .executableTarget(
            name: "KibitzBenchmarks",
            dependencies: [
                "Broker", "EventLog", "FastJSON", "KafkaProtocol", "SQL", "Streams",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/KibitzBenchmarks"
        ),

        .testTarget(
            name: "KafkaProtocolTests",
            dependencies: [
                "KafkaProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "EventLogTests",
            dependencies: [
                "EventLog", "KafkaProtocol", "Locking",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "FastJSONTests",
            dependencies: ["FastJSON", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "BrokerTests",
            dependencies: [
                "Broker", "KafkaProtocol", "EventLog",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        // KafkaProtocol's partitioner is checked against librdkafka's own.
        .testTarget(name: "KafkaClientTests", dependencies: ["KafkaClient", "CRdKafka", "KafkaProtocol"]),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet"]),
        .testTarget(name: "ChessTests", dependencies: ["Chess", "SeededRandom"]),
        .testTarget(
            name: "StreamsTests",
            dependencies: [
                "Streams", "EventLog", "FastJSON", "KafkaProtocol", "Locking",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "SQLTests",
            dependencies: ["SQL", "Streams", "EventLog", "FastJSON", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "EventLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "AppsTests",
            dependencies: [
                "Apps", "Web", "Streams", "EventLog", "FastJSON", "KafkaProtocol",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ]
)
