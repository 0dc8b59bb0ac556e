/**
 * The SQL / Table API connector {@code 'kinesis'}: {@link
 * dev.riffle.connector.kinesis.table.KinesisDynamicTableFactory} and its table-only options {@link
 * dev.riffle.connector.kinesis.table.KinesisTableOptions}.
 */
package dev.riffle.connector.kinesis.table;
