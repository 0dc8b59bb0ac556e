-- A round trip through the local cluster with Flink's built-in connectors: write rows to files under the state
-- folder in one job, read them back in a second job, and print them. `riffle demo` runs it, and the launcher's
-- integration test asserts its output. ${data.dir} and ${run.id} are filled in by `riffle sql`.

SET 'sql-client.execution.result-mode' = 'tableau';
-- Wait for each INSERT to finish before the next statement, so the SELECT sees its files.
SET 'table.dml-sync' = 'true';
-- Bounded input: batch mode commits the files when the job ends, without waiting for a checkpoint.
SET 'execution.runtime-mode' = 'batch';

CREATE TABLE smoke_rows (
  id INT,
  name STRING,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'filesystem',
  'path' = 'file://${data.dir}/smoke/files-round-trip-${run.id}',
  'format' = 'json'
);

INSERT INTO smoke_rows VALUES
  (1, 'riffle-alpha', 10.50),
  (2, 'riffle-beta', 20.25),
  (3, 'riffle-gamma', 30.00);

SELECT id, name, amount FROM smoke_rows ORDER BY id;
