package dev.riffle.common.event;

import org.apache.flink.annotation.PublicEvolving;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates raw events against the JSON Schemas in {@code schemas/} on the classpath (JSON Schema
 * 2020-12, with {@code format} asserted, so {@code ip} must be an IP literal).
 *
 * <p>Compiling the schemas takes a while; create one instance per operator (in {@code open()}), not
 * per record. Not serializable. Thread-safe after construction.
 */
@PublicEvolving
public final class EventSchemas {
    /** The {@code $id} prefix of our schemas, mapped to the classpath so nothing is fetched. */
    private static final String ID_PREFIX = "https://riffle.dev/schemas/";

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    private EventSchemas() {
        JsonSchemaFactory factory =
                JsonSchemaFactory.getInstance(
                        SpecVersion.VersionFlag.V202012,
                        b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, "classpath:schemas/")));
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_PATH)
                        .build();
        for (EventType type : EventType.values()) {
            JsonSchema schema =
                    factory.getSchema(
                            SchemaLocation.of(ID_PREFIX + type.wireName() + ".schema.json"),
                            config);
            // Resolve $refs now, so the first record does not pay for it and a broken schema
            // fails the job at start instead of on some record.
            schema.initializeValidators();
            schemas.put(type, schema);
        }
    }

    /** Loads and compiles every type's schema from the classpath. */
    public static EventSchemas load() {
        return new EventSchemas();
    }

    /**
     * Validates {@code event} against {@code type}'s schema.
     *
     * @return the violations, each naming the field and the problem (e.g. {@code "$.amount: string
     *     found, number expected"}); empty if valid
     */
    public List<String> validate(EventType type, JsonNode event) {
        Set<ValidationMessage> messages = schemas.get(type).validate(event);
        if (messages.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            out.add(m.getMessage());
        }
        return out;
    }
}
