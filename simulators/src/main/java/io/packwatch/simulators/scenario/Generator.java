package io.packwatch.simulators.scenario;

import io.packwatch.core.VendorApi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generator mode: N packages per API with deterministic pseudo-random sizes, dates and consumption patterns, in two
 * dedicated accounts ({@value #TENCENT_ACCOUNT}, {@value #BAIDU_ACCOUNT}). Used for load tests and benchmarks.
 */
public final class Generator {
    public static final String TENCENT_ACCOUNT = "gen-tencent";
    public static final String TENCENT_SECRET_ID = "AKIDgeneratedLoadTest";
    public static final String TENCENT_SECRET_KEY = "generatedSecretKey";
    public static final String BAIDU_ACCOUNT = "gen-baidu";
    public static final String BAIDU_AK = "generatedAK";
    public static final String BAIDU_SK = "generatedSecretAccessKey";
    private static final double GIB = 1024.0 * 1024 * 1024;

    private final Instant epoch;
    private final SplittableRandom random;

    public Generator(Instant epoch, long seed) {
        this.epoch = epoch;
        this.random = new SplittableRandom(seed);
    }

    public List<Account> accounts(ScenarioFile.GenerateDef g) {
        int per = g.perApi() == null ? 0 : g.perApi();
        int vpc = g.vpc() == null ? per : g.vpc();
        int lh = g.lighthouse() == null ? per : g.lighthouse();
        int live = g.live() == null ? per : g.live();
        int eip = g.eip() == null ? per : g.eip();
        String tr = g.tencentRegion() == null ? "ap-guangzhou" : g.tencentRegion();
        String br = g.baiduRegion() == null ? "bj" : g.baiduRegion();
        List<SimPackage> tencent = new ArrayList<>(vpc + lh + live);
        for (int i = 0; i < vpc; i++) tencent.add(pkg(VendorApi.TENCENT_VPC, "tfp-" + base36(i, 8), tr, null, 0, 10 + random.nextInt(1000)));
        for (int i = 0; i < lh; i++) {
            tencent.add(pkg(VendorApi.TENCENT_LIGHTHOUSE, "lhtfp-" + base36(i, 8), tr, "lhins-" + base36(i, 8), 0, (1 + random.nextInt(2048)) * GIB));
        }
        for (int i = 0; i < live; i++) {
            int type = i % 4;
            double cap = type == 0 ? (1 + random.nextInt(1000)) * 1e9 : type == 3 ? 100 + random.nextInt(10_000) : 1000 + random.nextInt(100_000);
            tencent.add(pkg(VendorApi.TENCENT_LIVE, Long.toString(3_000_000L + i), null, null, type, cap));
        }
        List<SimPackage> baidu = new ArrayList<>(eip);
        for (int i = 0; i < eip; i++) baidu.add(pkg(VendorApi.BAIDU_EIP, "tp-gen" + base36(i, 8), br, null, 0, (10 + random.nextInt(1000)) * GIB));
        List<Account> out = new ArrayList<>();
        if (!tencent.isEmpty()) {
            out.add(new Account(TENCENT_ACCOUNT, Account.Vendor.TENCENT, TENCENT_SECRET_ID, TENCENT_SECRET_KEY, 0, 204,
                    "204,204,204,204,-1,-1", Map.of(), tencent));
        }
        if (!baidu.isEmpty()) {
            out.add(new Account(BAIDU_ACCOUNT, Account.Vendor.BAIDU, BAIDU_AK, BAIDU_SK, 0, 0, "", Map.of(), baidu));
        }
        return out;
    }

    private SimPackage pkg(VendorApi api, String id, String region, String instance, int type, double capacity) {
        Instant start = epoch.minus(Duration.ofHours(1 + random.nextInt(24 * 60)));
        Instant expire = start.plus(Duration.ofDays(30 + random.nextInt(335)));
        double lifetime = Duration.between(start, expire).toSeconds();
        // Most packages would last about their lifetime; some run out early, some are left over at expiry.
        double rate = capacity / lifetime * (0.3 + random.nextDouble() * 1.5);
        boolean offPeak = random.nextInt(10) == 0;
        Consumption c = switch (random.nextInt(4)) {
            case 0 -> Consumption.diurnal(rate, 0.8, 21);
            case 1 -> Consumption.bursty(rate, 600, 60, 5);
            default -> Consumption.constant(rate);
        };
        if (offPeak) c = Consumption.offPeak(rate * 3);
        Duration cycle = api == VendorApi.TENCENT_LIGHTHOUSE ? Duration.ofDays(30) : null;
        Instant usageFrom = cycle == null ? start
                : start.plus(cycle.multipliedBy(Duration.between(start, epoch).toSeconds() / cycle.toSeconds()));
        double usedNow = c.amount(usageFrom.getEpochSecond(), epoch.getEpochSecond());
        if (api != VendorApi.TENCENT_LIGHTHOUSE) usedNow = Math.min(capacity, usedNow);
        return new SimPackage(api, id, "gen-" + id, region, instance, type, "WebOutBytes", capacity, usedNow, start, start,
                expire, epoch, offPeak, c, cycle,
                api == VendorApi.TENCENT_LIGHTHOUSE, null, 0, List.of(), Map.of(), 0, 0);
    }

    static String base36(int n, int width) {
        String s = Integer.toString(n, 36);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
