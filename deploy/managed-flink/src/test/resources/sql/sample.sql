-- Stand-in for a sql/ script: streaming, with variables, a statement set and a SET that MSF owns.
-- The deployment tests run it through the SQL runner the way MSF starts an application.
SET 'execution.checkpointing.interval' = '10 s';
SET 'table.exec.source.idle-timeout' = '30 s';

CREATE TABLE numbers (
  n BIGINT
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '100',
  'number-of-rows' = '${rows}',
  'fields.n.kind' = 'sequence',
  'fields.n.start' = '1',
  'fields.n.end' = '${rows}'
);

CREATE TABLE sink_odd (n BIGINT) WITH ('connector' = 'blackhole');
CREATE TABLE sink_even (n BIGINT) WITH ('connector' = 'blackhole');

EXECUTE STATEMENT SET BEGIN
  INSERT INTO sink_odd SELECT n FROM numbers WHERE n % 2 = 1;
  INSERT INTO sink_even SELECT n FROM numbers WHERE n % 2 = 0;
END;
