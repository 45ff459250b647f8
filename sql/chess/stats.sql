-- The chess dashboard's statistics as Flink SQL over the DESIGN.md topics `games` and `moves`:
-- the declarative twin of the Swift pipeline ChessStatistics (Sources/Apps/Chess/Statistics).
-- Submit to a server running the chess app:  kibitz sql --http http://127.0.0.1:8080 -f sql/chess/stats.sql
-- What each view means and how it gives the figures of GET /api/chess/stats: sql/chess/README.md.

CREATE TABLE games (
  game_id STRING,
  event STRING,
  white STRING,
  black STRING,
  mode STRING,
  `result` STRING,
  reason STRING,
  ts BIGINT,
  rt AS TO_TIMESTAMP_LTZ(ts, 3),
  WATERMARK FOR rt AS rt - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'games',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset'
);

CREATE TABLE moves (
  move_id STRING,
  game_id STRING,
  ply INT,
  color STRING,
  `by` STRING,
  uci STRING,
  san STRING,
  piece STRING,
  `from` STRING,
  `to` STRING,
  fen STRING,
  ts BIGINT,
  rt AS TO_TIMESTAMP_LTZ(ts, 3),
  -- The Swift pipeline's allowed out-of-orderness, so that both close a minute at the same time.
  WATERMARK FOR rt AS rt - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'moves',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset'
);

-- active_games: games with a record and no `ended` record. Seed 0's nested query counted games
-- with exactly one record (`record_count = 1`), which counts an `ended` whose `started` is not in
-- the topic as active and drops a game whose `started` was delivered twice; the Swift pipeline
-- (the latest record per game, removed when it ends) is right on both, and so is this.
CREATE VIEW chess_active_games AS
SELECT SUM(CASE WHEN ended_records = 0 THEN 1 ELSE 0 END) AS active_games
FROM (
  SELECT game_id, SUM(CASE WHEN event = 'ended' THEN 1 ELSE 0 END) AS ended_records
  FROM games
  GROUP BY game_id
);

-- completed_today: the row of the current UTC day.
CREATE VIEW chess_completed_per_day AS
SELECT DATE_FORMAT(rt, 'yyyy-MM-dd') AS utc_day, COUNT(*) AS completed
FROM games
WHERE event = 'ended'
GROUP BY DATE_FORMAT(rt, 'yyyy-MM-dd');

-- result_counts: ended games by result ("1-0", "0-1", "1/2-1/2"; "unknown" when none is given).
CREATE VIEW chess_results AS
SELECT COALESCE(`result`, 'unknown') AS game_result, COUNT(*) AS games
FROM games
WHERE event = 'ended'
GROUP BY COALESCE(`result`, 'unknown');

-- moves_last_minute: the sum of the rows of the 60 seconds up to the current one,
-- second > now_second - 60 AND second <= now_second; moves_per_second is the rows of the last 120.
CREATE VIEW chess_moves_per_second AS
SELECT ts / 1000 AS epoch_second, COUNT(*) AS moves
FROM moves
GROUP BY ts / 1000;

-- moves_per_minute (the dashboard's chart): each closed minute of event time, final once the
-- watermark passes its end; the current minute is the sum of its seconds above.
CREATE VIEW chess_moves_per_minute AS
SELECT window_start, window_end, COUNT(*) AS moves
FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(rt), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;

-- The Swift pipeline's sink `chess.moves_per_minute`: moves per game per closed minute.
CREATE VIEW chess_game_moves_per_minute AS
SELECT game_id, window_start, window_end, COUNT(*) AS moves
FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(rt), INTERVAL '1' MINUTE))
GROUP BY game_id, window_start, window_end;

-- The per-game drill-down: moves per game.
CREATE VIEW chess_moves_per_game AS
SELECT game_id, COUNT(*) AS moves
FROM moves
GROUP BY game_id;

-- recent_moves: the 50 latest moves, row_num 1 the newest.
CREATE VIEW chess_recent_moves AS
SELECT move_id, game_id, ply, color, `by`, uci, san, piece, `from`, `to`, fen, ts, row_num
FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY ts DESC) AS row_num
  FROM moves
)
WHERE row_num <= 50;
