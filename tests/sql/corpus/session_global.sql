-- SESSION window without PARTITION BY (gap 40 seconds)

CREATE TABLE persons (
  id BIGINT,
  name STRING,
  email_address STRING,
  credit_card STRING,
  city STRING,
  state STRING,
  date_time BIGINT,
  extra STRING,
  rt AS TO_TIMESTAMP_LTZ(date_time, 3),
  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'persons',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

SELECT window_start, window_end, COUNT(*) AS people
FROM TABLE(SESSION(TABLE persons, DESCRIPTOR(rt), INTERVAL '40' SECOND))
GROUP BY window_start, window_end;
