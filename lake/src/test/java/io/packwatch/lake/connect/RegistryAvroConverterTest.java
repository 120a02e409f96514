package io.packwatch.lake.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.serde.SpecificAvroSerializer;
import io.packwatch.schema.AmountUnit;
import io.packwatch.schema.DeductPolicy;
import io.packwatch.schema.ForecastMethod;
import io.packwatch.schema.OriginalAmounts;
import io.packwatch.schema.PackageKind;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.schema.PackageState;
import io.packwatch.schema.PackageStatus;
import io.packwatch.schema.Product;
import io.packwatch.schema.Vendor;
import io.packwatch.testsupport.ApicurioRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Records written by core's serializer, read back through the real registry's Confluent-compatible API. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryAvroConverterTest {

    private static final String TOPIC = "converter-test.package-state";
    private static final Instant OBSERVED = Instant.parse("2026-11-28T22:30:00.123Z");

    private static ApicurioRegistry registry;
    private static RegistryAvroConverter converter;
    private static SpecificAvroSerializer<PackageState> serializer;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start();
        Map<String, String> config = Map.of("schema.registry.url", registry.url());
        serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        converter = new RegistryAvroConverter();
        converter.configure(config, false);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void everyFieldTypeOfOurSchemasBecomesConnectData() {
        PackageState state = state(snapshot(Instant.parse("2026-12-28T00:00:00Z")), 0.75);

        SchemaAndValue read = converter.toConnectData(TOPIC, serializer.serialize(TOPIC, state));

        Struct value = (Struct) read.value();
        value.validate();
        assertThat(value.getString("packageKey")).isEqualTo("tencent-vpc/acct-t/ap-guangzhou/tfp-1");
        assertThat(value.getInt32("segmentId")).isEqualTo(3);
        assertThat(value.getFloat64("percentUsed")).isEqualTo(0.75);
        assertThat(value.getBoolean("stale")).isTrue();
        assertThat(value.getString("forecastMethod")).isEqualTo("EWMA"); // enum as its symbol
        assertThat(read.schema().field("updatedAt").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
        assertThat(value.get("updatedAt")).isEqualTo(Date.from(OBSERVED.plusMillis(5)));
        assertThat(read.schema().field("projectedDepletionAt").schema().isOptional()).isTrue();
        assertThat(value.get("projectedDepletionAt")).isNull(); // nullable union, null branch
        assertThat(value.getFloat64("rateEwmaPerHour")).isEqualTo(1.5); // nullable union, value branch

        Struct snapshot = value.getStruct("snapshot");
        assertThat(snapshot.getString("vendor")).isEqualTo("TENCENT");
        assertThat(snapshot.getInt64("capacity")).isEqualTo(100L << 30);
        assertThat(snapshot.getInt64("used")).isEqualTo(123_456_789L);
        assertThat(snapshot.get("expiresAt")).isEqualTo(Date.from(Instant.parse("2026-12-28T00:00:00Z")));
        assertThat(snapshot.get("observedAt")).isEqualTo(Date.from(OBSERVED));
        assertThat(snapshot.getMap("tags")).isEqualTo(Map.of("team", "t1", "env", "prod"));
        assertThat(read.schema().field("snapshot").schema().field("tags").schema().type()).isEqualTo(Schema.Type.MAP);
        assertThat(snapshot.getStruct("originalAmounts").getString("total")).isEqualTo("100");
        assertThat(snapshot.getStruct("originalAmounts").get("conversion")).isNull();
        assertThat(snapshot.get("region")).isNull();
        assertThat(snapshot.getBoolean("autoRenew")).isFalse();
    }

    @Test
    @Order(Integer.MAX_VALUE) // stops the registry
    void writerSchemasAreCachedByIdAndARegistryOutageIsRetriable() {
        byte[] first = serializer.serialize(TOPIC, state(snapshot(null), 0.5));
        converter.toConnectData(TOPIC, first);
        byte[] second = serializer.serialize(TOPIC, state(snapshot(null), 0.25));
        registry.close(); // the writer schema is cached: the next record of that id needs no registry call

        Struct value = (Struct) converter.toConnectData(TOPIC, second).value();
        assertThat(value.getFloat64("percentUsed")).isEqualTo(0.25);
        assertThat(value.getStruct("snapshot").get("expiresAt")).isNull();

        // an id not cached yet while the registry is down: retriable (Connect retries, then dead-letters), never a
        // verdict that the record is bad
        ByteBuffer.wrap(second).putInt(1, 424_242);
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, second))
                .isInstanceOf(RetriableException.class).hasMessageContaining("schema id 424242")
                .hasMessageContaining("cannot be fetched now").hasMessageContaining("unreachable");
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void anUnknownSchemaIdIsADataExceptionNamingTopicAndId() {
        byte[] value = serializer.serialize(TOPIC, state(snapshot(null), 0.5));
        ByteBuffer.wrap(value).putInt(1, 987_654);

        assertThatThrownBy(() -> converter.toConnectData(TOPIC, value))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC).hasMessageContaining("schema id 987654")
                .hasMessageContaining("does not have");
    }

    @Test
    void aValueWithoutTheMagicByteOrTooShortIsADataException() {
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, "{\"json\":true}".getBytes()))
                .isInstanceOf(DataException.class).hasMessageContaining(TOPIC)
                .hasMessageContaining("expected magic byte 0");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(DataException.class).hasMessageContaining("shorter than the 5-byte");
    }

    @Test
    void aTruncatedOrOverlongPayloadIsADataException() {
        byte[] value = serializer.serialize(TOPIC, state(snapshot(null), 0.5));
        byte[] truncated = Arrays.copyOf(value, value.length - 10);
        byte[] overlong = Arrays.copyOf(value, value.length + 3);

        assertThatThrownBy(() -> converter.toConnectData(TOPIC, truncated))
                .isInstanceOf(DataException.class).hasMessageContaining("truncated or corrupt");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, overlong))
                .isInstanceOf(DataException.class).hasMessageContaining("bytes left after the record");
    }

    @Test
    void sinkOnlyAndTheRegistryUrlIsRequired() {
        assertThatThrownBy(() -> converter.fromConnectData(TOPIC, null, null))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("sink");
        assertThatThrownBy(() -> new RegistryAvroConverter().configure(Map.of(), false))
                .hasMessageContaining("schema.registry.url");
    }

    private static PackageSnapshot snapshot(Instant expiresAt) {
        return PackageSnapshot.newBuilder()
                .setPackageKey("tencent-vpc/acct-t/ap-guangzhou/tfp-1")
                .setVendor(Vendor.TENCENT)
                .setProduct(Product.VPC)
                .setAccount("acct-t")
                .setPackageId("tfp-1")
                .setKind(PackageKind.TRAFFIC)
                .setUnit(AmountUnit.BYTES)
                .setCapacity(100L << 30)
                .setUsed(123_456_789L)
                .setRemaining((100L << 30) - 123_456_789L)
                .setOriginalAmounts(OriginalAmounts.newBuilder().setUnit("GB").setTotal("100").build())
                .setStatus(PackageStatus.ACTIVE)
                .setDeductPolicy(DeductPolicy.FULL_TIME)
                .setExpiresAt(expiresAt)
                .setTags(Map.of("team", "t1", "env", "prod"))
                .setAutoRenew(false)
                .setObservedAt(OBSERVED)
                .setPollId("poll-1")
                .build();
    }

    private static PackageState state(PackageSnapshot snapshot, double percentUsed) {
        return PackageState.newBuilder()
                .setPackageKey(snapshot.getPackageKey())
                .setSnapshot(snapshot)
                .setSegmentId(3)
                .setPercentUsed(percentUsed)
                .setRateEwmaPerHour(1.5)
                .setForecastMethod(ForecastMethod.EWMA)
                .setStale(true)
                .setUpdatedAt(snapshot.getObservedAt().plusMillis(5))
                .build();
    }
}
