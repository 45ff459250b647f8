-- Top-N without PARTITION BY over an updating aggregate, with the row number in the result

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

SELECT player, wins, row_num
FROM (
  SELECT player, wins, ROW_NUMBER() OVER (ORDER BY wins DESC, player ASC) AS row_num
  FROM (
    SELECT white AS player, COUNT(*) AS wins
    FROM games
    WHERE event = 'ended' AND `result` = '1-0'
    GROUP BY white
  )
)
WHERE row_num <= 3;
