-- Nexmark q11: bids per bidder per SESSION window (gap 2 minutes).

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
  bidder BIGINT,
  bid_count BIGINT,
  starttime TIMESTAMP(3),
  endtime TIMESTAMP(3)
) WITH ({{sink results}});

INSERT INTO results
SELECT bidder, COUNT(*) AS bid_count, window_start AS starttime, window_end AS endtime
FROM TABLE(SESSION(TABLE bids PARTITION BY bidder, DESCRIPTOR(rt), INTERVAL '2' MINUTE))
GROUP BY bidder, window_start, window_end;
