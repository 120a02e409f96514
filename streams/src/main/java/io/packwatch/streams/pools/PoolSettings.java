package io.packwatch.streams.pools;

import io.packwatch.schema.LocalTimeWindow;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the pool stage, read from {@code packwatch.pools.*}: {@value #ENABLED} ({@code true}; {@code false}
 * leaves the pool stage out of the topology: no pool state, no pool alerts, no downgrade, no
 * {@code packwatch.pool-members} traffic), and {@value #VPC_IDLE_WINDOW} — the daily window in which Tencent VPC's IDLE_TIME packages are drawn, as
 * {@code HH:mm-HH:mm Zone} ({@code 00:00-08:00 Asia/Shanghai}). Tencent does not document it (vendor-spec §11), so by
 * default the pool uses the window its packages' snapshots carry.
 *
 * @param enabled       whether the topology has the pool stage
 * @param vpcIdleWindow the configured window, or null to use the snapshots' own
 */
public record PoolSettings(boolean enabled, LocalTimeWindow vpcIdleWindow) {

    public static final String ENABLED = "packwatch.pools.enabled";
    public static final String VPC_IDLE_WINDOW = "packwatch.pools.tencent-vpc.idle-window";
    private static final Pattern WINDOW = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2}) (\\S+)");

    public static PoolSettings from(Map<String, String> raw) {
        String on = raw.getOrDefault(ENABLED, "true").trim();
        if (!on.equals("true") && !on.equals("false")) {
            throw new IllegalArgumentException(ENABLED + " must be true or false, was '" + on + "'");
        }
        String text = raw.get(VPC_IDLE_WINDOW);
        LocalTimeWindow window = text == null || text.isBlank() ? null : parseWindow(VPC_IDLE_WINDOW, text.trim());
        return new PoolSettings(Boolean.parseBoolean(on), window);
    }

    static LocalTimeWindow parseWindow(String key, String text) {
        Matcher m = WINDOW.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " must look like '00:00-08:00 Asia/Shanghai' (HH:mm-HH:mm zone), was '"
                    + text + "'");
        }
        try {
            LocalTime start = LocalTime.parse(m.group(1));
            LocalTime end = LocalTime.parse(m.group(2));
            ZoneId zone = ZoneId.of(m.group(3));
            if (start.equals(end)) {
                throw new IllegalArgumentException(key + " must not be an empty window, was '" + text + "'");
            }
            return LocalTimeWindow.newBuilder().setStart(m.group(1)).setEnd(m.group(2)).setZone(zone.getId()).build();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(key + " has an invalid time or zone in '" + text + "': " + e.getMessage(), e);
        }
    }
}
