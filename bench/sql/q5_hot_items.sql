-- Nexmark q5: the auction with the most bids in each 10-minute HOP window sliding by 2 minutes.

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
  num BIGINT
) WITH ({{sink results}});

INSERT INTO results
SELECT window_start, window_end, auction, num
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY num DESC, auction ASC) AS row_num
  FROM (
    SELECT window_start, window_end, auction, COUNT(*) AS num
    FROM TABLE(HOP(TABLE bids, DESCRIPTOR(rt), INTERVAL '2' MINUTE, INTERVAL '10' MINUTE))
    GROUP BY window_start, window_end, auction
  )
)
WHERE row_num <= 1;
