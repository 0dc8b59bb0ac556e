package dev.riffle.connector.kinesis.sink.internal;

import dev.riffle.connector.kinesis.sink.PartitionKeyGenerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.types.Row;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Reads a named field as the partition key: a Map key, a Row field, or a POJO's public field or
 * getter. The accessor is looked up once per class and cached.
 */
@Internal
public final class FieldAccessor<T> implements PartitionKeyGenerator<T> {
    private static final long serialVersionUID = 1L;

    private final String name;
    private transient Class<?> cachedClass;
    private transient Field field;
    private transient Method getter;

    public FieldAccessor(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A partition key field needs a name");
        }
        this.name = name;
    }

    public String fieldName() {
        return name;
    }

    @Override
    public String apply(T element) {
        Object value = read(element);
        return value == null ? null : String.valueOf(value);
    }

    private Object read(Object element) {
        if (element == null) {
            return null;
        }
        if (element instanceof Map) {
            return ((Map<?, ?>) element).get(name);
        }
        if (element instanceof Row) {
            Row row = (Row) element;
            return row.getFieldNames(false) != null && row.getFieldNames(false).contains(name)
                    ? row.getField(name)
                    : null;
        }
        Class<?> type = element.getClass();
        if (type != cachedClass) {
            resolve(type);
        }
        try {
            if (field != null) {
                return field.get(element);
            }
            if (getter != null) {
                return getter.invoke(element);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot read partition key field " + name + " of " + type.getName(), e);
        }
        throw new IllegalArgumentException(
                "Partition key field '"
                        + name
                        + "' not found on "
                        + type.getName()
                        + ": expected a public field, a public get"
                        + capitalized()
                        + "() or "
                        + name
                        + "() method");
    }

    private void resolve(Class<?> type) {
        field = null;
        getter = null;
        try {
            Field f = type.getField(name);
            if (!Modifier.isStatic(f.getModifiers())) {
                field = f;
            }
        } catch (NoSuchFieldException ignored) {
            // try a getter
        }
        if (field == null) {
            for (String candidate : new String[] {"get" + capitalized(), name}) {
                try {
                    Method m = type.getMethod(candidate);
                    if (!Modifier.isStatic(m.getModifiers())) {
                        getter = m;
                        break;
                    }
                } catch (NoSuchMethodException ignored) {
                    // next candidate
                }
            }
        }
        cachedClass = type;
    }

    private String capitalized() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
