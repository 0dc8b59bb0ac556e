-- A round trip through the local cluster with Flink's built-in connectors: one job writes three rows as JSON files
-- to the lake bucket on s3proxy (s3:// through the flink-s3-fs-hadoop plugin), a second job reads them back and the
-- SQL client prints them. `riffle demo` runs it; the launcher's integration test asserts its output.
-- The lake and run.id placeholders are filled in by `riffle sql` (README: "SQL scripts"); each run writes its own
-- folder.

SET 'sql-client.execution.result-mode' = 'tableau';
-- Wait for the INSERT to finish before the SELECT, so the SELECT sees its files.
SET 'table.dml-sync' = 'true';
-- Bounded input: batch mode commits the files when the job ends, without waiting for a checkpoint.
SET 'execution.runtime-mode' = 'batch';

CREATE TABLE lake_rows (
  id INT,
  name STRING,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'filesystem',
  'path' = '${lake}/round-trip/${run.id}',
  'format' = 'json'
);

INSERT INTO lake_rows VALUES
  (1, 'riffle-alpha', 10.50),
  (2, 'riffle-beta', 20.25),
  (3, 'riffle-gamma', 30.00);

SELECT id, name, amount FROM lake_rows ORDER BY id;
