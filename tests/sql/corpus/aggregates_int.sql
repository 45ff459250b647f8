-- SUM, AVG, MIN, MAX of INT and BIGINT and MAX of a TIMESTAMP_LTZ; AVG of an INT is an INT

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
  game_id,
  SUM(ply) AS ply_sum,
  AVG(ply) AS ply_average,
  MIN(ply) AS first_ply,
  MAX(ply) AS last_ply,
  MIN(ts) AS first_ts,
  MAX(rt) AS last_time
FROM moves
GROUP BY game_id;
