-- subquery in FROM: filter and CASE over an updating aggregate

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

SELECT user_id, spent, CASE WHEN spent > 2500 THEN 'gold' ELSE 'silver' END AS tier
FROM (
  SELECT user_id, SUM(price * quantity) AS spent
  FROM purchases
  WHERE paid
  GROUP BY user_id
)
WHERE spent > 1500;
