-- Nexmark q2: filter by MOD of the auction id

CREATE TABLE bids (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  channel STRING,
  url STRING,
  date_time BIGINT,
  extra STRING,
  rt AS TO_TIMESTAMP_LTZ(date_time, 3),
  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'bids',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

SELECT auction, price
FROM bids
WHERE MOD(auction, 123) = 0;
