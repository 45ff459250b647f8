-- an OVER aggregation with ROWS BETWEEN (a running window over rows) is outside the subset

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

SELECT
  purchase_id,
  user_id,
  SUM(price) OVER (PARTITION BY user_id ORDER BY rt ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS last_three
FROM purchases;
