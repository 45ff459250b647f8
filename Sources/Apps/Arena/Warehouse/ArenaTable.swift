/// The warehouse tables the arena ETL writes.
public enum ArenaTable: String, CaseIterable, Hashable, Sendable {
    case gameMeta = "game_meta"
    case gamePodium = "game_podium"
}
