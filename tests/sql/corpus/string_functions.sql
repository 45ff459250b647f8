-- string functions UPPER, LOWER, SUBSTRING (both forms), CHAR_LENGTH, CONCAT (null if any argument is), ||, TRIM, REPLACE

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
  UPPER(product) AS upper_product,
  LOWER(country) AS lower_country,
  SUBSTRING(product FROM 2 FOR 3) AS middle,
  SUBSTRING(product, 3) AS tail,
  CHAR_LENGTH(product) AS length,
  CONCAT(user_id, '/', product) AS tag,
  user_id || '-' || country AS tag2,
  CONCAT(product, coupon) AS with_coupon,
  TRIM(coupon) AS trimmed,
  CHAR_LENGTH(coupon) AS coupon_length,
  REPLACE(product, 'o', '0') AS replaced
FROM purchases
WHERE purchase_id <= 60;
