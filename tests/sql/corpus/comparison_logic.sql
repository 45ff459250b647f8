-- comparisons (= <> < <= > >= BETWEEN) and AND/OR/NOT with SQL's three-valued logic on nulls

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
  quantity > 2 AS many,
  quantity >= 2 AND paid AS paid_many,
  NOT paid AS unpaid,
  quantity <> 3 OR coupon IS NOT NULL AS either,
  rating < 2.5 AS low_rating,
  rating <= 2.5 OR quantity = 1 AS low_or_single,
  price BETWEEN 5 AND 20 AS mid_price
FROM purchases
WHERE purchase_id <= 60;
