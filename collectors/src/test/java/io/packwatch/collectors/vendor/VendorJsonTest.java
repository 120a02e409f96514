package io.packwatch.collectors.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.topics.RecordLimits;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A vendor page is read within bounds: too large, too deep or with an absurd number, it is refused by name. */
class VendorJsonTest {

    @Test
    void anOrdinaryPageKeepsTheVendorsExactDecimals() throws Exception {
        var page = VendorJson.readPage("{\"TotalAmount\": 7.50, \"Items\": [{\"n\": 3}]}", "r-1");
        assertThat(page.get("TotalAmount").decimalValue()).isEqualTo(new BigDecimal("7.50"));
        assertThat(page.at("/Items/0/n").asInt()).isEqualTo(3);
    }

    @Test
    void aPageOverTheSizeLimitIsRefusedWhileItIsRead() {
        // a stream that would go on far past the limit: reading stops at the bound, it is never buffered whole
        InputStream endless = new InputStream() {
            private final byte[] head = "{\"tpList\":[".getBytes(StandardCharsets.US_ASCII);
            private final byte[] item = ("\"" + "a".repeat(997) + "\",").getBytes(StandardCharsets.US_ASCII);
            private long served;

            @Override
            public int read() {
                long i = served++;
                if (i > 4L * RecordLimits.VENDOR_PAGE_MAX_BYTES) {
                    throw new AssertionError("read past four times the page limit");
                }
                return i < head.length ? head[(int) i] : item[(int) ((i - head.length) % item.length)];
            }
        };
        assertThatThrownBy(() -> VendorJson.readPage(endless, "r-2"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.code()).isEqualTo(VendorJson.PAGE_REFUSED);
                    assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
                    assertThat(e.getMessage()).contains("Document length").contains(Integer.toString(RecordLimits.VENDOR_PAGE_MAX_BYTES));
                });
    }

    @Test
    void aPageOverTheSizeLimitAsTextIsRefusedToo() {
        String big = "{\"Response\":{\"x\":\"" + "a".repeat(RecordLimits.VENDOR_PAGE_MAX_BYTES) + "\"}}";
        assertThatThrownBy(() -> VendorJson.readPage(big, null))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.code()).isEqualTo(VendorJson.PAGE_REFUSED));
    }

    @Test
    void nestingAndNumberBombsAreRefusedByTheLimitTheyBreak() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> VendorJson.readPage(deep, null))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.getMessage()).contains("nesting depth"));
        String longNumber = "{\"used\": 1" + "0".repeat(100) + "}";
        assertThatThrownBy(() -> VendorJson.readPage(longNumber, null))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.getMessage()).contains("Number value length"));
    }

    @Test
    void aBodyThatIsNotJsonIsLeftToTheCallerToReport() {
        assertThatThrownBy(() -> VendorJson.readPage(new ByteArrayInputStream("<html>".getBytes(StandardCharsets.UTF_8)), null))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class)
                .isNotInstanceOf(VendorCallException.class);
    }
}
