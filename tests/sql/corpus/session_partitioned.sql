-- SESSION window with PARTITION BY game_id (gap 30 seconds)

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

SELECT game_id, window_start, window_end, COUNT(*) AS moves
FROM TABLE(SESSION(TABLE moves PARTITION BY game_id, DESCRIPTOR(rt), INTERVAL '30' SECOND))
GROUP BY game_id, window_start, window_end;
