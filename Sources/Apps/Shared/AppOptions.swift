import ArgumentParser

/// `kibitz serve`'s options of the apps that have options of their own, one group per app.
public struct AppOptions: ParsableArguments, Sendable {
    @OptionGroup(title: "Chess") public var chess: ChessOptions

    @OptionGroup(title: "Superhero arena") public var arena: ArenaOptions

    @OptionGroup(title: "SQL") public var sql: SQLOptions

    public init() {}
}
