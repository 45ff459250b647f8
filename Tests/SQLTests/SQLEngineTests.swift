import Foundation
import SQL
import Testing

/// Scripts run whole or not at all, and the catalog comes back after a restart.
@Suite struct SQLEngineTests {
    @Test func aScriptWithAFailingStatementCreatesNothing() async throws {
        let fixture = try EngineFixture()
        let error = try #require(
            await fixture.refusal(
                EngineFixture.movesTable
                    + ";\nCREATE VIEW pieces AS SELECT piece, COUNT(*) AS n FROM moves GROUP BY piece;\n"
                    + "CREATE VIEW broken AS SELECT nothing FROM moves"
            )
        )
        #expect(error.message.contains("Column 'nothing' not found"))
        #expect(error.location?.line == 5)
        #expect(await fixture.engine.catalog.tables.isEmpty)
        #expect(await fixture.engine.views.isEmpty)
        // The names are free.
        let results = try await fixture.engine.execute(
            EngineFixture.movesTable + "; CREATE VIEW pieces AS SELECT piece, COUNT(*) AS n FROM moves GROUP BY piece"
        )
        #expect(results.map(\.kind) == [.tableCreated, .viewCreated])
        await fixture.engine.shutdown()
    }

    @Test func tablesViewsAndTheirOrderComeBackAfterARestart() async throws {
        let fixture = try EngineFixture()
        _ = try await fixture.engine.execute(
            EngineFixture.movesTable + "; CREATE VIEW pieces AS SELECT piece, COUNT(*) AS n FROM moves GROUP BY piece;"
                + EngineFixture.gamesTable
        )
        await fixture.engine.shutdown()
        let restarted = SQLEngine(storage: fixture.log, dataDirectory: fixture.directory)
        try await restarted.restore()
        #expect(await restarted.catalog.creationOrder == ["moves", "pieces", "games"])
        #expect(await restarted.views.map(\.name) == ["pieces"])
        await restarted.shutdown()
    }

    @Test func aTableReadByAViewCannotBeDroppedAndAViewDropFreesItsName() async throws {
        let fixture = try EngineFixture()
        _ = try await fixture.engine.execute(
            EngineFixture.movesTable + "; CREATE VIEW pieces AS SELECT piece, COUNT(*) AS n FROM moves GROUP BY piece"
        )
        let refusal = try #require(await fixture.refusal("DROP TABLE moves"))
        #expect(refusal.message == "'moves' is read by view 'pieces': drop the view first")
        _ = try await fixture.engine.execute("DROP VIEW pieces; DROP TABLE moves")
        #expect(await fixture.engine.catalog.creationOrder.isEmpty)
        let checkpoint = fixture.directory + "/streams/sql.pieces"
        #expect(!FileManager.default.fileExists(atPath: checkpoint))
        await fixture.engine.shutdown()
    }

    @Test func showDescribeAndSetAnswerAsFlinkDoes() async throws {
        let fixture = try EngineFixture()
        _ = try await fixture.engine.execute(EngineFixture.movesTable)
        let results = try await fixture.engine.execute(
            "SHOW TABLES; DESCRIBE moves; SET 'table.local-time-zone' = 'UTC'"
        )
        #expect(results[0].rows == [["moves"]])
        #expect(results[1].rows?.last == ["rt", "TIMESTAMP_LTZ(3) *ROWTIME*", "TRUE", nil, "AS ...", "`rt` - 5000 ms"])
        #expect(results[2].kind == .unchanged)
        let refusal = try #require(await fixture.refusal("SET 'table.local-time-zone' = 'Europe/Paris'"))
        #expect(refusal.kind == .unsupported)
        await fixture.engine.shutdown()
    }
}
