-- A round trip through the local cluster with Flink's built-in connectors: rows go to JSON files in a local
-- folder, are copied from there to the lake bucket on s3proxy (s3:// through the flink-s3-fs-hadoop plugin), and are
-- read back from the lake and printed. Three jobs run on the cluster, one per statement.
-- `riffle demo` runs it; the launcher's integration test asserts its output.
-- ${data.dir}, ${lake} and ${run.id} are filled in by `riffle sql` (see `riffle sql --help` in README.md).

SET 'sql-client.execution.result-mode' = 'tableau';
-- Wait for each INSERT to finish before the next statement, so the next one sees its files.
SET 'table.dml-sync' = 'true';
-- Bounded input: batch mode commits the files when a job ends, without waiting for a checkpoint.
SET 'execution.runtime-mode' = 'batch';

CREATE TABLE local_rows (
  id INT,
  name STRING,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'filesystem',
  'path' = 'file://${data.dir}/round-trip/${run.id}',
  'format' = 'json'
);

CREATE TABLE lake_rows (
  id INT,
  name STRING,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'filesystem',
  'path' = '${lake}/round-trip/${run.id}',
  'format' = 'json'
);

INSERT INTO local_rows VALUES
  (1, 'riffle-alpha', 10.50),
  (2, 'riffle-beta', 20.25),
  (3, 'riffle-gamma', 30.00);

INSERT INTO lake_rows SELECT id, name, amount FROM local_rows;

SELECT id, name, amount FROM lake_rows ORDER BY id;
