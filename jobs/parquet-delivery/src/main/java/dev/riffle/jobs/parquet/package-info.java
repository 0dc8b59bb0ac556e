/**
 * Parquet delivery: JSON records from a Kinesis stream into a data lake as Parquet files, exactly
 * once, with Firehose's prefix language and error output. {@link
 * dev.riffle.jobs.parquet.ParquetDeliveryPipeline} is the job as a function of its input stream;
 * {@link dev.riffle.jobs.parquet.ParquetDeliveryJob} wires the Kinesis source around it.
 */
package dev.riffle.jobs.parquet;
