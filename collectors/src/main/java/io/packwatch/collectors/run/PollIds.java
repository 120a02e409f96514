package io.packwatch.collectors.run;

import io.packwatch.core.VendorApi;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** api/account/region/yyyyMMddTHHmmssZ-xxxx: readable, sortable per poll, unique thanks to the random suffix. */
final class PollIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private PollIds() { }

    static String next(VendorApi api, String account, String keyRegion, Instant startedAt) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return api.id() + "/" + account + "/" + keyRegion + "/" + STAMP.format(startedAt) + "-" + HexFormat.of().formatHex(random);
    }
}
