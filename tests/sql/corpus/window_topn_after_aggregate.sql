-- window Top-N: top 3 products per TUMBLE hour by revenue

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

SELECT window_start, window_end, product, revenue, row_num
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY revenue DESC, product ASC) AS row_num
  FROM (
    SELECT window_start, window_end, product, SUM(price * quantity) AS revenue
    FROM TABLE(TUMBLE(TABLE purchases, DESCRIPTOR(rt), INTERVAL '1' HOUR))
    GROUP BY window_start, window_end, product
  )
)
WHERE row_num <= 3;
