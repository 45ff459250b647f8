-- UNION ALL of two selections of one table

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

SELECT white AS player, game_id FROM games WHERE event = 'started'
UNION ALL
SELECT black AS player, game_id FROM games WHERE event = 'started' AND black <> 'ai';
