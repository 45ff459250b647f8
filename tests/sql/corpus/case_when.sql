-- searched CASE and simple CASE, a CASE without ELSE is null when nothing matches

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
  CASE WHEN quantity IS NULL THEN 'unknown' WHEN quantity >= 4 THEN 'bulk' ELSE 'single' END AS size,
  CASE country WHEN 'DE' THEN 'EU' WHEN 'FR' THEN 'EU' END AS region,
  CASE WHEN price > 20 THEN price ELSE 0 END AS expensive_price
FROM purchases
WHERE purchase_id <= 50;
