-- interval join: the moves of the last minute before a game ended (m.rt BETWEEN g.rt - INTERVAL '1' MINUTE AND g.rt)

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

SELECT g.game_id, g.reason, m.ply, m.san
FROM games AS g
JOIN moves AS m ON g.game_id = m.game_id AND m.rt BETWEEN g.rt - INTERVAL '1' MINUTE AND g.rt
WHERE g.event = 'ended';
