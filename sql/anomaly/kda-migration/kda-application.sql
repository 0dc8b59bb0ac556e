-- A Kinesis Data Analytics for SQL application (for reference: this is KDA's dialect and does not run
-- in Flink). It scores each web host's request count and latency with RANDOM_CUT_FOREST_WITH_EXPLANATION
-- and keeps the records whose score is high. flink-application.sql beside it is the Flink equivalent.

CREATE OR REPLACE STREAM "SCORED_STREAM" (
  "host"                VARCHAR(64),
  "requests"            INTEGER,
  "latency_ms"          DOUBLE,
  "ANOMALY_SCORE"       DOUBLE,
  "ANOMALY_EXPLANATION" VARCHAR(20480));

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
  "host"                VARCHAR(64),
  "requests"            INTEGER,
  "latency_ms"          DOUBLE,
  "ANOMALY_SCORE"       DOUBLE,
  "ANOMALY_EXPLANATION" VARCHAR(20480));

-- One forest for the whole stream: KDA has no per-key models. 100 trees, sample 256,
-- time decay 100000 records, no shingling, with directionality.
CREATE OR REPLACE PUMP "SCORE_PUMP" AS
  INSERT INTO "SCORED_STREAM"
  SELECT STREAM "host", "requests", "latency_ms", "ANOMALY_SCORE", "ANOMALY_EXPLANATION"
  FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(
    CURSOR(SELECT STREAM "host", "requests", "latency_ms" FROM "SOURCE_SQL_STREAM_001"),
    100, 256, 100000, 1, true));

CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS
  INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM * FROM "SCORED_STREAM" WHERE "ANOMALY_SCORE" > 2.5;
