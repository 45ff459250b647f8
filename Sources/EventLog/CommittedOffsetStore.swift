import Foundation
import Locking
import Logging

/// Consumer groups' committed offsets, one small file per group rewritten atomically on each commit.
///
/// A commit writes a temporary file, fsyncs it and renames it over the old one, so a crash leaves
/// the previous commit or the new one. Commits are rare next to produce traffic (every few seconds
/// per consumer), which is why the simple whole-file rewrite is enough.
final class CommittedOffsetStore: Sendable {
    /// The file format: the group's name (file names are derived from it) and its offsets.
    private struct GroupFile: Codable {
        struct Entry: Codable {
            var topic: String
            var partition: Int32
            var offset: Int64
            var leaderEpoch: Int32
            var metadata: String
        }

        var group: String
        var offsets: [Entry]
    }

    let directory: String
    let synchronize: Bool
    private let groups: Locked<[String: [TopicPartition: CommittedOffset]]>

    /// Loads every group file in `directory`.
    init(directory: String, synchronize: Bool, logger: Logger) throws(EventLogError) {
        self.directory = directory
        self.synchronize = synchronize
        try FileSystem.makeDirectory(directory)
        var groups: [String: [TopicPartition: CommittedOffset]] = [:]
        for name in try FileSystem.contents(of: directory) {
            if name.hasSuffix(".tmp") {
                // A commit interrupted before its rename: the previous file still holds the offsets.
                try FileSystem.remove(directory + "/" + name)
                continue
            }
            guard name.hasSuffix(".json") else { continue }
            guard let bytes = try FileSystem.read(directory + "/" + name),
                let file = try? JSONDecoder().decode(GroupFile.self, from: Data(bytes))
            else {
                logger.error(
                    "skipping an unreadable committed offsets file",
                    metadata: ["file": "\(directory)/\(name)"]
                )
                continue
            }
            var offsets: [TopicPartition: CommittedOffset] = [:]
            for entry in file.offsets {
                offsets[TopicPartition(topic: entry.topic, partition: entry.partition)] = CommittedOffset(
                    offset: entry.offset,
                    leaderEpoch: entry.leaderEpoch,
                    metadata: entry.metadata
                )
            }
            groups[file.group] = offsets
        }
        self.groups = Locked(groups)
    }

    /// A file name for any group id (see `DurableRecordStore.fileName(for:)`).
    static func fileName(for group: String) -> String { DurableRecordStore.fileName(for: group) }

    func commit(group: String, offsets: [TopicPartition: CommittedOffset]) throws(EventLogError) {
        try groups.withLock { groups throws(EventLogError) in
            var merged = groups[group] ?? [:]
            merged.merge(offsets) { _, new in new }
            try write(group: group, offsets: merged)
            groups[group] = merged
        }
    }

    func offsets(group: String) -> [TopicPartition: CommittedOffset] {
        groups.withLock { $0[group] ?? [:] }
    }

    var groupNames: [String] {
        groups.withLock { $0.keys.sorted() }
    }

    /// Forgets every group's offsets in `topic`; a group left with none loses its file.
    func removeTopic(_ topic: String) throws(EventLogError) {
        try groups.withLock { groups throws(EventLogError) in
            for (group, offsets) in groups where offsets.keys.contains(where: { $0.topic == topic }) {
                let remaining = offsets.filter { $0.key.topic != topic }
                if remaining.isEmpty {
                    try FileSystem.remove(directory + "/" + Self.fileName(for: group))
                    groups[group] = nil
                } else {
                    try write(group: group, offsets: remaining)
                    groups[group] = remaining
                }
            }
        }
    }

    /// Forgets a group's offsets of `partitions` (OffsetDelete); a group left with none loses its file.
    func remove(group: String, partitions: Set<TopicPartition>) throws(EventLogError) {
        try groups.withLock { groups throws(EventLogError) in
            guard let offsets = groups[group] else { return }
            let remaining = offsets.filter { !partitions.contains($0.key) }
            guard remaining.count != offsets.count else { return }
            if remaining.isEmpty {
                try FileSystem.remove(directory + "/" + Self.fileName(for: group))
                groups[group] = nil
            } else {
                try write(group: group, offsets: remaining)
                groups[group] = remaining
            }
        }
    }

    /// Forgets a group entirely (DeleteGroups).
    func removeGroup(_ group: String) throws(EventLogError) {
        try groups.withLock { groups throws(EventLogError) in
            try FileSystem.remove(directory + "/" + Self.fileName(for: group))
            groups[group] = nil
        }
    }

    private func write(group: String, offsets: [TopicPartition: CommittedOffset]) throws(EventLogError) {
        let file = GroupFile(
            group: group,
            offsets: offsets.sorted { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) }.map {
                GroupFile.Entry(
                    topic: $0.key.topic,
                    partition: $0.key.partition,
                    offset: $0.value.offset,
                    leaderEpoch: $0.value.leaderEpoch,
                    metadata: $0.value.metadata
                )
            }
        )
        let bytes: Data
        do {
            bytes = try JSONEncoder().encode(file)
        } catch {
            throw .storage(operation: "encode", path: group, errno: 0)
        }
        try FileSystem.writeAtomically(
            Array(bytes),
            to: directory + "/" + Self.fileName(for: group),
            synchronize: synchronize
        )
    }
}
