-- TUMBLE window of 10 minutes with window_start, window_end and COUNT(*) (the counts sum to the number of moves)

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

SELECT window_start, window_end, COUNT(*) AS moves
FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(rt), INTERVAL '10' MINUTE))
GROUP BY window_start, window_end;
