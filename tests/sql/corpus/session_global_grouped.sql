-- SESSION window without PARTITION BY, grouped by a key: one session stream for all bids, counted per channel within each session (gap 30 seconds)

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

SELECT channel, window_start, window_end, COUNT(*) AS bids, MAX(price) AS top_price
FROM TABLE(SESSION(TABLE bids, DESCRIPTOR(rt), INTERVAL '30' SECOND))
GROUP BY channel, window_start, window_end;
