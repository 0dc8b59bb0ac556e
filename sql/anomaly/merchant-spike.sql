-- Merchant spike: a merchant whose transaction count in one minute exceeds 3x its average over the
-- 10 minutes before (minutes without transactions count as zero). One alert per merchant and minute.
--
-- Reads the events stream (written by the ingestion job) with Riffle's `kinesis` SQL connector and
-- writes alerts in the shared alert format (README, "Alert format"). Run it with the launcher:
--   deploy/local/riffle sql sql/anomaly/merchant-spike.sql \
--     --var events.stream=events --var alerts.stream=alerts --var events.init-position=LATEST
-- The variable kinesis.options is every Kinesis table's connection: region, endpoint and credentials. `riffle sql`
-- sets it to kinesis-mock's; on Managed Flink the SQL runner fills it (and the stream variables) from the group
-- sql-variables, with the region only (the application's role signs the requests).
--
-- Tuning: the factor (3), the minimum count in the alerting minute (5) and the minimum history (10
-- transactions in the trailing 10 minutes) are in the WHERE clause at the end.

SET 'table.local-time-zone' = 'UTC';
SET 'table.exec.source.idle-timeout' = '10 s';
SET 'pipeline.name' = 'riffle-sql-merchant-spike';

CREATE TABLE events (
  eventId STRING,
  `type` STRING,
  occurredAt STRING,
  merchantId STRING,
  outcome STRING,
  deviceId STRING,
  metric STRING,
  `value` DOUBLE,
  -- occurredAt is an ISO-8601 UTC instant ("2025-03-01T10:04:07.123Z").
  ts AS CAST(REPLACE(REPLACE(occurredAt, 'T', ' '), 'Z', '') AS TIMESTAMP(3)),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kinesis',
  'stream.arn' = '${kinesis.stream-arn-prefix}${events.stream}',
  ${kinesis.options}
  'source.init.position' = '${events.init-position}',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE alerts (
  alertId STRING,
  what STRING,
  `key` STRING,
  `window` ROW<`start` TIMESTAMP_LTZ(3), `end` TIMESTAMP_LTZ(3)>,
  observed DOUBLE,
  expected DOUBLE,
  score DOUBLE,
  grade DOUBLE,
  explanation STRING,
  attribution MAP<STRING, DOUBLE>
) WITH (
  'connector' = 'kinesis',
  'stream.arn' = '${kinesis.stream-arn-prefix}${alerts.stream}',
  ${kinesis.options}
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

CREATE TEMPORARY VIEW transactions AS
SELECT merchantId, ts FROM events WHERE `type` = 'transaction' AND merchantId IS NOT NULL;

-- One 11-minute window per merchant, sliding by a minute: its last minute is the minute under test,
-- the 10 minutes before it are the baseline. Counting both in one window makes empty minutes zeros.
CREATE TEMPORARY VIEW merchant_minutes AS
SELECT
  merchantId,
  window_start,
  window_end,
  COUNT(*) FILTER (WHERE ts >= window_end - INTERVAL '1' MINUTE) AS last_minute,
  COUNT(*) FILTER (WHERE ts < window_end - INTERVAL '1' MINUTE) AS baseline,
  MIN(ts) AS first_seen
FROM TABLE(HOP(TABLE transactions, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '11' MINUTE))
GROUP BY merchantId, window_start, window_end;

INSERT INTO alerts
SELECT
  SUBSTRING(SHA256(CONCAT_WS('|', 'merchant-spike', merchantId,
    DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z'''))), 1, 32),
  'merchant-spike',
  merchantId,
  ROW(CAST(window_end - INTERVAL '1' MINUTE AS TIMESTAMP_LTZ(3)), CAST(window_end AS TIMESTAMP_LTZ(3))),
  CAST(last_minute AS DOUBLE),
  CAST(baseline AS DOUBLE) / 10,
  CAST(last_minute AS DOUBLE) / (CAST(baseline AS DOUBLE) / 10),
  CAST(NULL AS DOUBLE),
  CONCAT(CAST(last_minute AS STRING), ' transactions in one minute, ',
    CAST(ROUND(CAST(last_minute AS DOUBLE) / (CAST(baseline AS DOUBLE) / 10), 1) AS STRING),
    'x the trailing 10-minute average of ', CAST(ROUND(CAST(baseline AS DOUBLE) / 10, 2) AS STRING)),
  CAST(NULL AS MAP<STRING, DOUBLE>)
FROM merchant_minutes
WHERE last_minute >= 5
  AND baseline >= 10
  AND CAST(last_minute AS DOUBLE) > 3 * (CAST(baseline AS DOUBLE) / 10)
  -- The merchant was seen in the window's first minute: right after a (re)start the trailing 10
  -- minutes are not yet all in the stream, and a partial baseline would page on normal traffic.
  AND first_seen < window_start + INTERVAL '1' MINUTE;
