-- a scalar subquery in SELECT is outside the subset (subqueries are allowed in FROM only)

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
  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'moves',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

SELECT
  move_id,
  (SELECT COUNT(*) FROM moves) AS all_moves
FROM moves;
