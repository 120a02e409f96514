package io.packwatch.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped logging configs rate-limit Kafka's client warnings (a broker outage makes every client log each failed
 * reconnect) while Packwatch's own lines and Kafka's errors all get through.
 */
class KafkaLogBurstTest {

    @ParameterizedTest
    @ValueSource(strings = {"log4j2.xml", "log4j2-local.xml"})
    void kafkaReconnectNoiseIsRateLimitedAndOurLinesStayVisible(String config) throws Exception {
        System.setProperty("packwatch.log.file", System.getProperty("java.io.tmpdir") + "/packwatch-burst-test.log");
        URI location = KafkaLogBurstTest.class.getClassLoader().getResource(config).toURI();
        LoggerContext context = new LoggerContext("burst-" + config, null, location);
        context.start();
        try {
            List<LogEvent> seen = new ArrayList<>();
            Appender collect = new AbstractAppender("collect", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    seen.add(event.toImmutable());
                }
            };
            collect.start();
            LoggerConfig root = context.getConfiguration().getRootLogger();
            root.addAppender(collect, Level.ALL, null);
            context.updateLoggers();

            for (int i = 0; i < 1000; i++) {
                context.getLogger("org.apache.kafka.clients.NetworkClient").warn("Connection to node 1 could not be established");
                if (i % 100 == 0) {
                    context.getLogger("io.packwatch.collectors.publish.RawPublisher").warn("event=publish-retry n={}", i);
                }
            }
            context.getLogger("org.apache.kafka.clients.producer.internals.Sender").error("an error");

            long kafkaWarnings = seen.stream().filter(e -> e.getLoggerName().startsWith("org.apache.kafka")
                    && e.getLevel() == Level.WARN).count();
            assertThat(kafkaWarnings).as("kafka warnings let through of 1000").isBetween(1L, 25L);
            assertThat(seen).filteredOn(e -> e.getLoggerName().startsWith("io.packwatch")).hasSize(10);
            assertThat(seen).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(1);
        } finally {
            context.stop();
        }
    }
}
