package io.packwatch.collectors.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.ops.CollectorMetrics;
import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.paging.FoundItem;
import io.packwatch.collectors.paging.IncompleteReason;
import io.packwatch.collectors.paging.Lister;
import io.packwatch.collectors.paging.FixedPagesLister;
import io.packwatch.collectors.publish.EnvelopeFactory;
import io.packwatch.collectors.publish.PollContext;
import io.packwatch.collectors.publish.PublishListener;
import io.packwatch.collectors.publish.RawPublisher;
import io.packwatch.collectors.retry.Backoff;
import io.packwatch.collectors.retry.CallOutcomeListener;
import io.packwatch.collectors.retry.PacedRetryingCaller;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.VendorJson;
import io.packwatch.core.topics.RecordLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A vendor item whose envelope exceeds the raw record limit is refused at the collector, with the reason in the summary. */
class RegionPollSizeTest {

    @Test
    void anOversizedItemIsRefusedAndThePollIsIncomplete() throws Exception {
        ObjectNode small = VendorJson.MAPPER.createObjectNode().put("TrafficPackageId", "tfp-small");
        ObjectNode huge = VendorJson.MAPPER.createObjectNode().put("TrafficPackageId", "tfp-huge")
                .put("Padding", "x".repeat(RecordLimits.RAW_ENVELOPE_MAX_BYTES));
        Lister lister = new FixedPagesLister(Map.of(new ApiPage(VendorJson.MAPPER.createObjectNode(), "req-1", Instant.EPOCH),
                List.of(new FoundItem(small, "tfp-small", null, null), new FoundItem(huge, "tfp-huge", null, null))));
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        RawPublisher publisher = new RawPublisher(producer, "packwatch.raw.tencent-vpc", () -> false, PublishListener.NONE);
        TokenBucket bucket = new TokenBucket(100, 10);
        PacedRetryingCaller caller = new PacedRetryingCaller(bucket, 1,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.5), d -> { }, () -> false,
                CallOutcomeListener.NONE);
        RegionPoll poll = new RegionPoll(new PollTarget("main", "ap-guangzhou", lister, bucket), caller, publisher,
                new EnvelopeFactory("test"), new CollectorMetrics(new SimpleMeterRegistry(), VendorApi.TENCENT_VPC),
                Clock.systemUTC());

        PollResult result = poll.run(new PollContext(VendorApi.TENCENT_VPC, "main", "ap-guangzhou", "poll-1"));

        assertThat(result.complete()).isFalse();
        assertThat(result.reasons()).extracting(IncompleteReason::code).containsExactly("RecordTooLarge");
        assertThat(result.reasons().get(0).message()).contains("tfp-huge").contains(String.valueOf(RecordLimits.RAW_ENVELOPE_MAX_BYTES));
        assertThat(result.reasons().get(0).requestId()).isEqualTo("req-1");
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).allSatisfy(r -> assertThat(r.value().length).isLessThanOrEqualTo(RecordLimits.RAW_ENVELOPE_MAX_BYTES));
        assertThat(sent).anySatisfy(r -> assertThat(r.key()).contains("tfp-small"));
        assertThat(sent).noneSatisfy(r -> assertThat(r.key()).contains("tfp-huge"));
    }
}
