package dev.riffle.common.config.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The declared type of a {@link ConfigOption}, described for people: its name for the README table,
 * what a type error says was expected, and what is accepted.
 *
 * <p>{@code ConfigOption} keeps its value class and list flag package-private. Flink's own
 * documentation generator reads them reflectively, and so do we: the alternative, asking every job
 * to repeat each option's type next to it, would let the two drift apart. If a future Flink hides
 * them further, the type degrades to a generic description instead of failing the job.
 */
@Internal
public final class OptionType {

    private static final Method GET_CLAZZ = accessible("getClazz");
    private static final Method IS_LIST = accessible("isList");

    private final Class<?> clazz;
    private final boolean list;

    private OptionType(Class<?> clazz, boolean list) {
        this.clazz = clazz;
        this.list = list;
    }

    /** The type of {@code option}; {@code Object} when it cannot be determined. */
    public static OptionType of(ConfigOption<?> option) {
        try {
            Class<?> clazz = GET_CLAZZ == null ? null : (Class<?>) GET_CLAZZ.invoke(option);
            boolean list = IS_LIST != null && (Boolean) IS_LIST.invoke(option);
            return new OptionType(clazz == null ? Object.class : clazz, list);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new OptionType(Object.class, false);
        }
    }

    /** "Integer", "Duration", "List<String>", "Enum (LATEST, TRIM_HORIZON)", ... */
    public String name() {
        String element = clazz.isEnum() ? "Enum (" + constants() + ")" : simpleName();
        return list ? "List<" + element + ">" : element;
    }

    /** What a value that does not parse should have looked like: "an integer", ... */
    public String expected() {
        if (list) {
            return "a list of " + plural() + " separated by ';'";
        }
        if (clazz.isEnum()) {
            return "one of the allowed values";
        }
        return singular();
    }

    /** Everything a value of this type may be, for "Accepted: ...". */
    public String accepted() {
        String element = elementAccepted();
        return list ? "values separated by ';', each " + element : element;
    }

    private String simpleName() {
        if (Map.class.isAssignableFrom(clazz)) {
            return "Map";
        }
        return clazz == Object.class ? "Value" : clazz.getSimpleName();
    }

    private String singular() {
        if (clazz == Integer.class || clazz == Long.class) {
            return "an integer";
        }
        if (clazz == Double.class || clazz == Float.class) {
            return "a number such as '0.5'";
        }
        if (clazz == Boolean.class) {
            return "true or false";
        }
        if (clazz == Duration.class) {
            return "a duration such as '30 s' or 'PT30S'";
        }
        if (clazz == MemorySize.class) {
            return "a memory size such as '64 mb' or '1 gb'";
        }
        if (Map.class.isAssignableFrom(clazz)) {
            return "a map such as 'key1:value1,key2:value2'";
        }
        return clazz == String.class ? "a string" : "a value of type " + simpleName();
    }

    private String plural() {
        if (clazz == Integer.class || clazz == Long.class) {
            return "integers";
        }
        if (clazz == Double.class || clazz == Float.class) {
            return "numbers";
        }
        if (clazz == Duration.class) {
            return "durations";
        }
        if (clazz == MemorySize.class) {
            return "memory sizes";
        }
        if (clazz.isEnum()) {
            return "values from " + constants();
        }
        return "values";
    }

    private String elementAccepted() {
        if (clazz == Integer.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (clazz == Long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (clazz == Double.class || clazz == Float.class) {
            return "a decimal number";
        }
        if (clazz == Boolean.class) {
            return "true, false (case-insensitive)";
        }
        if (clazz == Duration.class) {
            return "a number with a unit (ms, s, min, h, d) or an ISO-8601 duration";
        }
        if (clazz == MemorySize.class) {
            return "a number of bytes with an optional unit (b, kb, mb, gb, tb)";
        }
        if (clazz.isEnum()) {
            return constants() + " (case-insensitive)";
        }
        if (Map.class.isAssignableFrom(clazz)) {
            return "key:value pairs separated by ','";
        }
        return "any " + (clazz == String.class ? "string" : "value of type " + simpleName());
    }

    private String constants() {
        return Arrays.stream(clazz.getEnumConstants())
                .map(c -> ((Enum<?>) c).name())
                .collect(Collectors.joining(", "));
    }

    private static Method accessible(String name) {
        try {
            Method method = ConfigOption.class.getDeclaredMethod(name);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
