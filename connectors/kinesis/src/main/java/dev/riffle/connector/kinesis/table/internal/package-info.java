/** The table source and sink behind the {@code 'kinesis'} factory; not API. */
package dev.riffle.connector.kinesis.table.internal;
