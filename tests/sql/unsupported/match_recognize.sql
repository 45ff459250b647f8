-- MATCH_RECOGNIZE (row pattern recognition) is outside the subset

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

SELECT *
FROM moves
MATCH_RECOGNIZE (
  PARTITION BY game_id
  ORDER BY rt
  MEASURES FIRST(A.san) AS first_check, LAST(B.san) AS reply
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (A B)
  DEFINE A AS A.san LIKE '%+', B AS B.piece = 'K'
);
