package io.packwatch.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written fast path reads exactly what DateTimeFormatter.ISO_OFFSET_DATE_TIME reads, and rejects the rest. */
class IsoTimesTest {

    private static Instant formatter(String s) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s, Instant::from);
    }

    @Test
    void randomInstantsInEveryCommonShapeParseLikeTheFormatter() {
        Random random = new Random(7);
        List<DateTimeFormatter> shapes = List.of(
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SXXX"),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX"));
        List<ZoneOffset> offsets = List.of(ZoneOffset.UTC, ZoneOffset.ofHours(8), ZoneOffset.ofHoursMinutes(-5, -30),
                ZoneOffset.ofHours(14));
        for (int k = 0; k < 20_000; k++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            String text = shapes.get(k % shapes.size()).format(t.atOffset(offsets.get(random.nextInt(offsets.size()))));
            assertThat(IsoTimes.parseOffsetDateTime(text)).as(text).isEqualTo(formatter(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-07-16T10:46:08Z", "2021-08-10T19:40:57+08:00", "2024-02-29T23:59:59.5-01:00",
            "2024-07-16T10:46Z", "2024-07-16T10:46:08+08:00:30",
            "2024-07-16T10:46:08.Z", "2024-07-16T10:46:08+08",   // these two: the formatter is lenient, so are we
            "2024-07-16T10:46:08.012345678Z", "2024-07-16T10:46:08.000000001+05:30", "2024-07-16T10:46:08-00:01"})
    void validShapesAgreeWithTheFormatter(String text) {
        assertThat(IsoTimes.parseOffsetDateTime(text)).isEqualTo(formatter(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T10:00:00Z", "2024-13-01T00:00:00Z", "2024-07-16T24:00:00Z", "2024-07-16T10:60:00Z",
            "2024-07-16T10:46:08", "2024-07-16 10:46:08Z", "2024-07-16T10:46:08.1234567891Z",
            "2024-07-16T10:46:08+19:00", "2024-07-16T10:46:08+08x00", "2024-07-16T10:46:08+08:60",
            "2O24-07-16T10:46:08Z", "2024/07-16T10:46:08Z", "2024-07/16T10:46:08Z", "2024-07-16T10-46:08Z",
            "2024-07-16T10:46-08Z", "2024-07-16T10:46:08.5", "2024-07-16T10:46:08+0x:00", "2024-07-16T10:46:08+08:x0",
            "2024-07-16T10:46:08.0000000001Z", "2024-07-16T10:46:08Zjunk", "2024-07-16T10:46:08X",
            "2024-07-16T10:46:08Z08:00",
            "2024-07-1\u0666T10:46:08Z", "yesterday", ""})
    void whatTheFormatterRejectsIsRejected(String text) {
        assertThatThrownBy(() -> formatter(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoTimes.parseOffsetDateTime(text)).isInstanceOf(DateTimeParseException.class);
    }
}
