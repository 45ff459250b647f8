import SQL
import Testing

/// The parser meets half-typed and random text (the SQL box of a page, a file cut short) with an
/// error located inside the text, never a crash or a hang.
@Suite struct ParserRobustnessTests {
    static let validStatements = [
        """
        CREATE TABLE moves (
          game_id STRING NOT NULL,
          ply INT,
          san STRING,
          device ROW<os STRING, version INT>,
          played_at BIGINT,
          ts AS TO_TIMESTAMP_LTZ(played_at, 3),
          WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
          PRIMARY KEY (game_id, ply) NOT ENFORCED
        ) WITH ('connector' = 'kafka', 'topic' = 'moves', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset')
        """,
        """
        SELECT window_start, window_end, COUNT(*) AS moves, COUNT(DISTINCT game_id) AS games
        FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(ts), INTERVAL '1' MINUTES))
        GROUP BY window_start, window_end
        """,
        """
        SELECT * FROM TABLE(HOP(DATA => TABLE bids, TIMECOL => DESCRIPTOR(bidtime),
          SLIDE => INTERVAL '5' MINUTE, SIZE => INTERVAL '10' MINUTE)) AS w WHERE w.price > 10.5
        """,
        """
        SELECT * FROM (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum
          FROM TABLE(CUMULATE(TABLE bids, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES))
        ) WHERE rownum <= 3
        """,
        """
        SELECT p.id, p.name, a.seller FROM persons AS p
        LEFT OUTER JOIN auctions a ON p.id = a.seller AND a.ts BETWEEN p.ts - INTERVAL '1' HOUR AND p.ts
        WHERE p.state IN ('OR', 'ID', 'CA') AND p.name NOT LIKE 'x%' ORDER BY p.id LIMIT 5
        """,
        """
        SELECT SUM(CASE WHEN record_count = 1 THEN 1 ELSE 0 END) AS one_move_games, COUNT(*) AS games \
        FROM (SELECT game_id, COUNT(*) AS record_count FROM games GROUP BY game_id)
        """,
        """
        INSERT INTO hourly SELECT FLOOR(ts TO HOUR) AS hour, CAST(COUNT(*) AS BIGINT), \
        TRIM(BOTH ' ' FROM UPPER(san)) FROM moves WHERE san IS NOT NULL GROUP BY FLOOR(ts TO HOUR), san
        """,
        "SELECT bidder, SESSION_START FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))",
    ]

    @Test func theValidStatementsParse() throws {
        for text in Self.validStatements { _ = try SQLParser.parseStatement(text) }
    }

    @Test func everyPrefixParsesOrFailsInsideTheText() {
        var failures: [String] = []
        for statement in Self.validStatements {
            var prefix = ""
            for character in statement {
                if let problem = Self.problem(parsing: prefix) { failures.append(problem) }
                prefix.append(character)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// Thousands of seeded random sequences of SQL words and symbols, and the same with random
    /// characters inserted.
    @Test func randomTokenSoupsParseOrFailInsideTheText() {
        let vocabulary = [
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "JOIN", "LEFT", "ON", "AS", "AND",
            "OR",
            "NOT", "NULL", "IS", "IN", "LIKE", "BETWEEN", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "INTERVAL",
            "TABLE", "TUMBLE", "HOP", "SESSION", "DESCRIPTOR", "PARTITION", "OVER", "DISTINCT", "CREATE", "VIEW",
            "WATERMARK", "FOR", "WITH", "INSERT", "INTO", "VALUES", "UNION", "ALL", "ROW", "ARRAY", "MAP", "INT",
            "STRING", "TIMESTAMP", "DECIMAL", "EXTRACT", "TRIM", "FLOOR", "TO", "HOUR", "SECOND", "a", "b", "t", "`x`",
            "'s'", "'1'", "1", "2.5", "1e3", "(", ")", ",", ".", "*", "+", "-", "/", "%", "=", "<>", "<", ">", "<=",
            ">=",
            "||", "=>", "[", "]", ";", "<", ">",
        ]
        var random = LinearCongruentialGenerator(seed: 13)
        var failures: [String] = []
        for round in 0..<3000 {
            let count = 1 + random.next(below: 30)
            var words = (0..<count).map { _ in vocabulary[random.next(below: vocabulary.count)] }
            if round % 3 == 0 {
                let junk = ["\"", "#", "'", "`", "/*", "--", "\n", "é", "?"]
                words.insert(junk[random.next(below: junk.count)], at: random.next(below: words.count + 1))
            }
            let text = words.joined(separator: round % 2 == 0 ? " " : "")
            if let problem = Self.problem(parsing: text) { failures.append(problem) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// Why parsing `text` did not go as it should, or nil if it parsed or failed inside the text.
    private static func problem(parsing text: String) -> String? {
        do {
            _ = try SQLParser.parseScript(text)
            return nil
        } catch {
            guard let location = error.location else { return "no location for \(error) in \(text)" }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard location.offset >= 0, location.offset <= text.utf8.count, location.line >= 1,
                location.line <= lines.count, location.column >= 1,
                location.column <= lines[location.line - 1].unicodeScalars.count + 1
            else { return "location \(location) outside \(text)" }
            return nil
        }
    }
}

/// A tiny seeded generator (Knuth's MMIX constants), so that the soups are the same on every run.
struct LinearCongruentialGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
