/// A superhero a player can pick: how hard it hits and how much it takes before it falls.
public struct ArenaSuperhero: Hashable, Sendable {
    public var id: UInt16
    public var name: String
    /// Damage of a blow lies between half of this and all of it.
    public var power: Int
    /// Hit points at the start of a game, in tens.
    public var durability: Int

    /// The roster the simulator picks from; ids are spread over the `uint16` range on purpose, so
    /// that the warehouse's `superhero_id` column is exercised beyond one byte.
    public static let roster: [ArenaSuperhero] = [
        ArenaSuperhero(id: 1, name: "Iron Warden", power: 62, durability: 90),
        ArenaSuperhero(id: 7, name: "Night Lark", power: 71, durability: 58),
        ArenaSuperhero(id: 42, name: "Tidecaller", power: 66, durability: 72),
        ArenaSuperhero(id: 99, name: "Ember Fox", power: 84, durability: 50),
        ArenaSuperhero(id: 256, name: "Granite Oak", power: 48, durability: 100),
        ArenaSuperhero(id: 313, name: "Storm Wren", power: 77, durability: 61),
        ArenaSuperhero(id: 512, name: "Glass Viper", power: 92, durability: 41),
        ArenaSuperhero(id: 1_024, name: "Quiet Atlas", power: 55, durability: 95),
        ArenaSuperhero(id: 4_096, name: "Solar Kestrel", power: 80, durability: 64),
        ArenaSuperhero(id: 8_191, name: "Mirror Moth", power: 69, durability: 70),
        ArenaSuperhero(id: 40_000, name: "Copper Golem", power: 58, durability: 88),
        ArenaSuperhero(id: 65_535, name: "Last Light", power: 75, durability: 75),
    ]
}
