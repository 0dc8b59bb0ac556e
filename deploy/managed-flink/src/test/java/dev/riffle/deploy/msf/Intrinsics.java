package dev.riffle.deploy.msf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders CloudFormation intrinsic functions in a template as readable strings, so that tests can
 * compare ARNs and values as text: {@code {"Ref": "AWS::Region"}} becomes {@code ${AWS::Region}},
 * {@code Fn::Join} is joined, {@code Fn::Sub} yields its template, {@code Fn::ImportValue X}
 * becomes {@code ${Import:X}} and {@code Fn::GetAtt [R, A]} becomes {@code ${R.A}}.
 */
final class Intrinsics {

    private Intrinsics() {}

    @SuppressWarnings("unchecked")
    static Object render(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = map.keySet().iterator().next().toString();
                Object value = map.values().iterator().next();
                switch (key) {
                    case "Ref":
                        return "${" + value + "}";
                    case "Fn::Sub":
                        return value instanceof List<?> l ? render(l.get(0)) : render(value);
                    case "Fn::Join":
                        List<Object> args = (List<Object>) value;
                        return ((List<Object>) args.get(1))
                                .stream()
                                        .map(v -> String.valueOf(render(v)))
                                        .collect(Collectors.joining(String.valueOf(args.get(0))));
                    case "Fn::GetAtt":
                        List<Object> att = (List<Object>) value;
                        return "${" + att.get(0) + "." + att.get(1) + "}";
                    case "Fn::ImportValue":
                        return "${Import:" + render(value) + "}";
                    default:
                        break;
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), render(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(render(v)));
            return out;
        }
        return node;
    }

    /** A value that may be one string or a list of them, as IAM writes actions and resources. */
    static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
