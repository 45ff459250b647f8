-- CAST between INT, STRING, DOUBLE, DECIMAL, BIGINT, BOOLEAN and TIMESTAMP_LTZ(3) to TIMESTAMP(3)

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
  CAST(quantity AS STRING) AS quantity_text,
  CAST(SUBSTRING(user_id, 2) AS INT) AS user_number,
  CAST(rating AS INT) AS rating_int,
  CAST(price AS INT) AS price_int,
  CAST(rating AS DECIMAL(5, 1)) AS rating_decimal,
  CAST(price AS DOUBLE) AS price_double,
  CAST(purchase_id AS DOUBLE) AS id_double,
  CAST(rt AS TIMESTAMP(3)) AS local_time,
  CAST(paid AS STRING) AS paid_text
FROM purchases
WHERE purchase_id <= 40;
