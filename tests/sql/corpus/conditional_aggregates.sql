-- SUM(CASE ... LIKE ...) conditional counts per group

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
  color,
  SUM(CASE WHEN san LIKE '%x%' THEN 1 ELSE 0 END) AS captures,
  SUM(CASE WHEN san LIKE '%+' THEN 1 ELSE 0 END) AS checks,
  COUNT(*) AS moves
FROM moves
GROUP BY color;
