/**
 * The alert every Riffle detector writes: SQL rules, the Random Cut Forest SQL functions and the
 * DataStream detector all produce {@link dev.riffle.common.alert.Alert}, serialized as one JSON
 * object per Kinesis record by {@link dev.riffle.common.alert.AlertJson}.
 */
package dev.riffle.common.alert;
