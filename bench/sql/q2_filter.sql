-- Nexmark q2: the bids of every 123rd auction.

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
  price BIGINT
) WITH ({{sink results}});

INSERT INTO results
SELECT auction, price
FROM bids
WHERE MOD(auction, 123) = 0;
