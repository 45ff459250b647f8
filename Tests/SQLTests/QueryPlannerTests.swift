import SQL
import Testing

/// The planner's choices, seen through EXPLAIN, and its refusals with their places in the text.
@Suite struct QueryPlannerTests {
    func fixture() async throws -> EngineFixture {
        let fixture = try EngineFixture()
        _ = try await fixture.engine.execute(EngineFixture.movesTable + ";" + EngineFixture.gamesTable)
        return fixture
    }

    @Test func groupingByWindowStartAndEndIsAWindowAggregateAndOtherwiseAnUpdatingOne() async throws {
        let fixture = try await fixture()
        let windowed = try await fixture.plan(
            "SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(rt), INTERVAL '1' MINUTE))"
                + " GROUP BY window_start, window_end"
        )
        #expect(windowed.contains("WindowAggregate(groupBy=[], window=[TUMBLE(time_col=[$time], size=[60000 ms])]"))
        #expect(
            windowed.hasPrefix("Calc(select=[$window_start AS window_start, $aggregate0 AS EXPR$1]), changelogMode=[I]")
        )
        let updating = try await fixture.plan("SELECT piece, COUNT(*) FROM moves GROUP BY piece")
        #expect(updating.contains("GroupAggregate(groupBy=[$key0], select=[COUNT(*)]), changelogMode=[I,UB,UA,D]"))
    }

    @Test func aRowNumberFilteredToNIsATopN() async throws {
        let fixture = try await fixture()
        let plan = try await fixture.plan(
            "SELECT * FROM (SELECT game_id, ply, ROW_NUMBER() OVER (PARTITION BY game_id ORDER BY ply DESC) AS n"
                + " FROM moves) WHERE n <= 3"
        )
        #expect(
            plan.contains(
                "Rank(rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], partitionBy=[game_id], orderBy=[ply DESC]"
            )
        )
        let strict = try await fixture.plan(
            "SELECT game_id FROM (SELECT game_id, ROW_NUMBER() OVER (PARTITION BY game_id ORDER BY ply) AS n FROM moves)"
                + " WHERE n < 2"
        )
        #expect(strict.contains("rankEnd=1]"))
    }

    @Test func aJoinBoundedInTimeIsAnIntervalJoin() async throws {
        let fixture = try await fixture()
        let interval = try await fixture.plan(
            "SELECT m.game_id FROM games g JOIN moves m ON g.game_id = m.game_id"
                + " AND m.rt BETWEEN g.rt AND g.rt + INTERVAL '1' MINUTE"
        )
        #expect(
            interval.contains(
                "IntervalJoin(joinType=[InnerJoin], where=[game_id = game_id], time=[rt - rt BETWEEN 0 ms AND 60000 ms])"
            )
        )
        let regular = try await fixture.plan("SELECT m.game_id FROM games g LEFT JOIN moves m ON g.game_id = m.game_id")
        #expect(regular.contains("Join(joinType=[LeftJoin], where=[game_id = game_id]), changelogMode=[I,UB,UA,D]"))
    }

    @Test(arguments: [
        ("SELECT * FROM nowhere", "Object 'nowhere' not found", 1, 15),
        ("SELECT gmae_id FROM moves", "Column 'gmae_id' not found in any table; did you mean 'game_id'?", 1, 8),
        ("SELECT piece, ply FROM moves GROUP BY piece", "Expression 'ply' is not being grouped", 1, 15),
        (
            "SELECT pieces, COUNT(*) FROM moves GROUP BY piece",
            "Column 'pieces' not found in any table; did you mean 'piece'?", 1, 8
        ),
        ("SELECT piece FROM moves WHERE COUNT(*) > 1", "Aggregate functions are not allowed in WHERE", 1, 31),
        (
            "SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end",
            "The window function requires the timecol is a time attribute type, but is BIGINT.", 1, 59
        ),
    ])
    func refusesWhatFlinkRefusesWithTheSamePlace(query: String, message: String, line: Int, column: Int) async throws {
        let fixture = try await fixture()
        let error = try #require(await fixture.refusal("CREATE VIEW v AS " + query))
        #expect(error.message == message)
        #expect(error.location?.line == line)
        #expect(error.location?.column == column + "CREATE VIEW v AS ".count)
    }

    @Test func aCommaJoinWithItsConditionsInWhereIsAJoin() async throws {
        let fixture = try await fixture()
        let interval = try await fixture.plan(
            "SELECT m.game_id FROM games g, moves m WHERE g.game_id = m.game_id"
                + " AND m.rt BETWEEN g.rt - INTERVAL '2' SECOND AND g.rt + INTERVAL '3' SECOND"
        )
        #expect(
            interval.contains(
                "IntervalJoin(joinType=[InnerJoin], where=[game_id = game_id], time=[rt - rt BETWEEN -2000 ms AND 3000 ms])"
            )
        )
    }

    @Test func aHopWindowKeepingARowInTooManyWindowsIsRefusedWithTheCount() async throws {
        let fixture = try await fixture()
        let error = try #require(
            await fixture.refusal(
                "CREATE VIEW v AS SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE moves, DESCRIPTOR(rt),"
                    + " INTERVAL '1' SECOND, INTERVAL '100' DAY)) GROUP BY window_start, window_end"
            )
        )
        #expect(error.message.hasPrefix("HOP puts every row in 8640000 windows; the limit is 1000"))
        #expect(error.location?.column == 59)
        let accepted = try await fixture.plan(
            "SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE moves, DESCRIPTOR(rt), INTERVAL '1' MINUTE,"
                + " INTERVAL '1' HOUR)) GROUP BY window_start, window_end"
        )
        #expect(accepted.contains("HOP(time_col=[$time], size=[3600000 ms], slide=[60000 ms])"))
    }

    @Test(arguments: [
        "SELECT game_id, ROW_NUMBER() OVER (PARTITION BY game_id ORDER BY ply) AS n FROM moves",
        "SELECT piece, ply FROM moves ORDER BY ply",
        "SELECT m.game_id FROM moves m JOIN games g ON m.ply > 3",
        "SELECT * FROM moves, games",
    ])
    func refusesWhatItDoesNotRunAsNotSupported(query: String) async throws {
        let fixture = try await fixture()
        let error = try #require(await fixture.refusal("CREATE VIEW v AS " + query))
        #expect(error.kind == .unsupported, "\(error)")
        #expect(error.message.hasPrefix("not supported: "), "\(error)")
    }
}
