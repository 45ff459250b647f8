-- LEFT JOIN of two subqueries of one table: started games with their end, null while running

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

SELECT s.game_id, s.white, s.black, e.`result`, e.reason
FROM (SELECT game_id, white, black FROM games WHERE event = 'started') AS s
LEFT JOIN (SELECT game_id, `result`, reason FROM games WHERE event = 'ended') AS e
ON s.game_id = e.game_id;
