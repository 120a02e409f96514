package io.packwatch.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.packwatch.notifier.alertmanager.AlertmanagerClient;
import io.packwatch.notifier.alertmanager.AmAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Alertmanager still has to receive, and whether it is reachable. Pending alerts are keyed by label set, so
 * an alert that changes several times while Alertmanager is down is sent once, in its latest form: the queue is
 * bounded by the number of distinct alerts, not by the outage's length. Used by the delivery thread only; the health
 * endpoint reads {@link #status()}.
 */
final class AlertmanagerTarget {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerTarget.class);

    /** A pending alert. Firing ones get a fresh {@code endsAt} when sent, so a long outage never sends a stale one. */
    record Pending(String alertKey, AmAlert alert, boolean firing, long recordTimestampMs) { }

    private final AlertmanagerClient client;
    private final Duration firingTtl;
    private final Duration maxBackoff;
    private final int maxBatch;
    private final Map<Map<String, String>, Pending> pending = new LinkedHashMap<>();
    private final Counter accepted;
    private final Counter failedPosts;
    private final Timer recordToAccepted;
    private int consecutiveFailures;
    private Instant nextAttempt = Instant.EPOCH;
    private Instant lastSuccess;
    private Instant failingSince;
    private String lastError;
    private volatile AlertmanagerStatus status;

    AlertmanagerTarget(AlertmanagerClient client, Duration firingTtl, Duration maxBackoff, int maxBatch,
                       MeterRegistry meters) {
        this.client = client;
        this.firingTtl = firingTtl;
        this.maxBackoff = maxBackoff;
        this.maxBatch = maxBatch;
        String url = client.displayName();
        this.accepted = Counter.builder("packwatch.notifier.alerts.accepted")
                .description("Alerts Alertmanager accepted (re-sends included)").tag("alertmanager", url).register(meters);
        this.failedPosts = Counter.builder("packwatch.notifier.posts.failed")
                .description("POSTs to Alertmanager that failed and will be retried").tag("alertmanager", url).register(meters);
        this.recordToAccepted = Timer.builder("packwatch.notifier.record.to.accepted")
                .description("From the alert record's timestamp to Alertmanager accepting it")
                .tag("alertmanager", url).publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("packwatch.notifier.pending", this, t -> t.status.pending())
                .description("Alerts waiting for this Alertmanager").tag("alertmanager", url).register(meters);
        Gauge.builder("packwatch.notifier.alertmanager.up", this, t -> t.status.reachable() ? 1 : 0)
                .description("1 while the last POST to this Alertmanager succeeded").tag("alertmanager", url).register(meters);
        publishStatus();
    }

    String url() {
        return client.displayName();
    }

    void enqueue(Pending alert) {
        pending.remove(alert.alert().identity());
        pending.put(alert.alert().identity(), alert);
    }

    void dropKeys(Collection<String> alertKeys) {
        pending.values().removeIf(p -> alertKeys.contains(p.alertKey()));
        publishStatus();
    }

    boolean idle() {
        return pending.isEmpty();
    }

    boolean failing() {
        return consecutiveFailures > 0;
    }

    /** Sends what is pending if the backoff allows; returns true when nothing is left pending. */
    boolean deliver(Instant now) {
        if (pending.isEmpty()) {
            publishStatus();
            return true;
        }
        if (now.isBefore(nextAttempt)) {
            publishStatus();
            return false;
        }
        while (!pending.isEmpty()) {
            List<Pending> batch = new ArrayList<>(Math.min(maxBatch, pending.size()));
            for (Iterator<Pending> it = pending.values().iterator(); it.hasNext() && batch.size() < maxBatch; ) {
                batch.add(it.next());
            }
            List<AmAlert> body = new ArrayList<>(batch.size());
            Instant sendTime = Instant.now();
            for (Pending p : batch) {
                body.add(p.firing() ? p.alert().endingAt(sendTime.plus(firingTtl)) : p.alert());
            }
            try {
                client.post(body);
            } catch (AlertmanagerClient.DeliveryException e) {
                failed(now, e.getMessage());
                return false;
            }
            long acceptedAt = System.currentTimeMillis();
            for (Pending p : batch) {
                pending.remove(p.alert().identity(), p);
                if (p.recordTimestampMs() > 0) {
                    recordToAccepted.record(Math.max(0, acceptedAt - p.recordTimestampMs()), TimeUnit.MILLISECONDS);
                }
            }
            accepted.increment(batch.size());
            succeeded(now);
        }
        return true;
    }

    private void failed(Instant now, String reason) {
        failedPosts.increment();
        consecutiveFailures++;
        if (failingSince == null) {
            failingSince = now;
            LOG.warn("event=alertmanager-down url={} pending={} reason=\"{}\"; retrying with backoff",
                    url(), pending.size(), reason);
        }
        lastError = reason;
        long base = Math.min(maxBackoff.toMillis(), 250L << Math.min(consecutiveFailures, 16));
        long jittered = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        nextAttempt = now.plusMillis(Math.min(maxBackoff.toMillis(), jittered));
        publishStatus();
    }

    private void succeeded(Instant now) {
        if (failingSince != null) {
            LOG.info("event=alertmanager-back url={} after={}s", url(), Duration.between(failingSince, now).toSeconds());
        }
        consecutiveFailures = 0;
        failingSince = null;
        nextAttempt = Instant.EPOCH;
        lastSuccess = now;
        publishStatus();
    }

    private void publishStatus() {
        status = new AlertmanagerStatus(url(), consecutiveFailures == 0, pending.size(), consecutiveFailures, lastSuccess,
                failingSince, lastError);
    }

    AlertmanagerStatus status() {
        return status;
    }
}
