package io.packwatch.streams.bench;

import io.packwatch.core.serde.SpecificAvroSerde;
import io.packwatch.schema.PackageSnapshot;
import io.packwatch.streams.Envelopes;
import io.packwatch.streams.normalize.Normalizers;
import io.packwatch.streams.normalize.RawEnvelopes;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * CPU cost per record of the pure parts of normalization (parse + normalize, and one Avro encode/decode), without
 * Kafka: shows how much of the gap to the pass-through app is computation. Run with
 * {@code ./mvnw -B -q -o -pl streams exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.packwatch.streams.bench.NormalizeCpuProbe}
 */
public final class NormalizeCpuProbe {
    public static void main(String[] args) {
        byte[] raw = Envelopes.bytes(Envelopes.pkg("tencent-vpc", "bench", "r1", "poll-1", Instant.parse("2024-07-16T10:46:08Z"),
                Envelopes.json("{\"TrafficPackageId\":\"tfp-1\",\"TrafficPackageName\":\"n\",\"TotalAmount\":10,"
                        + "\"RemainingAmount\":7.5,\"UsedAmount\":2.5,\"Status\":\"AVAILABLE\",\"CreatedTime\":\"2022-08-31T11:42:37Z\","
                        + "\"Deadline\":\"2022-09-30T11:42:37Z\",\"DeductType\":\"FULL_TIME\",\"TagSet\":[{\"Key\":\"team\",\"Value\":\"cdn\"}]}")));
        Serde<PackageSnapshot> serde = SpecificAvroSerde.forValues(PackageSnapshot.class, Map.of("schema.registry.url", "mock://probe"));
        int n = 300_000;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            PackageSnapshot s = null;
            for (int i = 0; i < n; i++) {
                s = Normalizers.normalize(RawEnvelopes.parse(raw));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                serde.deserializer().deserialize("t", serde.serializer().serialize("t", s));
            }
            long t2 = System.nanoTime();
            System.out.printf("parse+normalize %.2f us/record, avro encode+decode %.2f us/record%n",
                    (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
        }
    }
}
