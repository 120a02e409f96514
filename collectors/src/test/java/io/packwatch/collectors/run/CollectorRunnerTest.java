package io.packwatch.collectors.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.config.ConfigLoader;
import io.packwatch.collectors.ops.CollectorMetrics;
import io.packwatch.collectors.ops.OpsServer;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.publish.EnvelopeFactory;
import io.packwatch.collectors.publish.PublishListener;
import io.packwatch.collectors.publish.RawPublisher;
import io.packwatch.collectors.vendor.VendorJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemon scheduling of {@link CollectorRunner}, without vendors or a broker: the runner schedules a stand-in cycle
 * (package-private seam) on a real {@link Collector} that has no targets and a {@link MockProducer}.
 */
class CollectorRunnerTest {
    private static final long POLL_INTERVAL_MS = 50;
    private static final long CYCLE_MS = 4 * POLL_INTERVAL_MS;
    private static final int CYCLES = 5;

    @Test
    void aSlowCycleDelaysTheNextInsteadOfStacking(@TempDir Path dir) throws Exception {
        Collector collector = collector(dir);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        ConcurrentLinkedQueue<long[]> cycles = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(CYCLES);

        CollectorRunner runner = new CollectorRunner(collector, () -> {
            long start = System.nanoTime();
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // The cycle is four poll intervals long: a fixed-rate schedule falls behind at once.
                Thread.sleep(CYCLE_MS);
                return new CycleReport(List.of(), Duration.ofMillis(CYCLE_MS));
            } finally {
                running.decrementAndGet();
                cycles.add(new long[] {start, System.nanoTime()});
                finished.countDown();
            }
        });
        runner.startDaemon();
        try {
            assertThat(finished.await(30, TimeUnit.SECONDS)).as("%d cycles ran", CYCLES).isTrue();
        } finally {
            assertThat(runner.shutdown(Duration.ofSeconds(10))).as("clean shutdown").isTrue();
        }

        assertThat(maxRunning.get()).as("cycles running at the same time").isEqualTo(1);
        assertThat(running.get()).as("cycles still running after shutdown").isZero();
        List<long[]> byStart = new ArrayList<>(cycles);
        byStart.sort(Comparator.comparingLong(c -> c[0]));
        assertThat(byStart).hasSizeGreaterThanOrEqualTo(CYCLES);
        for (int n = 0; n + 1 < byStart.size(); n++) {
            long endOfN = byStart.get(n)[1];
            long startOfNext = byStart.get(n + 1)[0];
            assertThat(startOfNext).as("cycle %d starts before cycle %d ended", n + 1, n).isGreaterThanOrEqualTo(endOfN);
        }
        // Every cycle really was longer than the poll interval: the schedule was behind the whole time.
        assertThat(byStart).allSatisfy(c -> assertThat(Duration.ofNanos(c[1] - c[0]))
                .isGreaterThan(Duration.ofMillis(POLL_INTERVAL_MS)));
        assertThat(runner.lastReport()).isNotNull();
    }

    @Test
    void healthIsDegradedWithTheReasonWhenPollsFailOrCyclesStop(@TempDir Path dir) throws Exception {
        PollResult failed = new PollResult("main", "ap-guangzhou", "p1", false, false, 0, 0,
                List.of(new IncompleteReason("AuthFailure.SignatureFailure", "bad signature", "req-9")));
        PollResult fine = new PollResult("main", "ap-guangzhou", "p1", true, false, 1, 3, List.of());
        CollectorRunner failing = new CollectorRunner(collector(dir), () -> new CycleReport(List.of(failed), Duration.ZERO));
        CollectorRunner healthy = new CollectorRunner(collector(dir), () -> new CycleReport(List.of(fine), Duration.ZERO));
        failing.startDaemon();
        healthy.startDaemon();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> failing.lastFinished() != null && healthy.lastFinished() != null);
            Instant now = java.time.Instant.now();

            JsonNode up = VendorJson.MAPPER.readTree(
                    CollectorHost.health(List.of(healthy), false, now).json());
            assertThat(up.get("status").asText()).isEqualTo("UP");

            OpsServer.Health degraded = CollectorHost.health(List.of(healthy, failing), false, now);
            assertThat(degraded.up()).as("still serving (200)").isTrue();
            JsonNode body = VendorJson.MAPPER.readTree(degraded.json());
            assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(body.get("reasons").toString())
                    .contains("tencent-vpc main/ap-guangzhou: AuthFailure.SignatureFailure bad signature");

            JsonNode stuck = VendorJson.MAPPER.readTree(
                    CollectorHost.health(List.of(healthy), false, now.plus(Duration.ofHours(1))).json());
            assertThat(stuck.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(stuck.get("reasons").toString()).contains("no poll cycle finished since");
        } finally {
            failing.shutdown(Duration.ofSeconds(10));
            healthy.shutdown(Duration.ofSeconds(10));
        }
    }

    private static Collector collector(Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("vpc.yaml"), """
                pollIntervalSeconds: %s
                accounts:
                  - name: main
                    credentials: {idEnv: TC_ID, keyEnv: TC_KEY}
                    regions: [ap-guangzhou]
                kafka: {createTopic: false, producer: {bootstrap.servers: "127.0.0.1:9"}}
                """.formatted(POLL_INTERVAL_MS / 1000.0));
        CollectorConfig config = new ConfigLoader(Map.of("TC_ID", "AKIDrunnerTest", "TC_KEY", "runnerTestKey")::get)
                .load(file, VendorApi.TENCENT_VPC);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(POLL_INTERVAL_MS));
        RawPublisher publisher = new RawPublisher(new MockProducer<>(), config.topic(), () -> false, PublishListener.NONE);
        return new Collector(config, List.of(), publisher, new EnvelopeFactory("test"),
                new CollectorMetrics(new SimpleMeterRegistry(), config.api()), Clock.systemUTC(), new AtomicBoolean());
    }
}
