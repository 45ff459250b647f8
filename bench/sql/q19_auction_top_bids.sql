-- Nexmark q19: the 10 highest bids of each auction (an updating Top-N).

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
) WITH ({{source bids}});

CREATE TABLE results (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  channel STRING,
  row_num BIGINT
) WITH ({{sink results}});

INSERT INTO results
SELECT auction, bidder, price, channel, row_num
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS row_num
  FROM bids
)
WHERE row_num <= 10;
