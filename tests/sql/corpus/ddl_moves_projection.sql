-- DDL: computed column rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK, backquoted reserved names (by, from, to); projection of one game's moves

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

SELECT move_id, ply, color, `by`, san, `from`, `to`, rt
FROM moves
WHERE game_id = 'g003';
