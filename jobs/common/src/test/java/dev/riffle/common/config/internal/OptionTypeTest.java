package dev.riffle.common.config.internal;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins the reflective read of an option's type, so a Flink upgrade that breaks it shows here. */
class OptionTypeTest {

    @Test
    void namesEveryOptionType() {
        assertThat(name(ConfigOptions.key("k").stringType().noDefaultValue())).isEqualTo("String");
        assertThat(name(ConfigOptions.key("k").intType().noDefaultValue())).isEqualTo("Integer");
        assertThat(name(ConfigOptions.key("k").longType().noDefaultValue())).isEqualTo("Long");
        assertThat(name(ConfigOptions.key("k").floatType().noDefaultValue())).isEqualTo("Float");
        assertThat(name(ConfigOptions.key("k").doubleType().noDefaultValue())).isEqualTo("Double");
        assertThat(name(ConfigOptions.key("k").booleanType().noDefaultValue()))
                .isEqualTo("Boolean");
        assertThat(name(ConfigOptions.key("k").durationType().noDefaultValue()))
                .isEqualTo("Duration");
        assertThat(name(ConfigOptions.key("k").memoryType().noDefaultValue()))
                .isEqualTo("MemorySize");
        assertThat(name(ConfigOptions.key("k").mapType().noDefaultValue())).isEqualTo("Map");
        assertThat(name(ConfigOptions.key("k").durationType().asList().noDefaultValue()))
                .isEqualTo("List<Duration>");
    }

    @Test
    void describesWhatAMapAndAFloatAccept() {
        OptionType map = OptionType.of(ConfigOptions.key("k").mapType().noDefaultValue());
        assertThat(map.expected()).isEqualTo("a map such as 'key1:value1,key2:value2'");
        assertThat(map.accepted()).isEqualTo("key:value pairs separated by ','");

        OptionType durations =
                OptionType.of(
                        ConfigOptions.key("k")
                                .durationType()
                                .asList()
                                .defaultValues(Duration.ofSeconds(1)));
        assertThat(durations.expected()).isEqualTo("a list of durations separated by ';'");

        OptionType floats = OptionType.of(ConfigOptions.key("k").floatType().noDefaultValue());
        assertThat(floats.expected()).isEqualTo("a number such as '0.5'");
        assertThat(floats.accepted()).isEqualTo("a decimal number");
    }

    private static String name(ConfigOption<?> option) {
        return OptionType.of(option).name();
    }
}
