package dev.riffle.jobs.parquet.internal;

import dev.riffle.jobs.parquet.convert.JsonPath;
import dev.riffle.jobs.parquet.record.DeliveryRecord;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.java.functions.KeySelector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The key the dedupe step ({@link dev.riffle.common.dedupe.FirstSighting}) deduplicates by: {@code
 * =} and the scalar at the dedupe path, or, for a record without one (missing, null, an object or
 * array, not JSON), {@code -} and the record's Kinesis position. The two kinds never collide,
 * records without an id spread over the subtasks like the others, and only keys with an id are
 * tracked ({@link #hasId}): the others pass and leave no state.
 */
@Internal
public final class DedupeKey implements KeySelector<DeliveryRecord, String> {
    private static final long serialVersionUID = 1L;

    static final char ID = '=';
    static final char NO_ID = '-';

    private final JsonPath field;
    private final boolean caseInsensitive;
    private transient ObjectMapper mapper;

    /** Whether {@code key} (one this selector made) is an id to deduplicate. */
    public static boolean hasId(String key) {
        return key.charAt(0) == ID;
    }

    public DedupeKey(JsonPath field, boolean caseInsensitive) {
        this.field = field;
        this.caseInsensitive = caseInsensitive;
    }

    @Override
    public String getKey(DeliveryRecord record) {
        if (mapper == null) {
            mapper = JsonMapper.builder().build();
        }
        JsonNode id = null;
        if (record.data != null) {
            try {
                id = field.find(mapper.readTree(record.data), caseInsensitive);
            } catch (IOException e) {
                // Not JSON: no id; the converter sends it to the error output.
            }
        }
        if (id != null && id.isValueNode() && !id.isNull()) {
            return ID + id.asText();
        }
        return NO_ID
                + record.shardId
                + "/"
                + record.sequenceNumber
                + "/"
                + record.subSequenceNumber;
    }
}
