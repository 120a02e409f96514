package io.packwatch.streams.forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Bounded consumption history of one package: the current segment's identity, the last
 * {@link ForecastSettings#recentSamples()} raw samples, the last sample of every hour over
 * {@link ForecastSettings#bucketRetention()}, and the EWMA rate state. Its size is fixed by the settings, never by
 * how long the package lives.
 */
public final class PackageHistory {

    private static final long HOUR_MS = 3_600_000L;

    int segmentId = -1;
    long segmentStartedAt;
    SegmentBreak lastBreak = SegmentBreak.NONE;
    String packageId = "";
    long capacity;
    long cycleStart = Observation.NONE;
    long cycleEnd = Observation.NONE;
    long expiresAt = Observation.NONE;
    int sampleCount;
    double ewmaRate = Double.NaN;
    long ewmaAnchorAt;
    long ewmaAnchorUsed;
    final Deque<Point> recent = new ArrayDeque<>();
    final List<Point> hourly = new ArrayList<>();

    /**
     * Applies one observation. Duplicates and observations older than the latest are ignored; a reset opens a new
     * segment whose first sample is this observation (so the reset itself is never counted as usage).
     */
    public Acceptance offer(Observation o, ForecastSettings settings) {
        Point latest = recent.peekLast();
        if (latest != null && o.observedAt() == latest.at()) {
            return Acceptance.DUPLICATE;
        }
        if (latest != null && o.observedAt() < latest.at()) {
            return Acceptance.OUT_OF_ORDER;
        }
        Observation previous = latest == null ? null : new Observation(latest.at(), packageId, capacity,
                latest.used(), cycleStart, cycleEnd, expiresAt, o.clock());
        SegmentBreak why = SegmentBreak.between(previous, o);
        packageId = o.packageId();
        capacity = o.capacity();
        cycleStart = o.cycleStart();
        cycleEnd = o.cycleEnd();
        expiresAt = o.expiresAt();
        Point p = new Point(o.observedAt(), o.used());
        if (why != SegmentBreak.NONE) {
            startSegment(p, why);
            return Acceptance.NEW_SEGMENT;
        }
        updateEwma(p, o.clock(), settings);
        append(p, settings);
        return Acceptance.APPLIED;
    }

    private void startSegment(Point p, SegmentBreak why) {
        segmentId++;
        segmentStartedAt = p.at();
        lastBreak = why;
        sampleCount = 0;
        ewmaRate = Double.NaN;
        ewmaAnchorAt = p.at();
        ewmaAnchorUsed = p.used();
        recent.clear();
        hourly.clear();
        append(p, null);
    }

    private void append(Point p, ForecastSettings settings) {
        sampleCount++;
        recent.addLast(p);
        int cap = settings == null ? ForecastSettings.defaults().recentSamples() : settings.recentSamples();
        while (recent.size() > cap) {
            recent.removeFirst();
        }
        long hour = Math.floorDiv(p.at(), HOUR_MS);
        if (!hourly.isEmpty() && Math.floorDiv(hourly.get(hourly.size() - 1).at(), HOUR_MS) == hour) {
            hourly.set(hourly.size() - 1, p);
        } else {
            hourly.add(p);
        }
        long retention = settings == null ? ForecastSettings.defaults().bucketRetention().toMillis()
                : settings.bucketRetention().toMillis();
        long oldestHour = Math.floorDiv(p.at() - retention, HOUR_MS);
        while (!hourly.isEmpty() && Math.floorDiv(hourly.get(0).at(), HOUR_MS) < oldestHour) {
            hourly.remove(0);
        }
    }

    /**
     * EWMA over irregular intervals: each interval's rate gets weight 1 - 2^(-dt/halfLife), dt in drawable hours.
     * Usage reported while no drawable time passed (an off-peak package polled outside its window) is carried to
     * the next interval that has drawable time, so it is neither lost nor divided by zero.
     */
    private void updateEwma(Point p, DrawableClock clock, ForecastSettings settings) {
        double dt = clock.drawableHours(ewmaAnchorAt, p.at());
        if (dt <= 1e-9) {
            return;
        }
        double rate = (p.used() - ewmaAnchorUsed) / dt;
        double halfLifeHours = settings.ewmaHalfLife().toMillis() / (double) HOUR_MS;
        if (Double.isNaN(ewmaRate)) {
            ewmaRate = rate;
        } else {
            double alpha = 1 - Math.pow(2, -dt / halfLifeHours);
            ewmaRate += alpha * (rate - ewmaRate);
        }
        ewmaAnchorAt = p.at();
        ewmaAnchorUsed = p.used();
    }

    public int segmentId() {
        return segmentId;
    }

    public long segmentStartedAt() {
        return segmentStartedAt;
    }

    public SegmentBreak lastBreak() {
        return lastBreak;
    }

    public int sampleCount() {
        return sampleCount;
    }

    /** EWMA rate in units per drawable hour, NaN until two samples with drawable time between them. */
    public double ewmaRate() {
        return ewmaRate;
    }

    public Point latest() {
        return recent.peekLast();
    }

    public List<Point> recentSamples() {
        return List.copyOf(recent);
    }

    public List<Point> hourlyBuckets() {
        return List.copyOf(hourly);
    }

    /**
     * The points the least-squares slope runs on: the raw recent samples when they reach back over the whole
     * window, else the hourly buckets (evenly spaced, so minutes of dense polling do not outweigh a day).
     */
    List<Point> slopePoints(long windowMillis) {
        Point latest = recent.peekLast();
        if (latest == null) {
            return List.of();
        }
        long cutoff = latest.at() - windowMillis;
        Iterable<Point> source = recent.peekFirst().at() <= cutoff ? recent : hourly;
        List<Point> points = new ArrayList<>();
        for (Point p : source) {
            if (p.at() >= cutoff) {
                points.add(p);
            }
        }
        return points;
    }
}
