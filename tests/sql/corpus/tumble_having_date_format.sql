-- TUMBLE with HAVING and DATE_FORMAT of window_start

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

SELECT DATE_FORMAT(window_start, 'yyyy-MM-dd HH:mm') AS slot, COUNT(*) AS purchases
FROM TABLE(TUMBLE(TABLE purchases, DESCRIPTOR(rt), INTERVAL '20' MINUTE))
GROUP BY window_start, window_end
HAVING COUNT(*) > 60;
