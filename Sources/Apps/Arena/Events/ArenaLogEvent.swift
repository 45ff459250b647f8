/// What a line of the arena log says happened in a game, by its `log_message`.
public enum ArenaLogEvent: Hashable, Sendable {
    /// `Lobby Created`: `host` opened a lobby for `participants` players.
    case lobbyCreated(host: String, participants: Int)
    /// `Player Joined`: a player entered the lobby with a superhero.
    case playerJoined(user: String, superheroId: UInt16, superhero: String)
    /// `Round Started`.
    case roundStarted(round: Int)
    /// `Attack`: `attacker` hit `target` for `damage` points.
    case attack(round: Int, attacker: String, target: String, damage: UInt64)
    /// `Player Defeated`: `user` is out in `round`.
    case playerDefeated(round: Int, user: String)
    /// `Game Over`: `winner` is the last one standing after `rounds` rounds.
    case gameOver(winner: String, rounds: Int)
    /// `Cleaning Game Records`: the game's records are complete; logged once, by the host.
    case cleaningGameRecords(user: String)
    /// Any other message, such as a chat line; the warehouse ignores it.
    case other(message: String)

    /// The `log_message` of the event.
    public var message: String {
        switch self {
        case .lobbyCreated: "Lobby Created"
        case .playerJoined: "Player Joined"
        case .roundStarted: "Round Started"
        case .attack: "Attack"
        case .playerDefeated: "Player Defeated"
        case .gameOver: "Game Over"
        case .cleaningGameRecords: "Cleaning Game Records"
        case .other(let message): message
        }
    }
}
