package dev.riffle.jobs.anomaly.detector;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Objects;

/** One observation of one series: the detector's input. A Flink POJO. */
@PublicEvolving
public class SeriesPoint {
    /** The series, e.g. {@code tx-count/merchant-17}; one model per key. */
    public String key;

    /** Event time, epoch milliseconds. */
    public long timestamp;

    public double value;

    public SeriesPoint() {}

    public SeriesPoint(String key, long timestamp, double value) {
        this.key = key;
        this.timestamp = timestamp;
        this.value = value;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SeriesPoint)) {
            return false;
        }
        SeriesPoint p = (SeriesPoint) o;
        return timestamp == p.timestamp
                && Double.compare(value, p.value) == 0
                && Objects.equals(key, p.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, timestamp, value);
    }

    @Override
    public String toString() {
        return key + "@" + timestamp + "=" + value;
    }
}
