import FastJSON
import KafkaClient
import Logging
import ServiceLifecycle

/// `kibitz serve`'s arena ETL: `workers` members of the `arena-etl` consumer group, reading
/// `lib.server.lobby` through the Kafka protocol and writing `game_meta` and `game_podium`.
///
/// A worker that fails (a full disk, say) is logged and started again after a pause; the group
/// hands its partitions on meanwhile, and nothing is lost, since offsets are committed only after
/// the rows are written.
struct ArenaETLService: Service {
    let bootstrap: String
    let workers: Int
    let warehouseDirectory: String
    let flushInterval: Duration
    let statistics: ArenaWarehouseStatistics
    let logger: Logger

    func run() async throws {
        statistics.record(workers: workers)
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<workers {
                    group.addTask { await runWorker(index) }
                }
            }
        }
    }

    private func runWorker(_ index: Int) async {
        let configuration = KafkaConfiguration(
            bootstrapServers: bootstrap,
            properties: [
                "log_level": "0",
                "client.id": "kibitz-arena-etl-\(index)",
                // A worker that vanished hands its partitions on after ten seconds, not Kafka's 45.
                "session.timeout.ms": "10000",
                "heartbeat.interval.ms": "1000",
                "topic.metadata.refresh.interval.ms": "5000",
                "message.timeout.ms": "30000",
                // Larger fetches and a deeper local queue: with librdkafka's 1 MiB per partition the
                // worker spent most of a catch-up waiting for the next fetch (measured: 3.2 s for
                // 488k records against 1.4 s with these).
                "max.partition.fetch.bytes": "8388608",
                "queued.min.messages": "1000000",
            ]
        )
        // The same failure again is said once, not at every retry; and so is the topic's absence,
        // until a worker has read the topic again.
        var previousFailure: String?
        var waitingForTopic = false
        func noteTopicGone(_ worker: ArenaETLWorker) {
            if worker.partitionsTaken > 0 { waitingForTopic = false }
            guard !waitingForTopic else { return }
            waitingForTopic = true
            logger.notice(
                "arena ETL: the topic is gone (deleted); waiting for it to be created again",
                metadata: ["topic": "\(ArenaLogRecord.topic)", "worker": "\(index)"]
            )
        }
        while !Task.isCancelled {
            var worker = ArenaETLWorker(
                index: index,
                configuration: configuration,
                warehouse: ArenaWarehouse(directory: warehouseDirectory),
                flushInterval: flushInterval,
                statistics: statistics,
                logger: logger
            )
            do {
                try await worker.run()
                // Before cancellation, the worker stops only when the topic was deleted under it:
                // a new one waits for it at once.
                if !Task.isCancelled { noteTopicGone(worker) }
            } catch is CancellationError {
                return
            } catch let error as KafkaError where [.unknownTopicOrPartition, .unknownTopic].contains(error.code) {
                noteTopicGone(worker)
                try? await Task.sleep(for: .seconds(2))
            } catch {
                let failure = "\(error)"
                logger.log(
                    level: failure == previousFailure ? .debug : .error,
                    "arena ETL worker failed; starting it again",
                    metadata: ["worker": "\(index)", "error": "\(failure)"]
                )
                previousFailure = failure
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }
}
