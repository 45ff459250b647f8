-- arithmetic: + - * on INT, integer division, MOD, unary minus, DECIMAL times INT, DECIMAL division, DOUBLE times INT, BIGINT divided by a DECIMAL literal

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
  quantity + 1 AS plus_one,
  quantity - 3 AS minus_three,
  quantity * 7 AS times_seven,
  quantity / 2 AS half,
  MOD(purchase_id, 7) AS remainder,
  -quantity AS negated,
  price * quantity AS total,
  price / 4 AS quarter,
  rating * 2 AS double_rating,
  purchase_id / 3.0 AS third
FROM purchases
WHERE purchase_id <= 30;
