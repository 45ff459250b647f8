-- a TIMESTAMP(3) column read from JSON: compared with a TIMESTAMP literal, FLOOR, DATE_FORMAT

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
  created_at,
  FLOOR(created_at TO MINUTE) AS minute_start,
  DATE_FORMAT(created_at, 'HH:mm:ss') AS clock
FROM purchases
WHERE created_at < TIMESTAMP '2024-03-01 09:10:00';
