-- bench/streams' one-minute tumbling count per game, as SQL (the moves of ../shared/bench/make_events.py).

CREATE TABLE moves (
  game_id STRING,
  color STRING,
  uci STRING,
  ts BIGINT,
  rt AS TO_TIMESTAMP_LTZ(ts, 3),
  WATERMARK FOR rt AS rt - INTERVAL '1' SECOND
) WITH ({{source moves}});

CREATE TABLE moves_per_minute (
  game_id STRING,
  window_start TIMESTAMP(3),
  moves BIGINT
) WITH ({{sink moves_per_minute}});

INSERT INTO moves_per_minute
SELECT game_id, window_start, COUNT(*)
FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(rt), INTERVAL '1' MINUTES))
GROUP BY game_id, window_start, window_end;
