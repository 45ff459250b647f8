-- TUMBLE window grouped by window and a key, with COUNT(DISTINCT) and MAX

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

SELECT window_start, window_end, color, COUNT(*) AS moves, COUNT(DISTINCT game_id) AS games, MAX(ply) AS max_ply
FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(rt), INTERVAL '30' MINUTE))
GROUP BY window_start, window_end, color;
