package io.packwatch.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue is consistent in itself and with the raw topics' published JSON contract. */
class VendorApiTest {

    @Test
    void rawEnvelopeSchemaEnumsAreTheCatalogue() throws IOException {
        JsonNode properties = rawEnvelopeSchema().path("properties");
        assertThat(strings(properties.path("api").path("enum")))
                .as("raw-envelope.schema.json api enum, in catalogue order").containsExactly(VendorApi.ids());
        assertThat(strings(properties.path("vendor").path("enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(VendorApi.values()).map(VendorApi::vendorName).distinct().toList());
        assertThat(strings(properties.path("product").path("enum")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(VendorApi.values()).map(VendorApi::productName).distinct().toList());
    }

    /**
     * The Avro records embed the Vendor and Product enums; a record class generated before a symbol was added would
     * write the new symbol's index against the old schema (avro-maven-plugin does not regenerate the importers of a
     * changed enum in an incremental build: run {@code clean}).
     */
    @Test
    void everyAvroRecordCarriesTheCatalogueSymbols() {
        for (org.apache.avro.Schema record : List.of(io.packwatch.schema.PackageSnapshot.getClassSchema(),
                io.packwatch.schema.PackageState.getClassSchema(), io.packwatch.schema.PackageAlert.getClassSchema())) {
            String json = record.toString();
            for (VendorApi api : VendorApi.values()) {
                assertThat(json).as(record.getName() + " has " + api.product()).contains('"' + api.product().name() + '"');
                assertThat(json).as(record.getName() + " has " + api.vendor()).contains('"' + api.vendor().name() + '"');
            }
        }
    }

    @Test
    void eachApiIsFoundByItsVendorAndProduct() {
        for (VendorApi api : VendorApi.values()) {
            assertThat(VendorApi.of(api.vendor(), api.product())).isSameAs(api);
        }
        assertThatThrownBy(() -> VendorApi.of(io.packwatch.schema.Vendor.UNKNOWN, io.packwatch.schema.Product.VPC))
                .hasMessageContaining("UNKNOWN/VPC");
    }

    @Test
    void pacingStaysBelowTheDocumentedLimit() {
        for (VendorApi api : VendorApi.values()) {
            assertThat(api.defaultPacingPerSecond()).as(api.id()).isPositive();
            if (api.documentedLimitPerSecond() > 0) {
                assertThat(api.defaultPacingPerSecond()).as(api.id()).isLessThan(api.documentedLimitPerSecond());
            }
        }
    }

    @Test
    void tencentApisSignForTheirProductsService() {
        for (VendorApi api : VendorApi.values()) {
            if (api.endpoint() instanceof VendorApi.Endpoint.TencentAction tencent) {
                assertThat(tencent.service()).as(api.id()).isEqualTo(api.productName());
            }
        }
        assertThat(VendorApi.BAIDU_EIP.action()).isEqualTo("GET /v1/eiptp");
        assertThat(VendorApi.BAIDU_EIP.isTencent()).isFalse();
    }

    @Test
    void keyShapeFollowsRegionality() {
        for (VendorApi api : VendorApi.values()) {
            assertThat(api.keyShape() == VendorApi.KeyShape.PACKAGE).as(api.id()).isEqualTo(!api.regional());
        }
    }

    @Test
    void poolRulesFollowSection11() {
        assertThat(VendorApi.TENCENT_LIGHTHOUSE.poolRule()).isEqualTo(PoolRule.NONE);
        PoolRule baidu = VendorApi.BAIDU_EIP.poolRule();
        assertThat(baidu.order()).isEqualTo(PoolRule.DrawOrder.EARLIEST_EXPIRY_FIRST);
        assertThat(baidu.tieBreak()).isEqualTo(PoolRule.TieBreak.EARLIEST_CREATED);
        assertThat(baidu.idleWindow()).isEqualTo(PoolRule.IdleWindow.BEIJING_MIDNIGHT_TO_EIGHT);
        assertThat(VendorApi.TENCENT_VPC.poolRule().lanes()).isEqualTo(PoolRule.Lanes.FULL_TIME_AND_IDLE);
        assertThat(VendorApi.TENCENT_VPC.poolRule().idleWindow()).as("VPC idle hours are undocumented: configuration").isNull();
        assertThatThrownBy(() -> new PoolRule(PoolRule.Scope.ACCOUNT, PoolRule.DrawOrder.NONE, PoolRule.TieBreak.NONE,
                PoolRule.Lanes.ONE, null)).hasMessageContaining("draw order");
        assertThatThrownBy(() -> new PoolRule(PoolRule.Scope.ACCOUNT, PoolRule.DrawOrder.EARLIEST_EXPIRY_FIRST,
                PoolRule.TieBreak.NONE, PoolRule.Lanes.ONE, PoolRule.IdleWindow.BEIJING_MIDNIGHT_TO_EIGHT))
                .hasMessageContaining("idle lane");
    }

    private static JsonNode rawEnvelopeSchema() throws IOException {
        try (InputStream in = VendorApi.class.getResourceAsStream("/json/raw-envelope.schema.json")) {
            assertThat(in).as("raw-envelope.schema.json on the classpath (packwatch-schemas)").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
