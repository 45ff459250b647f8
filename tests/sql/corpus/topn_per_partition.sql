-- Top-N: ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ... DESC, tie-breaker) <= 3 over an append-only table

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

SELECT country, purchase_id, product, price
FROM (
  SELECT country, purchase_id, product, price,
    ROW_NUMBER() OVER (PARTITION BY country ORDER BY price DESC, purchase_id ASC) AS row_num
  FROM purchases
)
WHERE row_num <= 3;
