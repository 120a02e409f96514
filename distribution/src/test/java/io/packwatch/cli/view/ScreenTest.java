package io.packwatch.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.schema.AlertState;
import io.packwatch.schema.PackageAlert;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A frame laid out for the terminal it is drawn on: it never has more rows or wider lines than the terminal. */
class ScreenTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final Ansi colours = new Ansi(true);

    /** The demo's 28 packages, one of them a top-speed transcoding package. */
    private static List<PackageState> packages() {
        return IntStream.range(0, 28).mapToObj(i -> {
            PackageSnapshot s = PackageSnapshot.newBuilder(ViewRenderingTest.snapshot())
                    .setPackageKey("tencent-live/acct/-/" + (100000 + i)).setPackageId(Integer.toString(100000 + i))
                    .setKind(i == 3 ? PackageKind.TOP_SPEED_TRANSCODE : PackageKind.TRAFFIC)
                    .setStatus(i == 5 ? PackageStatus.NETWORK_DISABLED : PackageStatus.ACTIVE).build();
            return PackageState.newBuilder(ViewRenderingTest.state()).setPackageKey(s.getPackageKey()).setSnapshot(s).build();
        }).toList();
    }

    /** 55 alert lines, longer than any terminal is wide, the newest last. */
    private List<String> feed() {
        List<String> feed = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            PackageAlert alert = PackageAlert.newBuilder(ViewRenderingTest.alert(AlertState.FIRING, Severity.CRITICAL))
                    .setMessage("FIRING CRITICAL EXPIRING alert number " + i + " 2026-12-03T15:14:26Z "
                            + "tencent-vpc/tencent-demo/ap-guangzhou/tfp-demo0004 (expires-with-capacity-left): with 7.8 GiB "
                            + "projected unused, " + "x".repeat(120))
                    .build();
            feed.add(AlertFeed.line(alert, colours, SHANGHAI));
        }
        return feed;
    }

    private List<String> frame(TerminalSize size) {
        String title = colours.bold("Packwatch local") + "  " + colours.dim("Ctrl-C to stop  127.0.0.1:21092  "
                + "http://127.0.0.1:43215/apis/ccompat/v7");
        return Screen.layout(title, PackageTable.render(packages(), NOW, colours, size.columns()),
                colours.bold("Alerts (55)"), feed(), size, colours);
    }

    private static void assertFits(List<String> frame, TerminalSize size) {
        assertThat(frame).hasSizeLessThanOrEqualTo(size.rows());
        assertThat(frame).allSatisfy(line -> assertThat(TerminalText.width(line)).isLessThanOrEqualTo(size.columns()));
        assertThat(frame.get(0)).contains("Packwatch local", "Ctrl-C to stop");
        assertThat(frame.get(2)).contains("PACKAGE", "USAGE", "DEPLETES", "EXPIRES");
        assertThat(frame).anySatisfy(line -> assertThat(line).contains("Alerts (55)"));
        assertThat(frame.get(frame.size() - 1)).as("the newest alert is the last line").contains("alert number 54");
    }

    @Test
    void at80x24TheTableIsCappedAndTheFeedStillShows() {
        TerminalSize size = new TerminalSize(80, 24);
        List<String> frame = frame(size);
        assertFits(frame, size);
        assertThat(frame).hasSize(24);
        int heading = IntStream.range(0, frame.size()).filter(i -> frame.get(i).contains("Alerts (55)")).findFirst().orElseThrow();
        assertThat(frame.get(heading - 2)).contains("... 16 more packages");
        assertThat(frame.size() - heading - 1).as("feed rows").isEqualTo(6);
        assertThat(frame.get(2)).doesNotContain("VENDOR", "ACCOUNT", "KIND", "RATE");
        assertThat(frame.get(frame.size() - 1)).contains("2026-12-03 23:14:26 CST").endsWith("~");
    }

    @Test
    void at200x50EveryPackageAndEveryColumnShows() {
        TerminalSize size = new TerminalSize(200, 50);
        List<String> frame = frame(size);
        assertFits(frame, size);
        assertThat(frame).hasSize(50).noneMatch(line -> line.contains("more packages"));
        assertThat(frame.get(2)).contains("VENDOR", "ACCOUNT", "KIND", "RATE", "STATUS");
        assertThat(frame).anySatisfy(line -> assertThat(line).contains("TOP_SPEED_TRANSCODE ").doesNotContain("TOP_SPEED_T~"));
        assertThat(frame).anySatisfy(line -> assertThat(line).contains("NETWORK_DISABLED"));
    }

    @Test
    void aTerminalTooSmallGetsOneLineSayingSo() {
        assertThat(frame(new TerminalSize(30, 6))).singleElement()
                .satisfies(line -> assertThat(TerminalText.width(line)).isLessThanOrEqualTo(30))
                .satisfies(line -> assertThat(line).startsWith("terminal too small"));
        assertThat(frame(new TerminalSize(120, 7))).singleElement().asString()
                .isEqualTo("terminal too small for the Packwatch view (120x7, needs 40x8)");
    }

    @Test
    void aFewPackagesLeaveTheRestOfTheScreenToTheFeed() {
        TerminalSize size = new TerminalSize(100, 30);
        List<String> frame = Screen.layout("Packwatch local", PackageTable.render(packages().subList(0, 3), NOW, colours, 100),
                "Alerts (55)", feed(), size, colours);
        assertThat(frame).hasSize(30).noneMatch(line -> line.contains("more packages"));
        assertThat(frame.subList(frame.indexOf("Alerts (55)") + 1, frame.size())).hasSize(30 - 5 - 3);
    }

    @Test
    void widthsIgnoreColoursAndCountWideCharactersTwice() {
        assertThat(TerminalText.width(colours.red("abc"))).isEqualTo(3);
        assertThat(TerminalText.width("流量包")).isEqualTo(6);
        String cut = TerminalText.elide(colours.red("0123456789"), 5);
        assertThat(TerminalText.width(cut)).isEqualTo(5);
        assertThat(cut).isEqualTo("\u001b[31m0123~" + Ansi.RESET);
        assertThat(TerminalText.elide("流量包流量包", 5)).isEqualTo("流量~");
    }

    @Test
    void emojiOfTheDeliveryLinesAreTwoColumnsSoTheyNeverWrap() {
        String red = "\uD83D\uDD34";
        String green = "\u2705";
        assertThat(TerminalText.width(red)).isEqualTo(2);
        assertThat(TerminalText.width(green)).isEqualTo(2);
        assertThat(TerminalText.width("\u00b7 a")).isEqualTo(3);
        String delivery = "delivered to #ops-demo: " + red + " [FIRING 1] " + green + " [RESOLVED 1] DEPLETION_FORECAST \u00b7 "
                + red + " FIRING critical projected to run out 2026-12-04T02:00:00Z at 5.0 GB/h, 91.0% used";
        String cut = TerminalText.elide(delivery, 80);
        assertThat(TerminalText.width(cut)).isLessThanOrEqualTo(80);
        assertThat(cut).endsWith(TerminalText.ELLIPSIS);
        assertThat(TerminalText.elide(green + green + green, 5)).isEqualTo(green + green + TerminalText.ELLIPSIS);
    }

    @Test
    void alertInstantsReadInTheViewersZone() {
        assertThat(AlertFeed.inZone("expired 2026-12-03T15:14:26Z with 64.8 GiB unused", SHANGHAI))
                .isEqualTo("expired 2026-12-03 23:14:26 CST with 64.8 GiB unused");
        PackageAlert alert = ViewRenderingTest.alert(AlertState.FIRING, Severity.WARNING);
        assertThat(AlertFeed.line(alert, new Ansi(false), SHANGHAI)).startsWith("20:00:00 CST FIRING");
    }

    @Test
    void sttySizeIsRowsThenColumns() {
        assertThat(TerminalSize.parseStty("24 80\n")).isEqualTo(new TerminalSize(80, 24));
        assertThat(TerminalSize.parseStty("")).isNull();
        assertThat(TerminalSize.parseStty("0 0")).isNull();
        assertThat(TerminalSize.fromEnvironment(java.util.Map.of("COLUMNS", "200", "LINES", "50"))).isEqualTo(new TerminalSize(200, 50));
        assertThat(TerminalSize.fromEnvironment(java.util.Map.of())).isEqualTo(TerminalSize.FALLBACK);
    }
}
