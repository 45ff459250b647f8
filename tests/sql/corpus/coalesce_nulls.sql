-- COALESCE, IS NULL, IS NOT NULL, on plain and nested fields

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
  COALESCE(coupon, 'none') AS coupon,
  COALESCE(quantity, 0) AS quantity,
  COALESCE(device.os, 'unknown') AS os,
  quantity IS NULL AS no_quantity,
  device IS NOT NULL AS has_device,
  device.version IS NULL AS no_version
FROM purchases
WHERE purchase_id <= 150 AND (coupon IS NOT NULL OR quantity IS NULL OR device IS NULL);
