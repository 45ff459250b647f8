-- seed 0's nested query on the games topic: games with one record (started) are active, two (started, ended) completed; needs retractions

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
  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'games',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

SELECT
  SUM(CASE WHEN record_count = 1 THEN 1 ELSE 0 END) AS active_games,
  SUM(CASE WHEN record_count = 2 THEN 1 ELSE 0 END) AS completed_games
FROM (
  SELECT game_id, COUNT(*) AS record_count
  FROM games
  GROUP BY game_id
);
