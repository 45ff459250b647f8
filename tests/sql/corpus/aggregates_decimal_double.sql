-- SUM and AVG of DECIMAL and DOUBLE, MIN of DOUBLE, MAX of TIMESTAMP(3), per group

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
  product,
  SUM(price) AS price_sum,
  AVG(price) AS average_price,
  SUM(price * quantity) AS gross,
  AVG(rating) AS average_rating,
  MIN(rating) AS lowest_rating,
  MAX(created_at) AS last_created
FROM purchases
GROUP BY product;
