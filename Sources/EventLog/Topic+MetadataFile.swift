import Foundation
import KafkaProtocol

extension Topic {
    /// The per-topic metadata file, next to the partition directories, guarded by a checksum.
    struct MetadataFile: Codable, Equatable {
        var partitionCount: Int32
        var configuration: TopicConfiguration
        /// The Kafka configs set for the topic, by name; `configuration` is the store's defaults with
        /// them applied when written. Files written before it existed have none (see `EventLog.loadTopics`).
        var overrides: [String: String]?
        /// CRC-32C of the other fields encoded as compact JSON with sorted keys. Files written before
        /// it existed, or by hand, have none and are taken as they are.
        var checksum: UInt32?

        /// Why a metadata file cannot be trusted.
        struct Damage: Error {
            var reason: String
        }

        init(partitionCount: Int32, configuration: TopicConfiguration, overrides: [String: String]) {
            self.partitionCount = partitionCount
            self.configuration = configuration
            self.overrides = overrides
        }

        init(_ description: TopicDescription) {
            self.init(
                partitionCount: description.partitionCount,
                configuration: description.configuration,
                overrides: description.configOverrides
            )
        }

        /// The checksum the fields other than `checksum` call for.
        private var expectedChecksum: UInt32 {
            var payload = self
            payload.checksum = nil
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            // Encoding integers and strings into JSON cannot fail.
            return CRC32C.checksum(of: (try? encoder.encode(payload)) ?? Data())
        }

        /// Replaces the file at `path` atomically (temporary file, fsync, rename, fsync of the directory).
        func write(to path: String) throws(EventLogError) {
            var sealed = self
            sealed.checksum = expectedChecksum
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            guard let bytes = try? encoder.encode(sealed) else {
                throw .storage(operation: "encode", path: path, errno: 0)
            }
            try FileSystem.writeAtomically(Array(bytes), to: path, synchronize: true)
        }

        /// The metadata stored at `path`, or what is wrong with it: missing, not JSON, a checksum
        /// that does not match, or an impossible partition count.
        static func load(from path: String) throws(EventLogError) -> Result<MetadataFile, Damage> {
            guard let bytes = try FileSystem.read(path) else { return .failure(Damage(reason: "the file is missing")) }
            let metadata: MetadataFile
            do {
                metadata = try JSONDecoder().decode(MetadataFile.self, from: Data(bytes))
            } catch {
                return .failure(Damage(reason: "not readable JSON (\(error))"))
            }
            if let checksum = metadata.checksum, checksum != metadata.expectedChecksum {
                return .failure(Damage(reason: "checksum \(checksum) does not match its content"))
            }
            guard metadata.partitionCount >= 1 else {
                return .failure(Damage(reason: "impossible partition count \(metadata.partitionCount)"))
            }
            return .success(metadata)
        }
    }
}
