-- TO_TIMESTAMP_LTZ, DATE_FORMAT (in UTC), FLOOR and CEIL of a TIMESTAMP_LTZ to MINUTE and HOUR

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
  move_id,
  TO_TIMESTAMP_LTZ(ts, 3) AS event_time,
  DATE_FORMAT(rt, 'yyyy-MM-dd HH:mm:ss') AS formatted,
  DATE_FORMAT(rt, 'HH:mm') AS hour_minute,
  FLOOR(rt TO MINUTE) AS minute_start,
  FLOOR(rt TO HOUR) AS hour_start,
  CEIL(rt TO HOUR) AS hour_end
FROM moves
WHERE game_id = 'g005';
