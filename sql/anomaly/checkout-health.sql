-- Checkout health: a merchant whose checkout error rate over the last 5 minutes (sliding by one
-- minute) exceeds 2%, once it had at least 50 checkouts in those 5 minutes (so two requests cannot
-- page anyone). One alert per merchant and minute while it lasts.
--
-- Reads the events stream with Riffle's `kinesis` SQL connector, writes alerts in the shared alert
-- format (README, "Alert format"). Run it with the launcher:
--   deploy/local/riffle sql sql/anomaly/checkout-health.sql \
--     --var events.stream=events --var alerts.stream=alerts --var events.init-position=LATEST
-- The variable kinesis.options is every Kinesis table's connection: region, endpoint and credentials. `riffle sql`
-- sets it to kinesis-mock's; on Managed Flink the SQL runner fills it (and the stream variables) from the group
-- sql-variables, with the region only (the application's role signs the requests).
-- Tuning: the rate (0.02) and the minimum volume (50) are in the HAVING clause.

SET 'table.local-time-zone' = 'UTC';
SET 'table.exec.source.idle-timeout' = '10 s';
SET 'pipeline.name' = 'riffle-sql-checkout-health';

CREATE TABLE events (
  eventId STRING,
  `type` STRING,
  occurredAt STRING,
  merchantId STRING,
  outcome STRING,
  deviceId STRING,
  metric STRING,
  `value` DOUBLE,
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

CREATE TEMPORARY VIEW checkouts AS
SELECT merchantId, outcome, ts FROM events WHERE `type` = 'checkout' AND merchantId IS NOT NULL;

CREATE TEMPORARY VIEW checkout_rates AS
SELECT
  merchantId,
  window_start,
  window_end,
  COUNT(*) AS total,
  COUNT(*) FILTER (WHERE outcome = 'error') AS errors
FROM TABLE(HOP(TABLE checkouts, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
GROUP BY merchantId, window_start, window_end
HAVING COUNT(*) >= 50 AND COUNT(*) FILTER (WHERE outcome = 'error') > 0.02 * COUNT(*);

INSERT INTO alerts
SELECT
  SUBSTRING(SHA256(CONCAT_WS('|', 'checkout-health', merchantId,
    DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z'''))), 1, 32),
  'checkout-health',
  merchantId,
  ROW(CAST(window_start AS TIMESTAMP_LTZ(3)), CAST(window_end AS TIMESTAMP_LTZ(3))),
  CAST(errors AS DOUBLE) / total,
  0.02,
  (CAST(errors AS DOUBLE) / total) / 0.02,
  CAST(NULL AS DOUBLE),
  CONCAT(CAST(errors AS STRING), ' of ', CAST(total AS STRING), ' checkouts failed in 5 minutes (',
    CAST(ROUND(100 * CAST(errors AS DOUBLE) / total, 1) AS STRING), '%, limit 2%)'),
  CAST(NULL AS MAP<STRING, DOUBLE>)
FROM checkout_rates;
