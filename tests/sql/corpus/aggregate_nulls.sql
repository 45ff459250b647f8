-- aggregates skip nulls: COUNT(column) against COUNT(*), SUM/AVG/MIN/MAX of a group whose values are all null are null

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
  user_id,
  COUNT(*) AS purchases,
  COUNT(quantity) AS with_quantity,
  COUNT(coupon) AS with_coupon,
  SUM(quantity) AS units,
  AVG(quantity) AS average_units,
  MIN(coupon) AS first_coupon,
  MAX(device.version) AS newest_version
FROM purchases
GROUP BY user_id;
