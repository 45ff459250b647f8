import KafkaCommandLine
import NIOCore
import NIOPosix

/// Checks that a port `kibitz serve` will listen on is free, before anything is opened or created,
/// so that a clash is reported by port and option and leaves the data directory untouched.
enum PortCheck {
    /// Binds and releases `port` on `host` as the servers will (with SO_REUSEADDR); throws a
    /// failure naming the port and the `option` that chooses it.
    static func ensureFree(host: String, port: Int, option: String) async throws {
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port)
                .get()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw CommandFailure(
                "port \(port) on \(host) is already in use (is another kibitz serve running?); "
                    + "stop that process or choose another port with \(option)"
            )
        } catch {
            throw CommandFailure("cannot listen on \(host):\(port) (\(option)): \(error)")
        }
        try await channel.close()
    }
}
