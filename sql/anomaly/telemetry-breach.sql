-- Sustained telemetry breach: 5 consecutive readings of one device's metric above the metric's
-- limit (MATCH_RECOGNIZE). One alert per 5 such readings, when the fifth arrives.
--
-- Reads the events stream with Riffle's `kinesis` SQL connector, writes alerts in the shared alert
-- format (README, "Alert format"). Run it with the launcher:
--   deploy/local/riffle sql sql/anomaly/telemetry-breach.sql \
--     --var events.stream=events --var alerts.stream=alerts --var events.init-position=LATEST
-- The variable kinesis.options is every Kinesis table's connection: region, endpoint and credentials. `riffle sql`
-- sets it to kinesis-mock's; on Managed Flink the SQL runner fills it (and the stream variables) from the group
-- sql-variables, with the region only (the application's role signs the requests).
-- Tuning: the limits are in the CASE expression of the `readings` view; N is the {5} in PATTERN.

SET 'table.local-time-zone' = 'UTC';
SET 'table.exec.source.idle-timeout' = '10 s';
SET 'pipeline.name' = 'riffle-sql-telemetry-breach';

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

-- A CASE keeps the time attribute (a join with a limits table would not).
CREATE TEMPORARY VIEW readings AS
SELECT
  CONCAT(deviceId, '/', metric) AS series,
  `value`,
  CASE metric
    WHEN 'temperature' THEN 35.0
    WHEN 'humidity' THEN 85.0
    WHEN 'pressure' THEN 1045.0
  END AS limit_value,
  ts
FROM events
WHERE `type` = 'telemetry' AND deviceId IS NOT NULL AND metric IN ('temperature', 'humidity', 'pressure');

INSERT INTO alerts
SELECT
  SUBSTRING(SHA256(CONCAT_WS('|', 'telemetry-breach', series,
    DATE_FORMAT(breach_end, 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z'''))), 1, 32),
  'telemetry-breach',
  series,
  ROW(CAST(breach_start AS TIMESTAMP_LTZ(3)), CAST(breach_end AS TIMESTAMP_LTZ(3))),
  mean_value,
  limit_value,
  mean_value / limit_value,
  CAST(NULL AS DOUBLE),
  CONCAT(CAST(reading_count AS STRING), ' consecutive readings above ', CAST(limit_value AS STRING),
    ' (mean ', CAST(ROUND(mean_value, 2) AS STRING), ', max ', CAST(ROUND(max_value, 2) AS STRING), ')'),
  CAST(NULL AS MAP<STRING, DOUBLE>)
FROM readings
MATCH_RECOGNIZE (
  PARTITION BY series
  ORDER BY ts
  MEASURES
    FIRST(HIGH.ts) AS breach_start,
    LAST(HIGH.ts) AS breach_end,
    AVG(HIGH.`value`) AS mean_value,
    MAX(HIGH.`value`) AS max_value,
    LAST(HIGH.limit_value) AS limit_value,
    COUNT(HIGH.`value`) AS reading_count
  ONE ROW PER MATCH
  AFTER MATCH SKIP PAST LAST ROW
  PATTERN (HIGH{5})
  DEFINE HIGH AS HIGH.`value` > HIGH.limit_value
);
