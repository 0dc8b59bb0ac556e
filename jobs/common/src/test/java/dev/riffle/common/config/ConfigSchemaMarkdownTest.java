package dev.riffle.common.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.description.Description;
import org.apache.flink.configuration.description.LinkElement;
import org.apache.flink.configuration.description.TextElement;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README table: one row per key, every column filled, safe inside a Markdown table. */
class ConfigSchemaMarkdownTest {

    @Test
    void rendersOneRowPerKeyWithTypeDefaultRequiredAndDescription() throws IOException {
        assertThat(ConfigSchemaMarkdown.render(TestSchema.SCHEMA))
                .isEqualTo(resource("config/schema-table.md"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                ConfigSchemaMarkdownTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void listsEveryQualifiedKeyForAReadmeCheck() {
        assertThat(TestSchema.SCHEMA.qualifiedKeys())
                .containsExactly(
                        "kinesis-source.stream.arn",
                        "kinesis-source.aws.region",
                        "kinesis-source.source.init.position",
                        "kinesis-source.max-records-per-fetch",
                        "kinesis-source.idle-timeout",
                        "kinesis-source.aws.credentials.provider.basic.secretkey",
                        "dead-letters.stream.arn",
                        "dead-letters.enabled",
                        "dead-letters.buffer",
                        "dead-letters.signing-phrase",
                        "output.format",
                        "output.partition-by",
                        "output.size-classes",
                        "InputStream<n>.name",
                        "InputStream<n>.weight");
    }

    @Test
    void keepsRichDescriptionsInsideTheirCell() {
        ConfigOption<Map<String, String>> tags =
                ConfigOptions.key("tags")
                        .mapType()
                        .noDefaultValue()
                        .withDescription(
                                Description.builder()
                                        .text(
                                                "Tags as %s, for example %s.",
                                                TextElement.code("k:v"),
                                                TextElement.code("team:data|ops"))
                                        .linebreak()
                                        .text(
                                                "Values may not contain <, > or |; see %s.",
                                                LinkElement.link(
                                                        "https://example.com/tags", "tags"))
                                        .list(TextElement.text("one"), TextElement.text("two"))
                                        .build());
        ConfigSchema schema =
                ConfigSchema.builder("tagger")
                        .group(
                                GroupSpec.builder("tags")
                                        .description("Tagging.")
                                        .optional(tags)
                                        .build())
                        .build();

        assertThat(ConfigSchemaMarkdown.render(schema))
                .endsWith(
                        "| `tags` | `tags` | Map | (none) | no | Tags as `k:v`, for example"
                            + " `team:data\\|ops`.<br>Values may not contain &lt;, &gt; or \\|; see"
                            + " [tags](https://example.com/tags).<br>- one<br>- two |\n");
    }
}
