-- aggregates without GROUP BY, including COUNT(DISTINCT) and SUM(CASE)

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
  COUNT(*) AS moves,
  COUNT(DISTINCT game_id) AS games,
  MAX(ply) AS longest,
  SUM(CASE WHEN piece = 'P' THEN 1 ELSE 0 END) AS pawn_moves
FROM moves;
