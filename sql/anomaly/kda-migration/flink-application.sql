-- The Flink SQL equivalent of kda-application.sql, with Riffle's process table functions and its
-- `kinesis` connector. Differences from KDA, all in the user's favour:
--   * PARTITION BY host gives each host its own forest (drop it for KDA's single forest);
--   * the forests are Flink state: they survive restarts and upgrades exactly-once (KDA started
--     from nothing after every maintenance);
--   * the input stream is a table, so CURSOR(SELECT STREAM ...) becomes TABLE view_name.
-- Run it with the launcher (the function needs this module's jar):
--   deploy/local/riffle sql sql/anomaly/kda-migration/flink-application.sql \
--     --jar jobs/anomaly-detection/target/riffle-jobs-anomaly-detection-0.1.0-SNAPSHOT.jar \
--     --var metrics.stream=web-metrics --var scores.stream=web-anomalies

CREATE FUNCTION RANDOM_CUT_FOREST_WITH_EXPLANATION
  AS 'dev.riffle.jobs.anomaly.sql.RandomCutForestWithExplanationFunction';

-- KDA's SOURCE_SQL_STREAM_001: the in-application input stream, here a Kinesis table.
CREATE TABLE source_stream (
  host STRING,
  requests INT,
  latency_ms DOUBLE
) WITH (
  'connector' = 'kinesis',
  'stream.arn' = '${kinesis.stream-arn-prefix}${metrics.stream}',
  ${kinesis.options}
  'source.init.position' = 'LATEST',
  'format' = 'json'
);

-- KDA's DESTINATION_SQL_STREAM, written to a Kinesis stream.
CREATE TABLE destination_stream (
  host STRING,
  requests INT,
  latency_ms DOUBLE,
  ANOMALY_SCORE DOUBLE,
  ANOMALY_EXPLANATION STRING
) WITH (
  'connector' = 'kinesis',
  'stream.arn' = '${kinesis.stream-arn-prefix}${scores.stream}',
  ${kinesis.options}
  'format' = 'json'
);

-- The CURSOR's query: every numeric column that is not a PARTITION BY column is a dimension.
CREATE TEMPORARY VIEW scored_input AS
SELECT host, requests, latency_ms FROM source_stream;

INSERT INTO destination_stream
SELECT host, requests, latency_ms, ANOMALY_SCORE, ANOMALY_EXPLANATION
FROM RANDOM_CUT_FOREST_WITH_EXPLANATION(
  input => TABLE scored_input PARTITION BY host,
  numberOfTrees => 100,
  subSampleSize => 256,
  timeDecay => 100000,
  shingleSize => 1,
  withDirectionality => true,
  uid => 'web-host-forests')
WHERE ANOMALY_SCORE > 2.5;
