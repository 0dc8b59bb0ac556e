package dev.riffle.jobs.parquet.prefix;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An object-key prefix in Firehose's prefix language, parsed and checked once, evaluated per record.
 *
 * <p>Expressions are {@code !{namespace:value}}:
 *
 * <ul>
 *   <li>{@code !{timestamp:<DateTimeFormatter pattern>}}: the record's timestamp (arrival or event
 *       time, by configuration) in UTC; text in single quotes is literal, e.g. {@code
 *       !{timestamp:'dt='yyyy-MM-dd}}. Every occurrence evaluates the same instant.
 *   <li>{@code !{partitionKeyFromQuery:<name>}}: the value the partition key {@code <name>} read
 *       from the record (data prefix only).
 *   <li>{@code !{firehose:random-string}}: 11 random characters [0-9a-z], new at each checkpoint
 *       (the moment Riffle's objects are cut, like Firehose's per-object string).
 *   <li>{@code !{firehose:error-output-type}}: why the record failed (error prefix only).
 * </ul>
 *
 * <p>Rules (Firehose's, plus what a filesystem needs), all reported together by {@link
 * #parse}: {@code !{} appears only in expressions; the namespaces and firehose values are the
 * ones above ({@code partitionKeyFromLambda} is not supported); timestamp patterns must be valid;
 * the data prefix cannot use {@code error-output-type}; an error prefix must use it and cannot use
 * partition keys; every partition key used must be defined (and every defined key used); a prefix
 * is a folder: it must end with '/', must not start with '/' and has no empty, "." or ".."
 * segment; at most 512 characters once evaluated.
 */
@PublicEvolving
public final class PrefixTemplate implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Firehose's limit on an evaluated prefix. */
    public static final int MAX_EVALUATED_LENGTH = 512;

    /** What Firehose appends to a prefix without a timestamp expression. */
    public static final String DEFAULT_TIME_PREFIX = "!{timestamp:yyyy/MM/dd/HH/}";

    static final int RANDOM_STRING_LENGTH = 11;

    private final String text;
    private final PrefixKind kind;
    private final List<Part> parts;
    private final int randomStrings;

    private PrefixTemplate(String text, PrefixKind kind, List<Part> parts) {
        this.text = text;
        this.kind = kind;
        this.parts = parts;
        this.randomStrings = (int) parts.stream().filter(p -> p.type == PartType.RANDOM).count();
    }

    /**
     * Parses {@code text} as a prefix of the given kind.
     *
     * @param partitionKeys the partition keys defined in configuration (their names)
     * @throws InvalidPrefixException listing every rule the text breaks
     */
    public static PrefixTemplate parse(String text, PrefixKind kind, Set<String> partitionKeys) {
        List<String> problems = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        Set<String> usedKeys = new TreeSet<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("!{", i);
            if (start < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, start);
            int end = text.indexOf('}', start);
            if (end < 0) {
                problems.add(
                        String.format(
                                "'!{' at position %d is not closed; '!{' may only open an"
                                        + " expression !{namespace:value}",
                                start));
                break;
            }
            String expression = text.substring(start + 2, end);
            if (expression.contains("!{")) {
                problems.add(String.format("expressions cannot be nested ('!{%s}')", expression));
                i = end + 1;
                continue;
            }
            if (literal.length() > 0) {
                parts.add(Part.literal(literal.toString()));
                literal.setLength(0);
            }
            Part part = parseExpression(expression, kind, partitionKeys, problems);
            if (part != null) {
                parts.add(part);
                if (part.type == PartType.PARTITION_KEY) {
                    usedKeys.add(part.value);
                }
            }
            i = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(Part.literal(literal.toString()));
        }
        boolean hasErrorType = parts.stream().anyMatch(p -> p.type == PartType.ERROR_OUTPUT_TYPE);
        if (kind == PrefixKind.ERROR && !hasErrorType) {
            problems.add(
                    "an error prefix must contain !{firehose:error-output-type} (records that"
                            + " fail for different reasons would otherwise be mixed)");
        }
        if (kind == PrefixKind.DATA) {
            for (String key : partitionKeys) {
                if (!usedKeys.contains(key)) {
                    problems.add(
                            String.format(
                                    "partition key '%s' is defined but not used; add"
                                            + " !{partitionKeyFromQuery:%s} or remove the key",
                                    key, key));
                }
            }
        }
        checkLiteralShape(text, parts, problems);
        if (!problems.isEmpty()) {
            throw new InvalidPrefixException(kind.label(), text, problems);
        }
        return new PrefixTemplate(text, kind, Collections.unmodifiableList(parts));
    }

    private static Part parseExpression(
            String expression, PrefixKind kind, Set<String> partitionKeys, List<String> problems) {
        int colon = expression.indexOf(':');
        if (colon < 0) {
            problems.add(
                    String.format("'!{%s}' is not of the form !{namespace:value}", expression));
            return null;
        }
        String namespace = expression.substring(0, colon);
        String value = expression.substring(colon + 1);
        switch (namespace) {
            case "timestamp":
                if (value.isEmpty()) {
                    problems.add(
                            "!{timestamp:} needs a DateTimeFormatter pattern, e.g. yyyy/MM/dd");
                    return null;
                }
                try {
                    DateTimeFormatter.ofPattern(value).withZone(ZoneOffset.UTC);
                    return Part.timestamp(value);
                } catch (IllegalArgumentException e) {
                    problems.add(
                            String.format(
                                    "'%s' in !{timestamp:%s} is not a valid DateTimeFormatter"
                                            + " pattern: %s",
                                    value, value, e.getMessage()));
                    return null;
                }
            case "firehose":
                if ("random-string".equals(value)) {
                    return Part.of(PartType.RANDOM, value);
                }
                if ("error-output-type".equals(value)) {
                    if (kind == PrefixKind.DATA) {
                        problems.add(
                                "!{firehose:error-output-type} can only be used in the error"
                                        + " prefix");
                        return null;
                    }
                    return Part.of(PartType.ERROR_OUTPUT_TYPE, value);
                }
                problems.add(
                        String.format(
                                "unknown firehose value '%s'. Accepted: random-string,"
                                        + " error-output-type",
                                value));
                return null;
            case "partitionKeyFromQuery":
                if (kind == PrefixKind.ERROR) {
                    problems.add(
                            "the error prefix cannot use !{partitionKeyFromQuery:...}: a record"
                                    + " may fail before its keys are known");
                    return null;
                }
                if (!partitionKeys.contains(value)) {
                    problems.add(
                            String.format(
                                    "partition key '%s' is not defined. Defined: %s",
                                    value, partitionKeys.isEmpty() ? "none" : partitionKeys));
                    return null;
                }
                return Part.of(PartType.PARTITION_KEY, value);
            case "partitionKeyFromLambda":
                problems.add(
                        "!{partitionKeyFromLambda:...} is not supported (there is no Lambda);"
                                + " use !{partitionKeyFromQuery:...} with a partition key");
                return null;
            default:
                problems.add(
                        String.format(
                                "unknown namespace '%s'. Accepted: timestamp, firehose,"
                                        + " partitionKeyFromQuery",
                                namespace));
                return null;
        }
    }

    /** Checks what can be checked before evaluation: slashes and static length. */
    private static void checkLiteralShape(String text, List<Part> parts, List<String> problems) {
        if (text.startsWith("/")) {
            problems.add("must not start with '/' (it is relative to the lake's path)");
        }
        if (!endsWithSlash(text)) {
            problems.add(
                    "must end with '/': Riffle writes each prefix as a folder of files (a prefix"
                            + " that ends inside a file name is not supported)");
        }
        if (text.contains("//")) {
            problems.add("must not contain an empty folder ('//')");
        }
        int literalLength =
                parts.stream()
                        .filter(p -> p.type == PartType.LITERAL)
                        .mapToInt(p -> p.value.length())
                        .sum();
        if (literalLength > MAX_EVALUATED_LENGTH) {
            problems.add(
                    String.format(
                            "its literal text alone is %d characters; an evaluated prefix may have"
                                    + " at most %d",
                            literalLength, MAX_EVALUATED_LENGTH));
        }
    }

    private static boolean endsWithSlash(String text) {
        if (text.endsWith("/")) {
            return true;
        }
        // A timestamp pattern that ends with a literal slash, e.g. !{timestamp:yyyy/MM/dd/HH/}.
        int last = text.lastIndexOf("!{");
        return text.endsWith("/}") && last >= 0 && text.startsWith("!{timestamp:", last);
    }

    /** The text this template was parsed from. */
    public String text() {
        return text;
    }

    public PrefixKind kind() {
        return kind;
    }

    /** Whether the template contains any expression. */
    public boolean hasExpressions() {
        return parts.stream().anyMatch(p -> p.type != PartType.LITERAL);
    }

    /** Whether the template contains a timestamp expression. */
    public boolean hasTimestamp() {
        return parts.stream().anyMatch(p -> p.type == PartType.TIMESTAMP);
    }

    /** Whether the template contains a partition key expression. */
    public boolean hasPartitionKeys() {
        return parts.stream().anyMatch(p -> p.type == PartType.PARTITION_KEY);
    }

    /** How many {@code !{firehose:random-string}} expressions there are. */
    public int randomStringCount() {
        return randomStrings;
    }

    /** A new evaluator (not thread-safe: one per subtask). */
    public Evaluator evaluator() {
        return new Evaluator(this);
    }

    @Override
    public String toString() {
        return text;
    }

    enum PartType {
        LITERAL,
        TIMESTAMP,
        PARTITION_KEY,
        RANDOM,
        ERROR_OUTPUT_TYPE
    }

    static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;
        final PartType type;
        final String value;

        private Part(PartType type, String value) {
            this.type = type;
            this.value = value;
        }

        static Part literal(String text) {
            return new Part(PartType.LITERAL, text);
        }

        static Part timestamp(String pattern) {
            return new Part(PartType.TIMESTAMP, pattern);
        }

        static Part of(PartType type, String value) {
            return new Part(type, value);
        }
    }

    /**
     * Evaluates a template for one record at a time. Keeps the formatted timestamp of the last
     * second seen (records arrive in time order, so most share it) and the random strings of the
     * current checkpoint. A template whose value depends only on the second and the random strings
     * (no partition key, no error output type, no field finer than a second) returns the same
     * {@code String} instance for every record of a second: no text is built and its hash is kept
     * for the lookups that follow (open partitions, the file sink's buckets).
     */
    public static final class Evaluator {
        private final List<Part> parts;
        private final DateTimeFormatter[] formatters;
        private final boolean[] subSecond;
        private final long[] cachedSecond;
        private final String[] cachedText;
        private final String[] randoms;
        private final StringBuilder buffer = new StringBuilder(64);
        private final boolean perSecond;
        private long lastSecond = Long.MIN_VALUE;
        private String last;

        private Evaluator(PrefixTemplate template) {
            this.parts = template.parts;
            int n = parts.size();
            this.formatters = new DateTimeFormatter[n];
            this.subSecond = new boolean[n];
            this.cachedSecond = new long[n];
            this.cachedText = new String[n];
            for (int i = 0; i < n; i++) {
                Part p = parts.get(i);
                if (p.type == PartType.TIMESTAMP) {
                    formatters[i] = DateTimeFormatter.ofPattern(p.value).withZone(ZoneOffset.UTC);
                    subSecond[i] = hasSubSecondField(p.value);
                    cachedSecond[i] = Long.MIN_VALUE;
                }
            }
            this.randoms = new String[template.randomStrings];
            newRandomStrings(new java.util.Random());
            boolean perSecond = true;
            for (int i = 0; i < n; i++) {
                PartType type = parts.get(i).type;
                if (type == PartType.PARTITION_KEY
                        || type == PartType.ERROR_OUTPUT_TYPE
                        || subSecond[i]) {
                    perSecond = false;
                }
            }
            this.perSecond = perSecond;
        }

        /** Draws new random strings: called at each checkpoint. */
        public void newRandomStrings(java.util.Random random) {
            for (int i = 0; i < randoms.length; i++) {
                char[] chars = new char[RANDOM_STRING_LENGTH];
                for (int c = 0; c < chars.length; c++) {
                    int v = random.nextInt(36);
                    chars[c] = (char) (v < 10 ? '0' + v : 'a' + v - 10);
                }
                randoms[i] = new String(chars);
            }
            last = null;
        }

        /**
         * The evaluated prefix.
         *
         * @param timestampMillis the record's timestamp (epoch milliseconds, rendered in UTC)
         * @param partitionKeys values of the partition keys (data prefix)
         * @param errorOutputType the error output type (error prefix)
         */
        public String evaluate(
                long timestampMillis, Map<String, String> partitionKeys, String errorOutputType) {
            if (perSecond) {
                long second = Math.floorDiv(timestampMillis, 1000L);
                if (last == null || second != lastSecond) {
                    last = build(timestampMillis, partitionKeys, errorOutputType);
                    lastSecond = second;
                }
                return last;
            }
            return build(timestampMillis, partitionKeys, errorOutputType);
        }

        private String build(
                long timestampMillis, Map<String, String> partitionKeys, String errorOutputType) {
            buffer.setLength(0);
            int random = 0;
            for (int i = 0; i < parts.size(); i++) {
                Part p = parts.get(i);
                switch (p.type) {
                    case LITERAL:
                        buffer.append(p.value);
                        break;
                    case TIMESTAMP:
                        buffer.append(formatTimestamp(i, timestampMillis));
                        break;
                    case PARTITION_KEY:
                        buffer.append(partitionKeys.get(p.value));
                        break;
                    case RANDOM:
                        buffer.append(randoms[random++]);
                        break;
                    case ERROR_OUTPUT_TYPE:
                        buffer.append(errorOutputType);
                        break;
                    default:
                        throw new IllegalStateException("Unknown part " + p.type);
                }
            }
            return buffer.toString();
        }

        private String formatTimestamp(int i, long millis) {
            if (subSecond[i]) {
                return formatters[i].format(Instant.ofEpochMilli(millis));
            }
            long second = Math.floorDiv(millis, 1000L);
            if (second != cachedSecond[i]) {
                cachedText[i] = formatters[i].format(Instant.ofEpochSecond(second));
                cachedSecond[i] = second;
            }
            return cachedText[i];
        }

        /** Whether a pattern has a field finer than a second outside quoted text. */
        static boolean hasSubSecondField(String pattern) {
            boolean quoted = false;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && (c == 'S' || c == 'n' || c == 'N' || c == 'A')) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Checks an evaluated prefix: the rules that depend on the values (a partition key that holds
     * '..' or '/', an over-long result). Returns the problem, or null when the key is fine.
     */
    public static String checkEvaluated(String evaluated) {
        if (evaluated.length() > MAX_EVALUATED_LENGTH) {
            return String.format(
                    "the evaluated prefix has %d characters; at most %d are allowed",
                    evaluated.length(), MAX_EVALUATED_LENGTH);
        }
        if (evaluated.startsWith("/") || evaluated.contains("//")) {
            return String.format("the evaluated prefix '%s' has an empty folder name", evaluated);
        }
        int start = 0;
        while (start < evaluated.length()) {
            int slash = evaluated.indexOf('/', start);
            int end = slash < 0 ? evaluated.length() : slash;
            int len = end - start;
            if ((len == 1 && evaluated.charAt(start) == '.')
                    || (len == 2
                            && evaluated.charAt(start) == '.'
                            && evaluated.charAt(start + 1) == '.')) {
                return String.format(
                        "the evaluated prefix '%s' has a '.' or '..' folder name", evaluated);
            }
            start = end + 1;
        }
        return null;
    }
}
