package dev.riffle.deploy.msf.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders a property file may use for what differs between AWS accounts and regions:
 * CloudFormation's pseudo parameters, written as in {@code Fn::Sub}. The templates pass such values
 * through {@code Fn::Sub}, so the file needs no copy per account:
 *
 * <pre>
 * "stream.arn": "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/events"
 * </pre>
 */
public final class Placeholders {

    /** Every placeholder a property value may contain. */
    public static final Set<String> ALLOWED =
            Set.of("AWS::Region", "AWS::AccountId", "AWS::Partition");

    /** Values used where a file must be read as if deployed (schema validation, local checks). */
    public static final Map<String, String> SAMPLE =
            Map.of(
                    "AWS::Region",
                    "us-east-1",
                    "AWS::AccountId",
                    "123456789012",
                    "AWS::Partition",
                    "aws");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Placeholders() {}

    /** Whether {@code value} contains a placeholder (and so needs {@code Fn::Sub}). */
    public static boolean hasAny(String value) {
        return PLACEHOLDER.matcher(value).find();
    }

    /** The placeholders in {@code value} that are not {@link #ALLOWED}. */
    public static List<String> unknown(String value) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            if (!ALLOWED.contains(m.group(1))) {
                unknown.add("${" + m.group(1) + "}");
            }
        }
        return unknown;
    }

    /** {@code value} with every placeholder replaced by its {@link #SAMPLE} value. */
    public static String sample(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out, Matcher.quoteReplacement(SAMPLE.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A Kinesis stream's ARN, as written in property files. */
    public static String streamArn(String name) {
        return "arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/" + name;
    }

    /** A bucket's name, as written in property files. */
    public static String bucketName(String prefix) {
        return prefix + "-${AWS::AccountId}-${AWS::Region}";
    }
}
