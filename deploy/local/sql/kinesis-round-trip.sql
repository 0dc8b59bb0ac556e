-- A round trip through kinesis-mock with Riffle's `kinesis` SQL connector (connectors/kinesis-sql, shipped to the
-- cluster by `riffle sql`): three rows are written to the stream by one job, then read back from the start of the
-- stream by a second job and printed. The stream (riffle-smoke) is created by `riffle up`; rows of earlier runs
-- stay in it, so each run tags its rows with the run.id placeholder and reads back only those.
-- The options are the official Flink Kinesis connector's keys; on AWS drop aws.endpoint and the BASIC keys.

SET 'sql-client.execution.result-mode' = 'tableau';
-- Wait for the INSERT to finish (the sink flushes when its bounded input ends) before reading.
SET 'table.dml-sync' = 'true';

CREATE TABLE smoke_out (
  run_id STRING,
  id INT,
  name STRING
) WITH (
  'connector' = 'kinesis',
  'stream.arn' = '${kinesis.stream-arn-prefix}riffle-smoke',
  'aws.region' = '${aws.region}',
  'aws.endpoint' = '${kinesis.endpoint}',
  'aws.credentials.provider' = 'BASIC',
  'aws.credentials.provider.basic.accesskeyid' = '${aws.access-key-id}',
  'aws.credentials.provider.basic.secretkey' = '${aws.secret-key}',
  'format' = 'json'
);

CREATE TABLE smoke_in (
  run_id STRING,
  id INT,
  name STRING
) WITH (
  'connector' = 'kinesis',
  'stream.arn' = '${kinesis.stream-arn-prefix}riffle-smoke',
  'aws.region' = '${aws.region}',
  'aws.endpoint' = '${kinesis.endpoint}',
  'aws.credentials.provider' = 'BASIC',
  'aws.credentials.provider.basic.accesskeyid' = '${aws.access-key-id}',
  'aws.credentials.provider.basic.secretkey' = '${aws.secret-key}',
  'source.init.position' = 'TRIM_HORIZON',
  'format' = 'json'
);

INSERT INTO smoke_out VALUES
  ('${run.id}', 1, 'kinesis-alpha'),
  ('${run.id}', 2, 'kinesis-beta'),
  ('${run.id}', 3, 'kinesis-gamma');

-- The source is unbounded and a streaming LIMIT does not end the job: run this script with
-- `riffle sql ... --until-rows 3`, which cancels the query once its three rows are shown.
SELECT id, name FROM smoke_in WHERE run_id = '${run.id}' LIMIT 3;
