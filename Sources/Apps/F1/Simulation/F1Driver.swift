/// A driver of the simulated grid: who, which car, and how quick.
public struct F1Driver: Hashable, Sendable {
    public var name: String
    /// Three-letter timing-screen code.
    public var code: String
    public var number: Int
    public var team: String
    /// Pace relative to the quickest car, in milliseconds per lap (team and driver together).
    public var paceOffsetMilliseconds: Int64
    /// How much a lap time varies, in milliseconds (one standard deviation).
    public var consistencyMilliseconds: Double

    public init(
        name: String,
        code: String,
        number: Int,
        team: String,
        paceOffsetMilliseconds: Int64,
        consistencyMilliseconds: Double
    ) {
        self.name = name
        self.code = code
        self.number = number
        self.team = team
        self.paceOffsetMilliseconds = paceOffsetMilliseconds
        self.consistencyMilliseconds = consistencyMilliseconds
    }

    /// The simulator's invented grid: ten teams of two, from the front of the field to the back.
    public static let grid: [F1Driver] = [
        F1Driver(
            name: "Matteo Valenti",
            code: "VAL",
            number: 7,
            team: "Aurora Racing",
            paceOffsetMilliseconds: 0,
            consistencyMilliseconds: 220
        ),
        F1Driver(
            name: "Jonas Lindqvist",
            code: "LIN",
            number: 27,
            team: "Aurora Racing",
            paceOffsetMilliseconds: 260,
            consistencyMilliseconds: 260
        ),
        F1Driver(
            name: "Theo Marchetti",
            code: "MAR",
            number: 16,
            team: "Scuderia Vesta",
            paceOffsetMilliseconds: 120,
            consistencyMilliseconds: 240
        ),
        F1Driver(
            name: "Rafael Okafor",
            code: "OKA",
            number: 44,
            team: "Scuderia Vesta",
            paceOffsetMilliseconds: 210,
            consistencyMilliseconds: 230
        ),
        F1Driver(
            name: "Oliver Brandt",
            code: "BRA",
            number: 4,
            team: "Kestrel GP",
            paceOffsetMilliseconds: 150,
            consistencyMilliseconds: 250
        ),
        F1Driver(
            name: "Kaito Nakamura",
            code: "NAK",
            number: 81,
            team: "Kestrel GP",
            paceOffsetMilliseconds: 280,
            consistencyMilliseconds: 280
        ),
        F1Driver(
            name: "Lucas Ferreira",
            code: "FER",
            number: 63,
            team: "Silverline",
            paceOffsetMilliseconds: 350,
            consistencyMilliseconds: 250
        ),
        F1Driver(
            name: "Henrik Aalto",
            code: "AAL",
            number: 12,
            team: "Silverline",
            paceOffsetMilliseconds: 420,
            consistencyMilliseconds: 300
        ),
        F1Driver(
            name: "Samuel Whitford",
            code: "WHI",
            number: 14,
            team: "Emerald Works",
            paceOffsetMilliseconds: 620,
            consistencyMilliseconds: 280
        ),
        F1Driver(
            name: "Diego Castellanos",
            code: "CAS",
            number: 18,
            team: "Emerald Works",
            paceOffsetMilliseconds: 760,
            consistencyMilliseconds: 330
        ),
        F1Driver(
            name: "Pierre Delacroix",
            code: "DEL",
            number: 10,
            team: "Bleu Alpine",
            paceOffsetMilliseconds: 700,
            consistencyMilliseconds: 300
        ),
        F1Driver(
            name: "Anton Reiss",
            code: "REI",
            number: 31,
            team: "Bleu Alpine",
            paceOffsetMilliseconds: 780,
            consistencyMilliseconds: 320
        ),
        F1Driver(
            name: "Yuki Tanabe",
            code: "TAN",
            number: 22,
            team: "Velocity Racing",
            paceOffsetMilliseconds: 740,
            consistencyMilliseconds: 310
        ),
        F1Driver(
            name: "Liam O'Connell",
            code: "OCO",
            number: 3,
            team: "Velocity Racing",
            paceOffsetMilliseconds: 820,
            consistencyMilliseconds: 340
        ),
        F1Driver(
            name: "Nico Hartmann",
            code: "HAR",
            number: 50,
            team: "Ironbridge",
            paceOffsetMilliseconds: 840,
            consistencyMilliseconds: 300
        ),
        F1Driver(
            name: "Mikkel Sørensen",
            code: "SOR",
            number: 20,
            team: "Ironbridge",
            paceOffsetMilliseconds: 900,
            consistencyMilliseconds: 350
        ),
        F1Driver(
            name: "Alexander Price",
            code: "PRI",
            number: 23,
            team: "Zephyr",
            paceOffsetMilliseconds: 880,
            consistencyMilliseconds: 330
        ),
        F1Driver(
            name: "Gabriel Moreau",
            code: "MOR",
            number: 43,
            team: "Zephyr",
            paceOffsetMilliseconds: 990,
            consistencyMilliseconds: 380
        ),
        F1Driver(
            name: "Wei Zhang",
            code: "ZHA",
            number: 24,
            team: "Sable Motorsport",
            paceOffsetMilliseconds: 960,
            consistencyMilliseconds: 340
        ),
        F1Driver(
            name: "Eetu Koskinen",
            code: "KOS",
            number: 77,
            team: "Sable Motorsport",
            paceOffsetMilliseconds: 1_050,
            consistencyMilliseconds: 360
        ),
    ]
}
