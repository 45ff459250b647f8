-- Nexmark q1: every bid's price converted from dollars to euros by a DECIMAL literal.

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
  price DECIMAL(24, 3),
  date_time BIGINT,
  extra STRING
) WITH ({{sink results}});

INSERT INTO results
SELECT auction, bidder, 0.908 * price AS price, date_time, extra
FROM bids;
