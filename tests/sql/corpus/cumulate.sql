-- CUMULATE window (step 10 minutes, size 1 hour)

CREATE TABLE purchases (
  purchase_id BIGINT,
  user_id VARCHAR(16),
  product STRING,
  price DECIMAL(10, 2),
  quantity INT,
  paid BOOLEAN,
  coupon STRING,
  country STRING,
  rating DOUBLE,
  device ROW<os STRING, version INT>,
  created_at TIMESTAMP(3),
  ts BIGINT,
  rt AS TO_TIMESTAMP_LTZ(ts, 3),
  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'purchases',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

SELECT window_start, window_end, COUNT(*) AS purchases, SUM(quantity) AS units
FROM TABLE(CUMULATE(TABLE purchases, DESCRIPTOR(rt), INTERVAL '10' MINUTE, INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
