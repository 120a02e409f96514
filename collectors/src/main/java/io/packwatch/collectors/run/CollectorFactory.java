package io.packwatch.collectors.run;

import io.packwatch.core.VendorApi;
import io.packwatch.core.topics.Topics;
import java.util.Map;
import io.packwatch.collectors.baidu.BaiduEipTransport;
import io.packwatch.collectors.baidu.BceV1Signer;
import io.packwatch.collectors.config.CollectorConfig;
import io.packwatch.collectors.ops.CollectorMetrics;
import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.paging.BaiduEipLister;
import io.packwatch.collectors.paging.Lister;
import io.packwatch.collectors.paging.TencentCdnLister;
import io.packwatch.collectors.paging.TencentLighthouseLister;
import io.packwatch.collectors.paging.TencentLiveLister;
import io.packwatch.collectors.paging.TencentVpcLister;
import io.packwatch.collectors.publish.EnvelopeFactory;
import io.packwatch.collectors.publish.ProducerSettings;
import io.packwatch.collectors.publish.RawPublisher;
import io.packwatch.collectors.publish.TopicEnsurer;
import io.packwatch.collectors.tencent.TencentClientFactory;
import io.packwatch.collectors.tencent.TencentTransport;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Wires a {@link Collector} from a validated configuration: transports, listers, buckets, producer. */
public final class CollectorFactory {
    /** bce-auth-v1 validity of one signature; each attempt is signed afresh. */
    static final int BCE_EXPIRATION_SECONDS = 1800;

    private CollectorFactory() { }

    public static Collector create(CollectorConfig config, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        CollectorMetrics metrics = new CollectorMetrics(registry, config.api());
        AtomicBoolean abandoning = new AtomicBoolean();
        if (config.createTopic()) {
            TopicEnsurer.ensure(config.producerProperties(), config.topic(), config.topicPartitions(),
                    Topics.create(Topics.DEFAULT_PREFIX, Map.of()).raw(config.api()).topicConfig());
        }
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.of(config.producerProperties(), "packwatch-collector-" + config.api().id()));
        RawPublisher publisher = new RawPublisher(producer, config.topic(), abandoning::get, metrics.publishListener());
        return new Collector(config, targets(config, clock), publisher, new EnvelopeFactory(CollectorVersion.get()),
                metrics, clock, abandoning);
    }

    static List<PollTarget> targets(CollectorConfig config, Clock clock) {
        HttpClient baiduHttp = config.api() == VendorApi.BAIDU_EIP
                ? HttpClient.newBuilder().connectTimeout(config.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build()
                : null;
        return targets(config, clock, baiduHttp);
    }

    /** Seam for unit tests: the Baidu HTTP client is passed in (a recording stand-in), everything else is as built. */
    static List<PollTarget> targets(CollectorConfig config, Clock clock, HttpClient baiduHttp) {
        List<PollTarget> targets = new ArrayList<>();
        for (CollectorConfig.Account account : config.accounts()) {
            // One bucket per account per API, shared by the account's regions (the vendor limits per account).
            TokenBucket bucket = new TokenBucket(config.requestsPerSecond(), config.burst());
            for (String region : account.regions()) {
                targets.add(new PollTarget(account.name(), region, lister(config, account, region, baiduHttp, clock), bucket));
            }
        }
        return targets;
    }

    /** The per-API part of the collector: an exhaustive switch, so a catalogue entry without a lister does not compile. */
    static Lister lister(CollectorConfig config, CollectorConfig.Account account, String region, HttpClient baiduHttp,
                         Clock clock) {
        VendorApi api = config.api();
        return switch (api) {
            case TENCENT_VPC -> new TencentVpcLister(tencent(config, account, region, clock));
            case TENCENT_LIGHTHOUSE -> new TencentLighthouseLister(tencent(config, account, region, clock));
            case TENCENT_LIVE -> new TencentLiveLister(tencent(config, account, region, clock));
            case TENCENT_CDN -> new TencentCdnLister(tencent(config, account, region, clock));
            case BAIDU_EIP -> new BaiduEipLister(new BaiduEipTransport(baiduHttp, config.baiduBaseUrl(region),
                    new BceV1Signer(account.credentials().id().reveal(), account.credentials().key().reveal(),
                            BCE_EXPIRATION_SECONDS), config.readTimeout(), clock));
        };
    }

    private static TencentTransport tencent(CollectorConfig config, CollectorConfig.Account account, String region, Clock clock) {
        return new TencentTransport(TencentClientFactory.create(config, account.credentials(), region), config.api().action(), clock);
    }
}
