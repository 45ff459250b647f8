-- interval join: bids in the first minute after the auction opened (b.rt BETWEEN a.rt AND a.rt + INTERVAL '1' MINUTE)

CREATE TABLE auctions (
  id BIGINT,
  item_name STRING,
  description STRING,
  initial_bid BIGINT,
  reserve BIGINT,
  date_time BIGINT,
  expires BIGINT,
  seller BIGINT,
  category INT,
  extra STRING,
  rt AS TO_TIMESTAMP_LTZ(date_time, 3),
  WATERMARK FOR rt AS rt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'auctions',
  'format' = 'json',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

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

SELECT a.id AS auction, a.item_name, b.bidder, b.price
FROM auctions AS a
JOIN bids AS b ON a.id = b.auction AND b.rt BETWEEN a.rt AND a.rt + INTERVAL '1' MINUTE;
