-- a lateral table function call (LATERAL TABLE) is outside the subset

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

SELECT m.move_id, t.word
FROM moves AS m, LATERAL TABLE(split_words(m.fen)) AS t(word);
