import Apps
import FastJSON
import Foundation

/// Arena log records as the topic holds them: encoded the way the simulator publishes them.
struct ArenaRecords {
    struct Entry {
        var key: [UInt8]
        var value: [UInt8]
    }

    var entries: [Entry] = []

    /// The whole log of `games` games between `players` players.
    init(seed: UInt64, players: Int = 12, games: Int) {
        var simulator = ArenaSimulator(seed: seed, players: players, games: games)
        let encoder = EventJSON.makeEncoder()
        var ts: Int64 = 1_795_484_000_000
        while let record = simulator.next(ts: ts) {
            entries.append(Entry(key: Array(record.gameToken.utf8), value: Array(try! encoder.encode(record))))
            ts += 7
        }
    }

    init(_ entries: [Entry]) {
        self.entries = entries
    }

    /// Runs the records from `offset` through `etl`, returning the finished games and dead letters.
    func run(
        _ etl: inout ArenaPartitionETL,
        from offset: Int = 0,
        to end: Int? = nil
    ) -> (games: [ArenaFinishedGame], letters: [String]) {
        var games: [ArenaFinishedGame] = []
        var letters: [String] = []
        for index in offset..<(end ?? entries.count) {
            switch etl.receive(offset: Int64(index), key: entries[index].key, value: entries[index].value) {
            case .write(let game): games.append(game)
            case .deadLetter(let letter): letters.append(letter.reason)
            case nil: break
            }
        }
        return (games, letters)
    }
}
