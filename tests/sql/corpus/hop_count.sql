-- HOP window (slide 5 minutes, size 10 minutes): each bid counts in two windows

CREATE TABLE bids (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  channel STRING,
  url STRING,
  date_time BIGINT,
  extra STRING,
  rt AS TO_TIMESTAMP_LTZ(date_time, 3),
  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'bids',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

SELECT window_start, window_end, COUNT(*) AS bids, MAX(price) AS top_price
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(rt), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))
GROUP BY window_start, window_end;
