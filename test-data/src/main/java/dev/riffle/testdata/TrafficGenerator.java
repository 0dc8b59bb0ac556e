package dev.riffle.testdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded, reproducible raw-event traffic for the four event types: diurnal volume, Zipf-skewed
 * merchants/users/devices, a share of malformed records, duplicates and internal traffic, and
 * labelled injected anomalies ({@link #labels()}). Records come out in simulated-time order;
 * whoever writes them decides how fast (see {@link Producer}).
 *
 * <pre>{@code
 * TrafficGenerator g = new TrafficGenerator(GeneratorConfig.builder().seed(7).maxRecords(3000).build());
 * g.forEachRemaining(record -> ...);
 * g.labels(); // what was injected where
 * }</pre>
 */
public final class TrafficGenerator implements Iterator<GeneratedRecord> {
    static final double SHARE_TRANSACTION = 0.30;
    static final double SHARE_CHECKOUT = 0.20;
    static final double SHARE_CLICK = 0.35;
    static final double CHECKOUT_ERROR_RATE = 0.03;
    static final double BURST_ERROR_RATE = 0.5;
    static final double SPIKE_FACTOR = 6;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] STATUSES = {"captured", "authorized", "declined", "refunded"};
    private static final double[] STATUS_CDF = {0.88, 0.95, 0.99, 1.0};
    private static final String[] CHECKOUT_ERRORS = {
        "PAYMENT_DECLINED", "GATEWAY_TIMEOUT", "ADDRESS_INVALID", "INTERNAL_ERROR"
    };
    private static final String[] PAGES = {
        "/", "/search", "/product", "/cart", "/checkout", "/account", "/reports", "/settings"
    };
    private static final String[] FEATURES = {
        "export_csv", "dark_mode", "saved_search", "share_link", "bulk_edit"
    };
    private static final String[] PAYMENT_METHODS = {"card", "wallet", "bank_transfer"};
    private static final int RECENT = 256;

    private final GeneratorConfig config;
    private final SplittableRandom random;
    private final Population population;
    private final List<AnomalyLabel> labels = new ArrayList<>();
    private final List<AnomalyLabel> spikes = new ArrayList<>();
    private final double[] spikeNext;
    private final Map<String, Integer> merchantRank = new HashMap<>();
    private final Map<String, Integer> deviceRank = new HashMap<>();
    private final List<GeneratedRecord> recentValid = new ArrayList<>();
    private final double durationSeconds;

    private double normalNext;
    private long produced;
    private GeneratedRecord next;

    public TrafficGenerator(GeneratorConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed);
        this.population = new Population(config);
        this.durationSeconds = config.duration.toMillis() / 1000.0;
        for (int i = 0; i < population.merchantIds.length; i++) {
            merchantRank.put(population.merchantIds[i], i);
        }
        for (int i = 0; i < population.deviceIds.length; i++) {
            deviceRank.put(population.deviceIds[i], i);
        }
        scheduleAnomalies();
        spikeNext = new double[spikes.size()];
        for (int i = 0; i < spikes.size(); i++) {
            spikeNext[i] = seconds(spikes.get(i).start());
        }
        normalNext = 0;
    }

    /** The anomalies injected into this traffic, whether or not the run gets that far. */
    public List<AnomalyLabel> labels() {
        return Collections.unmodifiableList(labels);
    }

    /** Diurnal volume factor at {@code t}: mean 1 over a day, 0.4 at 03:00 UTC, 1.6 at 15:00. */
    static double diurnal(Instant t) {
        double hour =
                t.atOffset(ZoneOffset.UTC).getHour()
                        + t.atOffset(ZoneOffset.UTC).getMinute() / 60.0;
        return 1 + 0.6 * Math.sin(2 * Math.PI * (hour - 9) / 24);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = produce();
        }
        return next != null;
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        GeneratedRecord r = next;
        next = null;
        return r;
    }

    private GeneratedRecord produce() {
        if (config.maxRecords > 0 && produced >= config.maxRecords) {
            return null;
        }
        int spike = -1;
        double t = normalNext;
        for (int i = 0; i < spikeNext.length; i++) {
            if (spikeNext[i] < t && spikeNext[i] < seconds(spikes.get(i).end())) {
                t = spikeNext[i];
                spike = i;
            }
        }
        if (t >= durationSeconds) {
            return null;
        }
        Instant at = config.start.plusMillis(Math.round(t * 1000));
        GeneratedRecord r;
        if (spike >= 0) {
            AnomalyLabel label = spikes.get(spike);
            int m = merchantRank.get(label.key());
            double normal =
                    config.ratePerSecond
                            * diurnal(at)
                            * SHARE_TRANSACTION
                            * population.merchantPopularity.probability(m);
            spikeNext[spike] += exponential((SPIKE_FACTOR - 1) * normal);
            r = valid(transaction(at, pickUser(), m), at);
        } else {
            normalNext += exponential(config.ratePerSecond * diurnal(at));
            r = normal(at);
        }
        produced++;
        return r;
    }

    private GeneratedRecord normal(Instant at) {
        double u = random.nextDouble();
        if (u < config.malformedShare) {
            return malformed(at);
        }
        u -= config.malformedShare;
        if (u < config.duplicateShare && !recentValid.isEmpty()) {
            GeneratedRecord original = recentValid.get(random.nextInt(recentValid.size()));
            return new GeneratedRecord(
                    original.data(),
                    original.partitionKey(),
                    RecordKind.DUPLICATE,
                    original.eventId(),
                    null,
                    at);
        }
        u -= config.duplicateShare;
        if (u < config.internalShare) {
            return internal(at);
        }
        return valid(anyEvent(at, pickUser()), at);
    }

    private GeneratedRecord valid(ObjectNode event, Instant at) {
        GeneratedRecord r = record(event, RecordKind.VALID, at);
        if (recentValid.size() < RECENT) {
            recentValid.add(r);
        } else {
            recentValid.set(random.nextInt(RECENT), r);
        }
        return r;
    }

    private GeneratedRecord internal(Instant at) {
        ObjectNode event = anyEvent(at, pickUser());
        if (random.nextBoolean()) {
            String account =
                    population.testAccounts[random.nextInt(population.testAccounts.length)];
            event.put(event.has("deviceId") ? "deviceId" : "userId", account);
        } else {
            event.put("ip", Population.internalIp(random));
        }
        return record(event, RecordKind.INTERNAL, at);
    }

    private GeneratedRecord record(ObjectNode event, RecordKind kind, Instant at) {
        String key =
                event.has("userId") ? event.get("userId").asText() : event.get("deviceId").asText();
        return new GeneratedRecord(
                bytes(event), key.trim(), kind, event.get("eventId").asText().trim(), null, at);
    }

    private static byte[] bytes(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- events ----

    private int pickUser() {
        return population.userPopularity.next(random);
    }

    private ObjectNode anyEvent(Instant at, int user) {
        double u = random.nextDouble();
        if (u < SHARE_TRANSACTION) {
            return transaction(at, user, population.merchantPopularity.next(random));
        }
        if (u < SHARE_TRANSACTION + SHARE_CHECKOUT) {
            return checkout(at, user, population.merchantPopularity.next(random));
        }
        if (u < SHARE_TRANSACTION + SHARE_CHECKOUT + SHARE_CLICK) {
            return click(at, user);
        }
        return telemetry(at, population.devicePopularity.next(random));
    }

    private ObjectNode base(String type, Instant at) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("eventId", maybePadded(new UUID(random.nextLong(), random.nextLong()).toString()));
        o.put("type", type);
        timestamp(o, at);
        return o;
    }

    private void user(ObjectNode o, int user) {
        o.put("userId", maybePadded(population.userIds[user]));
        o.put("sessionId", "s-" + Integer.toHexString(user * 31 + random.nextInt(4)));
        o.put("ip", population.userIps[user]);
        if (random.nextInt(4) == 0) {
            String country = population.userCountry[user];
            o.put("country", random.nextBoolean() ? country : country.toLowerCase());
        }
    }

    private ObjectNode transaction(Instant at, int user, int merchant) {
        ObjectNode o = base("transaction", at);
        user(o, user);
        o.put("merchantId", population.merchantIds[merchant]);
        double amount =
                population.merchantMeanAmount[merchant] * Math.exp(0.6 * random.nextGaussian());
        o.put("amount", Math.round(amount * 100) / 100.0);
        String currency = population.merchantCurrency[merchant];
        o.put("currency", random.nextInt(5) == 0 ? currency.toLowerCase() : currency);
        double s = random.nextDouble();
        int i = 0;
        while (s > STATUS_CDF[i]) {
            i++;
        }
        o.put("status", STATUSES[i]);
        o.put("paymentMethod", PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)]);
        return o;
    }

    private ObjectNode checkout(Instant at, int user, int merchant) {
        ObjectNode o = base("checkout", at);
        user(o, user);
        String merchantId = population.merchantIds[merchant];
        o.put("merchantId", merchantId);
        double errorRate = CHECKOUT_ERROR_RATE;
        for (AnomalyLabel l : labels) {
            if (l.kind().equals(AnomalyLabel.CHECKOUT_ERROR_BURST)
                    && l.key().equals(merchantId)
                    && l.activeAt(at)) {
                errorRate = BURST_ERROR_RATE;
            }
        }
        boolean error = random.nextDouble() < errorRate;
        o.put("outcome", error ? "error" : "ok");
        if (error) {
            o.put("errorCode", CHECKOUT_ERRORS[random.nextInt(CHECKOUT_ERRORS.length)]);
        }
        o.put("latencyMs", 80 + random.nextInt(900));
        return o;
    }

    private ObjectNode click(Instant at, int user) {
        ObjectNode o = base("click", at);
        user(o, user);
        double a = random.nextDouble();
        String action =
                a < 0.80 ? "page_view" : a < 0.95 ? "feature_use" : a < 0.97 ? "sign_up" : "error";
        o.put("action", action);
        o.put("page", PAGES[random.nextInt(PAGES.length)]);
        if (action.equals("feature_use")) {
            o.put("feature", FEATURES[random.nextInt(FEATURES.length)]);
        }
        if (action.equals("error")) {
            o.put("errorCode", "E" + (400 + random.nextInt(200)));
        }
        return o;
    }

    private ObjectNode telemetry(Instant at, int device) {
        ObjectNode o = base("telemetry", at);
        String deviceId = population.deviceIds[device];
        o.put("deviceId", maybePadded(deviceId));
        int m = random.nextInt(Population.METRICS.length);
        String metric = Population.METRICS[m];
        double hour = at.atOffset(ZoneOffset.UTC).getHour();
        double value =
                population.deviceBaseline[device][m]
                        + Population.METRIC_RANGES[m][2]
                                * (2 * Math.sin(2 * Math.PI * hour / 24) + random.nextGaussian());
        for (AnomalyLabel l : labels) {
            if (l.kind().equals(AnomalyLabel.TELEMETRY_LEVEL_SHIFT)
                    && l.key().equals(deviceId + "/" + metric)
                    && l.activeAt(at)) {
                value += l.details().get("shift");
            }
            if (l.kind().equals(AnomalyLabel.TELEMETRY_LIMIT_BREACH)
                    && l.key().equals(deviceId + "/" + metric)
                    && l.activeAt(at)) {
                value =
                        l.details().get("level")
                                + Population.METRIC_RANGES[m][2] * random.nextGaussian();
            }
        }
        o.put("metric", metric);
        o.put("value", Math.round(value * 1000) / 1000.0);
        o.put("unit", Population.UNITS[m]);
        return o;
    }

    /** Producers differ: ISO-8601 in UTC or with an offset, epoch millis, epoch seconds. */
    private void timestamp(ObjectNode o, Instant at) {
        double f = random.nextDouble();
        if (f < 0.5) {
            o.put("timestamp", at.toString());
        } else if (f < 0.6) {
            o.put("timestamp", at.atOffset(ZoneOffset.ofHours(2)).toString());
        } else if (f < 0.85) {
            o.put("timestamp", at.toEpochMilli());
        } else if (f < 0.95) {
            o.put("timestamp", at.getEpochSecond());
        } else {
            o.put("timestamp", at.toEpochMilli() / 1000.0);
        }
    }

    /** A few producers send ids with stray spaces; the job trims them. */
    private String maybePadded(String id) {
        return random.nextInt(50) == 0 ? " " + id + " " : id;
    }

    // ---- malformed records ----

    private GeneratedRecord malformed(Instant at) {
        Malformation kind = Malformation.values()[random.nextInt(Malformation.values().length)];
        ObjectNode event = anyEvent(at, pickUser());
        String key =
                (event.has("userId") ? event.get("userId") : event.get("deviceId")).asText().trim();
        byte[] data = malformedBytes(kind, event);
        return new GeneratedRecord(data, key, RecordKind.MALFORMED, null, kind, at);
    }

    private byte[] malformedBytes(Malformation kind, ObjectNode event) {
        String type = event.get("type").asText();
        switch (kind) {
            case BAD_JSON:
                {
                    String json = event.toString();
                    if (random.nextBoolean()) {
                        return utf8(json.substring(0, 1 + random.nextInt(json.length() - 1)));
                    }
                    return utf8(
                            random.nextBoolean() ? json.replaceFirst("\":", "\"=") : json + "}");
                }
            case NOT_AN_OBJECT:
                {
                    String[] options = {
                        "[" + event + "]", "\"" + type + "\"", "42", "null", "", "  "
                    };
                    return utf8(options[random.nextInt(options.length)]);
                }
            case WRONG_TYPE:
                switch (type) {
                    case "transaction":
                        if (random.nextBoolean()) {
                            event.put("amount", String.valueOf(event.get("amount").asDouble()));
                        } else {
                            event.put("status", "stolen");
                        }
                        break;
                    case "checkout":
                        event.put("outcome", true);
                        break;
                    case "click":
                        event.put("userId", 12345);
                        break;
                    default:
                        event.put("value", event.get("value").asText());
                }
                return utf8(event.toString());
            case MISSING_FIELD:
                {
                    List<String> required = new ArrayList<>(Arrays.asList("eventId", "timestamp"));
                    switch (type) {
                        case "transaction":
                            required.addAll(List.of("userId", "merchantId", "amount", "currency"));
                            break;
                        case "checkout":
                            required.addAll(List.of("userId", "merchantId", "outcome"));
                            break;
                        case "click":
                            required.addAll(List.of("userId", "action"));
                            break;
                        default:
                            required.addAll(List.of("deviceId", "metric", "value"));
                    }
                    event.remove(required.get(random.nextInt(required.size())));
                    return utf8(event.toString());
                }
            case BAD_TIMESTAMP:
                {
                    String[] options = {
                        "2026-02-30T10:00:00Z",
                        "2026-03-01T25:00:00Z",
                        "2026-03-01 12:00:00",
                        "2026-03-01T12:00:00",
                        "yesterday",
                        "",
                        config.start.plus(Duration.ofDays(3650)).toString()
                    };
                    int choice = random.nextInt(options.length + 1);
                    if (choice == options.length) {
                        event.put("timestamp", -1 - random.nextInt(1_000_000));
                    } else {
                        event.put("timestamp", options[choice]);
                    }
                    return utf8(event.toString());
                }
            case OVERSIZE:
                {
                    int pad = config.oversizeBytes + 1 + random.nextInt(4096);
                    char[] filler = new char[pad];
                    Arrays.fill(filler, 'x');
                    event.put("notes", new String(filler));
                    return utf8(event.toString());
                }
            case INVALID_UTF8:
                {
                    event.put("page", "MARKER");
                    byte[] json = utf8(event.toString());
                    byte[][] bad = {
                        {(byte) 0xC3, (byte) 0x28},
                        {(byte) 0xFF},
                        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xC0, (byte) 0xAF}
                    };
                    return replace(json, utf8("MARKER"), bad[random.nextInt(bad.length)]);
                }
            case UNKNOWN_TYPE:
            default:
                {
                    int choice = random.nextInt(3);
                    if (choice == 0) {
                        event.remove("type");
                    } else {
                        event.put("type", choice == 1 ? "refund" : type.toUpperCase());
                    }
                    return utf8(event.toString());
                }
        }
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] with) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                byte[] out = new byte[haystack.length - needle.length + with.length];
                System.arraycopy(haystack, 0, out, 0, i);
                System.arraycopy(with, 0, out, i, with.length);
                System.arraycopy(
                        haystack,
                        i + needle.length,
                        out,
                        i + with.length,
                        haystack.length - i - needle.length);
                return out;
            }
        }
        throw new IllegalStateException("marker not found");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- anomalies ----

    private void scheduleAnomalies() {
        if (config.anomalyEvery != null) {
            scheduleAnomaliesEvery(config.anomalyEvery);
            return;
        }
        int perKind = config.anomaliesPerKind;
        if (perKind == 0) {
            return;
        }
        Duration length = config.anomalyDuration;
        Duration cap = config.duration.dividedBy(5);
        if (length.compareTo(cap) > 0) {
            length = cap;
        }
        String[] kinds = config.anomalyKinds.toArray(new String[0]);
        int slots = kinds.length * perKind;
        long usable = config.duration.toMillis() * 8 / 10 - length.toMillis();
        for (int j = 0; j < slots; j++) {
            String kind = kinds[j % kinds.length];
            long offset =
                    config.duration.toMillis() / 10
                            + (slots == 1 ? 0 : Math.max(0, usable) * j / (slots - 1));
            Instant start = config.start.plusMillis(offset);
            Instant end = start.plus(length);
            int topMerchants = Math.min(5, population.merchantIds.length);
            switch (kind) {
                case AnomalyLabel.MERCHANT_VOLUME_SPIKE:
                    {
                        AnomalyLabel l =
                                new AnomalyLabel(
                                        kind,
                                        population.merchantIds[random.nextInt(topMerchants)],
                                        start,
                                        end,
                                        Map.of("factor", SPIKE_FACTOR));
                        labels.add(l);
                        spikes.add(l);
                        break;
                    }
                case AnomalyLabel.CHECKOUT_ERROR_BURST:
                    labels.add(
                            new AnomalyLabel(
                                    kind,
                                    population.merchantIds[random.nextInt(topMerchants)],
                                    start,
                                    end,
                                    Map.of(
                                            "errorRate", BURST_ERROR_RATE,
                                            "baselineErrorRate", CHECKOUT_ERROR_RATE)));
                    break;
                case AnomalyLabel.TELEMETRY_LIMIT_BREACH:
                    {
                        int device = random.nextInt(Math.min(5, population.deviceIds.length));
                        int metric = random.nextInt(Population.METRICS.length);
                        labels.add(breach(device, metric, start, end));
                        break;
                    }
                default:
                    {
                        int device = random.nextInt(Math.min(5, population.deviceIds.length));
                        int metric = random.nextInt(Population.METRICS.length);
                        labels.add(shift(device, metric, start, end));
                    }
            }
        }
    }

    /**
     * A new anomaly every {@code every}, the configured kinds taking turns. Keys go round: merchant
     * anomalies through the top 5 merchants, telemetry ones through the top 5 devices' metrics
     * (metric first), so consecutive anomalies are about different series.
     */
    private void scheduleAnomaliesEvery(Duration every) {
        Duration length =
                config.anomalyDuration.compareTo(every) > 0 ? every : config.anomalyDuration;
        List<String> kinds = config.anomalyKinds;
        int topMerchants = Math.min(5, population.merchantIds.length);
        int telemetrySeries = Math.min(5, population.deviceIds.length) * Population.METRICS.length;
        int merchantTurn = 0;
        int telemetryTurn = 0;
        for (int j = 0; ; j++) {
            Instant start = config.start.plus(every.multipliedBy(j + 1L));
            Instant end = start.plus(length);
            if (end.isAfter(config.end())) {
                return;
            }
            String kind = kinds.get(j % kinds.size());
            switch (kind) {
                case AnomalyLabel.MERCHANT_VOLUME_SPIKE:
                    {
                        AnomalyLabel l =
                                new AnomalyLabel(
                                        kind,
                                        population.merchantIds[merchantTurn++ % topMerchants],
                                        start,
                                        end,
                                        Map.of("factor", SPIKE_FACTOR));
                        labels.add(l);
                        spikes.add(l);
                        break;
                    }
                case AnomalyLabel.CHECKOUT_ERROR_BURST:
                    labels.add(
                            new AnomalyLabel(
                                    kind,
                                    population.merchantIds[merchantTurn++ % topMerchants],
                                    start,
                                    end,
                                    Map.of(
                                            "errorRate", BURST_ERROR_RATE,
                                            "baselineErrorRate", CHECKOUT_ERROR_RATE)));
                    break;
                default:
                    {
                        int series = telemetryTurn++ % telemetrySeries;
                        int device = series / Population.METRICS.length;
                        int metric = series % Population.METRICS.length;
                        labels.add(
                                kind.equals(AnomalyLabel.TELEMETRY_LIMIT_BREACH)
                                        ? breach(device, metric, start, end)
                                        : shift(device, metric, start, end));
                    }
            }
        }
    }

    /** A device's metric shifted by 8 standard deviations. */
    private AnomalyLabel shift(int device, int metric, Instant start, Instant end) {
        return new AnomalyLabel(
                AnomalyLabel.TELEMETRY_LEVEL_SHIFT,
                population.deviceIds[device] + "/" + Population.METRICS[metric],
                start,
                end,
                Map.of("shift", 8 * Population.METRIC_RANGES[metric][2]));
    }

    /**
     * A device's metric held 4 standard deviations above its operating limit (readings scatter by
     * one standard deviation around that level, so practically every one is above the limit).
     */
    private AnomalyLabel breach(int device, int metric, Instant start, Instant end) {
        double limit = Population.METRIC_LIMITS[metric];
        return new AnomalyLabel(
                AnomalyLabel.TELEMETRY_LIMIT_BREACH,
                population.deviceIds[device] + "/" + Population.METRICS[metric],
                start,
                end,
                Map.of("limit", limit, "level", limit + 4 * Population.METRIC_RANGES[metric][2]));
    }

    private double seconds(Instant t) {
        return (t.toEpochMilli() - config.start.toEpochMilli()) / 1000.0;
    }

    private double exponential(double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    /** Rank of a merchant by popularity (0 = most popular), for tests. */
    int merchantRank(String merchantId) {
        return merchantRank.get(merchantId);
    }

    /** Rank of a device by popularity, for tests. */
    int deviceRank(String deviceId) {
        return deviceRank.get(deviceId);
    }
}
