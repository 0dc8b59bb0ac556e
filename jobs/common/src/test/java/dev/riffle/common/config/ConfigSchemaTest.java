package dev.riffle.common.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A schema that could not be checked or documented properly is refused when it is declared. */
class ConfigSchemaTest {

    private static final ConfigOption<String> NAME =
            ConfigOptions.key("name").stringType().noDefaultValue().withDescription("A name.");

    @Test
    void refusesARequiredOptionWithADefault() {
        ConfigOption<Integer> withDefault =
                ConfigOptions.key("size").intType().defaultValue(3).withDescription("A size.");

        assertThatThrownBy(() -> OptionSpec.required(withDefault))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Required option 'size' declares a default value; drop the default or make"
                                + " the option optional");
    }

    @Test
    void refusesAnOptionWithoutDescription() {
        ConfigOption<String> bare = ConfigOptions.key("bare").stringType().noDefaultValue();

        assertThatThrownBy(() -> OptionSpec.optional(bare))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Option 'bare' has no description; every option needs one (errors and the"
                                + " README table show it)");
    }

    @Test
    void refusesAGroupWithoutDescriptionOrWithAKeyTwice() {
        assertThatThrownBy(() -> GroupSpec.builder("g").required(NAME).build())
                .hasMessage("Property group 'g' has no description; every group needs one");
        assertThatThrownBy(
                        () ->
                                GroupSpec.builder("g")
                                        .description("G.")
                                        .required(NAME)
                                        .optional(
                                                ConfigOptions.key("alias")
                                                        .stringType()
                                                        .noDefaultValue()
                                                        .withFallbackKeys("name")
                                                        .withDescription("An alias."))
                                        .build())
                .hasMessage("Key 'name' is declared twice in group 'g'");
        assertThatThrownBy(() -> GroupSpec.builder("Input1").description("I.").repeated().build())
                .hasMessage(
                        "Repeated group 'Input1' must not end in a digit: its instances append"
                                + " one");
    }

    @Test
    void refusesGroupsWhoseIdsOverlap() {
        GroupSpec inputs = GroupSpec.builder("Input").description("I.").repeated().build();
        GroupSpec input0 = GroupSpec.builder("Input0").description("I0.").build();

        assertThatThrownBy(() -> ConfigSchema.builder("job").group(inputs).group(input0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Property groups Input<n> and Input0 of job 'job' overlap");
        assertThatThrownBy(() -> ConfigSchema.builder("job").group(input0).group(input0).build())
                .hasMessage("Property groups Input0 and Input0 of job 'job' overlap");
        assertThatThrownBy(() -> ConfigSchema.builder("job").build())
                .hasMessage("Schema of job 'job' declares no property group");
    }

    @Test
    void matchesInstancesOfARepeatedGroupByIndex() {
        GroupSpec inputs = GroupSpec.builder("Input").description("I.").repeated().build();

        assertThat(inputs.matches("Input0")).isTrue();
        assertThat(inputs.matches("Input12")).isTrue();
        assertThat(inputs.matches("Input")).isFalse();
        assertThat(inputs.matches("Input01")).isFalse();
        assertThat(inputs.matches("Input-1")).isFalse();
        assertThat(inputs.matches("Input99999999999")).isFalse();
        assertThat(inputs.indexOf("Input12")).isEqualTo(12);
    }
}
