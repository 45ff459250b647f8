-- Nexmark q7: the highest bid in each 10-minute TUMBLE window (a window Top-1).

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
  window_start TIMESTAMP(3),
  window_end TIMESTAMP(3),
  auction BIGINT,
  bidder BIGINT,
  price BIGINT
) WITH ({{sink results}});

INSERT INTO results
SELECT window_start, window_end, auction, bidder, price
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC, date_time ASC, auction ASC) AS row_num
  FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(rt), INTERVAL '10' MINUTE))
)
WHERE row_num <= 1;
