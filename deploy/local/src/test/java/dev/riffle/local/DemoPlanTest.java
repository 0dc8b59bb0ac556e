package dev.riffle.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoPlanTest {

    @Test
    void kinesisSourcesStartAtLatestSoTheDemoShowsOnlyItsOwnTraffic() {
        String config =
                "[{\"PropertyGroupId\":\"raw-events\",\"PropertyMap\":{\"stream.arn\":\"a\","
                        + "\"source.init.position\":\"TRIM_HORIZON\"}},"
                        + "{\"PropertyGroupId\":\"kvs-source\",\"PropertyMap\":{"
                        + "\"source.init.position\":\"EARLIEST\"}}]";

        String demo = DemoPlan.fromLatest(config, Path.of("ingestion.json"));

        assertThat(demo)
                .contains("\"source.init.position\" : \"LATEST\"")
                .contains("\"source.init.position\" : \"EARLIEST\"")
                .doesNotContain("TRIM_HORIZON");
        String unchanged = "[{\"PropertyGroupId\":\"g\",\"PropertyMap\":{}}]";
        assertThat(DemoPlan.fromLatest(unchanged, Path.of("x.json"))).isEqualTo(unchanged);
    }

    @Test
    void theDemosDetectorSettingIsSetInItsGroupOrInANewOne() {
        String withGroup =
                "[{\"PropertyGroupId\":\"anomaly-detection\",\"PropertyMap\":{"
                        + "\"detector.alert-threshold\":\"0.8\"}}]";
        assertThat(
                        DemoPlan.withSetting(
                                withGroup,
                                Path.of("a.json"),
                                "anomaly-detection",
                                "detector.sample-size",
                                "64"))
                .contains("\"detector.alert-threshold\" : \"0.8\"")
                .contains("\"detector.sample-size\" : \"64\"");
        assertThat(
                        DemoPlan.withSetting(
                                "[]",
                                Path.of("a.json"),
                                "anomaly-detection",
                                "detector.sample-size",
                                "64"))
                .contains("\"PropertyGroupId\" : \"anomaly-detection\"")
                .contains("\"detector.sample-size\" : \"64\"");
    }

    @Test
    void durationsAreSecondsMinutesOrHoursAndBadOnesSayWhatIsAccepted() {
        assertThat(DemoCommand.Options.duration("90s")).hasSeconds(90);
        assertThat(DemoCommand.Options.duration("5m")).hasMinutes(5);
        assertThat(DemoCommand.Options.duration("1h")).hasHours(1);
        assertThat(DemoCommand.Options.duration("45")).hasSeconds(45);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DemoCommand.Options.duration("soon"))
                .hasMessage(
                        "Invalid value soon for --duration: not a duration. Accepted: a positive"
                                + " number of seconds, minutes or hours, e.g. 90s, 5m, 1h.");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DemoCommand.Options.parse(java.util.List.of("--rate", "0")))
                .hasMessageStartingWith("Invalid value 0 for --rate: not a rate. Accepted:");
    }
}
