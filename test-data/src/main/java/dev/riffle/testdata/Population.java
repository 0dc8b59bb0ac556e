package dev.riffle.testdata;

import java.util.SplittableRandom;

/**
 * The merchants, users and devices traffic is about, with their stable attributes. Rank 0 is the
 * most popular of each (Zipf). Derived from the seed alone.
 */
final class Population {
    static final String[][] MARKETS = {
        {"US", "USD"}, {"DE", "EUR"}, {"FR", "EUR"}, {"GB", "GBP"}, {"JP", "JPY"},
        {"BR", "BRL"}, {"IN", "INR"}, {"CA", "CAD"}, {"AU", "AUD"}, {"ES", "EUR"}
    };
    static final String[] METRICS = {"temperature", "humidity", "pressure"};
    static final String[] UNITS = {"C", "%", "hPa"};
    static final double[][] METRIC_RANGES = {{15, 30, 0.4}, {30, 70, 1.5}, {990, 1030, 0.8}};

    /**
     * Operating limit per metric, above the range of any device's baseline: the limits of
     * sql/anomaly/telemetry-breach.sql, which a limit-breach anomaly crosses.
     */
    static final double[] METRIC_LIMITS = {35.0, 85.0, 1045.0};

    final String[] merchantIds;
    final String[] merchantCountry;
    final String[] merchantCurrency;
    final double[] merchantMeanAmount;

    final String[] userIds;
    final String[] userIps;
    final String[] userCountry;

    final String[] deviceIds;
    final double[][] deviceBaseline; // [device][metric]

    final String[] testAccounts;

    final Zipf merchantPopularity;
    final Zipf userPopularity;
    final Zipf devicePopularity;

    Population(GeneratorConfig c) {
        SplittableRandom r = new SplittableRandom(c.seed ^ 0x5DEECE66DL);
        merchantIds = new String[c.merchants];
        merchantCountry = new String[c.merchants];
        merchantCurrency = new String[c.merchants];
        merchantMeanAmount = new double[c.merchants];
        for (int i = 0; i < c.merchants; i++) {
            merchantIds[i] = String.format("m-%04d", i);
            String[] market = MARKETS[r.nextInt(MARKETS.length)];
            merchantCountry[i] = market[0];
            merchantCurrency[i] = market[1];
            merchantMeanAmount[i] = Math.exp(2 + r.nextDouble() * 3); // about 7 to 150
        }
        userIds = new String[c.users];
        userIps = new String[c.users];
        userCountry = new String[c.users];
        for (int i = 0; i < c.users; i++) {
            userIds[i] = String.format("u-%06d", i);
            userIps[i] = r.nextInt(10) == 0 ? publicIpv6(r) : publicIpv4(r);
            userCountry[i] = MARKETS[r.nextInt(MARKETS.length)][0];
        }
        deviceIds = new String[c.devices];
        deviceBaseline = new double[c.devices][METRICS.length];
        for (int i = 0; i < c.devices; i++) {
            deviceIds[i] = String.format("dev-%05d", i);
            for (int m = 0; m < METRICS.length; m++) {
                double lo = METRIC_RANGES[m][0];
                double hi = METRIC_RANGES[m][1];
                deviceBaseline[i][m] = lo + r.nextDouble() * (hi - lo);
            }
        }
        testAccounts = new String[20];
        for (int i = 0; i < testAccounts.length; i++) {
            testAccounts[i] = String.format("%s%03d", GeneratorConfig.TEST_ACCOUNT_PREFIX, i);
        }
        merchantPopularity = new Zipf(c.merchants, c.zipfExponent);
        userPopularity = new Zipf(c.users, c.zipfExponent);
        devicePopularity = new Zipf(c.devices, c.zipfExponent);
    }

    /**
     * A unicast public IPv4 address: no private, loopback, link-local, CGN, multicast, reserved.
     */
    static String publicIpv4(SplittableRandom r) {
        while (true) {
            int a = 1 + r.nextInt(223);
            int b = r.nextInt(256);
            boolean reserved =
                    a == 10
                            || a == 127
                            || a == 0
                            || (a == 100 && b >= 64 && b < 128)
                            || (a == 169 && b == 254)
                            || (a == 172 && b >= 16 && b < 32)
                            || (a == 192 && b == 168)
                            || (a == 192 && b == 0)
                            || (a == 198 && (b == 18 || b == 19 || b == 51))
                            || (a == 203 && b == 0);
            if (!reserved) {
                return a + "." + b + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            }
        }
    }

    /** A global unicast IPv6 address (2400:: to 2fff::), compressed form. */
    static String publicIpv6(SplittableRandom r) {
        int first = 0x2400 + r.nextInt(0x0C00); // 2400::/6 .. 2fff: allocated by the RIRs
        StringBuilder sb = new StringBuilder(Integer.toHexString(first));
        for (int i = 0; i < 3; i++) {
            sb.append(':').append(Integer.toHexString(r.nextInt(0x10000)));
        }
        return sb.append("::").append(Integer.toHexString(1 + r.nextInt(0xFFFF))).toString();
    }

    static String internalIp(SplittableRandom r) {
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }
}
