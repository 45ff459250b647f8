-- Top-1 by event time (ROW_NUMBER() OVER (PARTITION BY game_id ORDER BY rt) = 1): each game's first move, whatever the arrival order

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

SELECT game_id, move_id, ply, san
FROM (
  SELECT game_id, move_id, ply, san, ROW_NUMBER() OVER (PARTITION BY game_id ORDER BY rt ASC) AS row_num
  FROM moves
)
WHERE row_num = 1;
