package io.packwatch.streams.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.packwatch.core.envelope.EnvelopeException;
import io.packwatch.streams.Envelopes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The strict vendor-JSON readers at their limits, and the errors they name. */
class JsonFieldsTest {

    private static JsonFields item(String json) {
        return new JsonFields(Envelopes.json(json), "item");
    }

    private static NormalizationException refusal(Runnable read) {
        try {
            read.run();
        } catch (NormalizationException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    /** int64 has 19 digits: an amount of 19 integer digits is read, 20 are refused before any exact conversion. */
    @Test
    void amountsUpToNineteenIntegerDigits() {
        assertThat(item("{\"a\":9223372036854775807}").requiredAmount("a", false)).isEqualTo(Long.MAX_VALUE);
        assertThat(refusal(() -> item("{\"a\":\"10000000000000000000\"}").requiredAmount("a", true)).getMessage())
                .contains("item.a").contains("has 20 integer digits");
    }

    @Test
    void decimalsUpToSixtyFourFractionDigits() {
        assertThat(item("{\"a\":\"1.5E-63\"}").requiredDecimal("a", true)).isEqualTo(new BigDecimal("1.5E-63"))
                .extracting(BigDecimal::scale).isEqualTo(64);
        assertThat(refusal(() -> item("{\"a\":\"1.5E-64\"}").requiredDecimal("a", true)).getMessage())
                .contains("has 65 fraction digits");
    }

    /** A numeric string is read up to the parser's number length (64 characters), and refused by length beyond it. */
    @Test
    void numericStringsUpToTheParsersNumberLength() {
        String sixtyFour = "0".repeat(63) + "7";
        assertThat(item("{\"a\":\"" + sixtyFour + "\"}").requiredAmount("a", true)).isEqualTo(7);
        assertThat(refusal(() -> item("{\"a\":\"0" + sixtyFour + "\"}").requiredAmount("a", true)).getMessage())
                .contains("numeric string of 65 characters is longer than 64");
        assertThat(refusal(() -> item("{\"a\":\"7\"}").requiredAmount("a", false)).getMessage())
                .contains("expected a number but got STRING");
    }

    @Test
    void textFieldsMissingBlankOrAbsent() {
        assertThat(refusal(() -> item("{}").requiredText("Id")).getMessage()).contains("item.Id")
                .contains("required field is missing");
        assertThat(refusal(() -> item("{\"Id\":\"  \"}").requiredText("Id")).getMessage()).contains("must not be blank");
        assertThat(item("{\"Id\":null}").optionalText("Id")).isNull();
        assertThat(item("{}").optionalText("Id")).isNull();
        assertThat(item("{\"Id\":42}").optionalText("Id")).isEqualTo("42");
    }

    @Test
    void integersAsNumbersOrNumericStrings() {
        assertThat(item("{\"n\":3}").optionalInt("n")).isEqualTo(3);
        assertThat(item("{\"n\":\" 3 \"}").optionalInt("n")).isEqualTo(3);
        assertThat(item("{}").optionalInt("n")).isNull();
        assertThat(refusal(() -> item("{\"n\":\"three\"}").optionalInt("n")).getMessage())
                .contains("item.n").contains("expected an integer but got 'three'");
        assertThat(refusal(() -> item("{\"n\":1.5}").optionalInt("n")).getMessage()).contains("expected an integer");
    }

    @Test
    void utcTimesEmptyOrParsed() {
        assertThat(item("{\"t\":\"2024-07-16T10:46:08Z\"}").optionalUtcInstant("t"))
                .isEqualTo(Instant.parse("2024-07-16T10:46:08Z"));
        assertThat(item("{\"t\":\"\"}").optionalUtcInstant("t")).isNull();
        assertThat(item("{}").optionalUtcInstant("t")).isNull();
        assertThat(refusal(() -> item("{\"t\":\"2024-07-16 10:46:08\"}").optionalUtcInstant("t")).getMessage())
                .contains("unparseable UTC time '2024-07-16 10:46:08'");
    }

    @Test
    void errorsQuoteAtMostFortyCharactersOfTheValue() {
        String forty = "x".repeat(40);
        assertThat(JsonFields.abbreviate(forty)).isEqualTo(forty);
        assertThat(JsonFields.abbreviate(forty + "y")).isEqualTo(forty + "...");
    }

    /** A broken envelope is a NormalizationException whose cause is the parser's error where there was one. */
    @Test
    void aBrokenEnvelopeKeepsWhatCausedIt() {
        NormalizationException malformed = refusal(() -> RawEnvelopes.parse("{\"type\":".getBytes(StandardCharsets.UTF_8)));
        assertThat(malformed.field()).isEqualTo("$");
        assertThat(malformed.getCause()).isInstanceOf(JsonProcessingException.class);
        NormalizationException empty = refusal(() -> RawEnvelopes.parse(new byte[0]));
        assertThat(empty.getMessage()).contains("tombstone");
        assertThat(empty.getCause()).isInstanceOf(EnvelopeException.class).isNotInstanceOf(NormalizationException.class);
    }
}
