package io.packwatch.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.core.testdata.Snapshots;
import io.packwatch.schema.PackageSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The null-check union resolution writes exactly the bytes Avro's own writer writes. */
class NullableUnionDatumWriterTest {

    private static final Schema UNIONS = new Schema.Parser().parse("""
            {"type": "record", "name": "Unions", "fields": [
              {"name": "nullFirst", "type": ["null", "string"]},
              {"name": "nullSecond", "type": ["long", "null"]},
              {"name": "threeWays", "type": ["null", "string", "long"]},
              {"name": "noNull", "type": ["int", "string"]}
            ]}""");

    @Test
    void aPopulatedAndASparseSnapshotEncodeAsAvroEncodesThem() throws IOException {
        PackageSnapshot full = Snapshots.lighthouse();
        PackageSnapshot sparse = PackageSnapshot.newBuilder(full).setVendorRequestId(null).setRegion(null)
                .setExpiresAt(null).setCycleStart(null).setCycleEnd(null).build();
        Schema schema = PackageSnapshot.getClassSchema();
        for (PackageSnapshot s : new PackageSnapshot[] {full, sparse}) {
            assertThat(encode(new NullableUnionDatumWriter<>(schema, SpecificData.getForSchema(schema)), s))
                    .isEqualTo(encode(new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema)), s));
        }
    }

    @Test
    void everyKindOfUnionEncodesAsAvroEncodesIt() throws IOException {
        for (Object[] values : new Object[][] {{null, null, null, 1}, {"a", 7L, "b", "c"}, {"a", null, 9L, 2}}) {
            GenericRecord r = new GenericData.Record(UNIONS);
            r.put("nullFirst", values[0]);
            r.put("nullSecond", values[1]);
            r.put("threeWays", values[2]);
            r.put("noNull", values[3]);
            assertThat(encode(new NullableUnionDatumWriter<>(UNIONS, new SpecificData()), r))
                    .isEqualTo(encode(new SpecificDatumWriter<>(UNIONS, new SpecificData()), r));
        }
    }

    @Test
    void aNullInAUnionWithoutNullIsStillRefused() {
        GenericRecord r = new GenericData.Record(UNIONS);
        r.put("noNull", null);
        assertThatThrownBy(() -> encode(new NullableUnionDatumWriter<>(UNIONS, new SpecificData()), r))
                .hasMessageContaining("noNull");
    }

    private static <T> byte[] encode(DatumWriter<T> writer, T datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, e);
        e.flush();
        return out.toByteArray();
    }
}
