package io.packwatch.streams.forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Bounded consumption history of one package: the current segment's identity, the last
 * {@link ForecastSettings#recentSamples()} raw samples, one bucket per hour over
 * {@link ForecastSettings#bucketRetention()} (the mean instant and mean used of the hour's samples, so measurement
 * noise averages out), the last sample of each day (UTC+8) over {@link #DAY_RETENTION} for the weekly profile, the
 * EWMA rate state, and the samples of an unconfirmed large drop. Its size is fixed by the settings, never by how long
 * the package lives.
 */
public final class PackageHistory {

    private static final long HOUR_MS = 3_600_000L;
    static final long DAY_MS = 86_400_000L;
    /** Calendar days are taken in UTC+8 (China Standard Time, no DST): the vendors' customers' week. */
    static final long CALENDAR_OFFSET_MS = 8 * HOUR_MS;
    /** Daily samples kept: four weeks and a day, enough for two full weeks of each weekday class. */
    static final int DAY_RETENTION = 29;
    private static final int REFERENCE_SAMPLES = 5;
    /** Hourly buckets below which a young segment is fitted on its raw samples instead. */
    private static final int MIN_BUCKETS = 6;

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
    /** Samples averaged into the last hourly bucket. */
    int bucketSamples;
    final Deque<Point> recent = new ArrayDeque<>();
    final List<Point> hourly = new ArrayList<>();
    final List<Point> daily = new ArrayList<>();
    /** Samples of a large drop not yet confirmed as a reset (at most {@link ForecastSettings#resetDropPolls()}). */
    final List<Point> held = new ArrayList<>();

    /**
     * Applies one observation. Duplicates and observations older than the latest are ignored; a reset opens a new
     * segment whose first sample is this observation (so the reset itself is never counted as usage). A large drop
     * is held back until it persists for the configured polls (then the segment opens at its first sample) or a
     * sample returns to the segment's level (then the held samples were a glitch and are dropped). Any other
     * decrease is noise and extends the segment.
     */
    public Acceptance offer(Observation o, ForecastSettings settings) {
        Point newest = newest();
        if (newest != null && o.observedAt() == newest.at()) {
            return Acceptance.DUPLICATE;
        }
        if (newest != null && o.observedAt() < newest.at()) {
            return Acceptance.OUT_OF_ORDER;
        }
        Point latest = recent.peekLast();
        Observation previous = latest == null ? null : new Observation(latest.at(), packageId, capacity,
                referenceUsed(), cycleStart, cycleEnd, expiresAt, o.clock());
        SegmentBreak why = SegmentBreak.between(previous, o, settings);
        packageId = o.packageId();
        capacity = o.capacity();
        cycleStart = o.cycleStart();
        cycleEnd = o.cycleEnd();
        expiresAt = o.expiresAt();
        Point p = new Point(o.observedAt(), o.used());
        if (why == SegmentBreak.USED_DROPPED) {
            held.add(p);
            if (held.size() < settings.resetDropPolls()) {
                return Acceptance.HELD;
            }
            List<Point> confirmed = List.copyOf(held);
            startSegment(confirmed.get(0), why, settings);
            for (Point q : confirmed.subList(1, confirmed.size())) {
                updateEwma(q, o.clock(), settings);
                append(q, settings);
            }
            return Acceptance.NEW_SEGMENT;
        }
        if (why != SegmentBreak.NONE) {
            startSegment(p, why, settings);
            return Acceptance.NEW_SEGMENT;
        }
        held.clear();
        updateEwma(p, o.clock(), settings);
        append(p, settings);
        return Acceptance.APPLIED;
    }

    /**
     * The level a drop is measured from: the median of the last {@link #REFERENCE_SAMPLES} applied samples, so one
     * high outlier does not make the next ordinary sample look like a drop.
     */
    private long referenceUsed() {
        long[] last = new long[Math.min(REFERENCE_SAMPLES, recent.size())];
        var it = recent.descendingIterator();
        for (int i = 0; i < last.length; i++) {
            last[i] = it.next().used();
        }
        java.util.Arrays.sort(last);
        return last[last.length / 2];
    }

    private Point newest() {
        return held.isEmpty() ? recent.peekLast() : held.get(held.size() - 1);
    }

    private void startSegment(Point p, SegmentBreak why, ForecastSettings settings) {
        segmentId++;
        segmentStartedAt = p.at();
        lastBreak = why;
        sampleCount = 0;
        ewmaRate = Double.NaN;
        ewmaAnchorAt = p.at();
        ewmaAnchorUsed = p.used();
        recent.clear();
        hourly.clear();
        daily.clear();
        held.clear();
        append(p, settings);
    }

    private void append(Point p, ForecastSettings settings) {
        sampleCount++;
        recent.addLast(p);
        while (recent.size() > settings.recentSamples()) {
            recent.removeFirst();
        }
        addToHourlyBucket(p, settings.bucketRetention().toMillis());
        long day = calendarDay(p.at());
        if (!daily.isEmpty() && calendarDay(daily.get(daily.size() - 1).at()) == day) {
            daily.set(daily.size() - 1, p);
        } else {
            daily.add(p);
        }
        while (daily.size() > DAY_RETENTION) {
            daily.remove(0);
        }
    }

    /** The hour's bucket is the running mean of its samples' instants and amounts. */
    private void addToHourlyBucket(Point p, long retention) {
        long hour = Math.floorDiv(p.at(), HOUR_MS);
        int last = hourly.size() - 1;
        if (last >= 0 && Math.floorDiv(hourly.get(last).at(), HOUR_MS) == hour) {
            Point mean = hourly.get(last);
            bucketSamples++;
            hourly.set(last, new Point(mean.at() + (p.at() - mean.at()) / bucketSamples,
                    mean.used() + Math.round((p.used() - mean.used()) / (double) bucketSamples)));
        } else {
            hourly.add(p);
            bucketSamples = 1;
        }
        long oldestHour = Math.floorDiv(p.at() - retention, HOUR_MS);
        while (!hourly.isEmpty() && Math.floorDiv(hourly.get(0).at(), HOUR_MS) < oldestHour) {
            hourly.remove(0);
        }
    }

    static long calendarDay(long at) {
        return Math.floorDiv(at + CALENDAR_OFFSET_MS, DAY_MS);
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

    /** The last sample of each calendar day (UTC+8) of the segment, oldest first, at most {@link #DAY_RETENTION}. */
    public List<Point> dailySamples() {
        return List.copyOf(daily);
    }

    /** Samples of an unconfirmed large drop (not part of the segment unless the drop persists). */
    public int heldSamples() {
        return held.size();
    }

    /**
     * The points the regression runs on: the raw recent samples when they reach back over the whole window or the
     * segment is still too young for {@link #MIN_BUCKETS} hourly buckets, else the hourly buckets (evenly spaced, so
     * minutes of dense polling do not outweigh a day, and each the mean of its hour's samples).
     */
    List<Point> slopePoints(long windowMillis) {
        Point latest = recent.peekLast();
        if (latest == null) {
            return List.of();
        }
        long cutoff = latest.at() - windowMillis;
        Iterable<Point> source = recent.peekFirst().at() <= cutoff || hourly.size() < MIN_BUCKETS ? recent : hourly;
        List<Point> points = new ArrayList<>();
        for (Point p : source) {
            if (p.at() >= cutoff) {
                points.add(p);
            }
        }
        return points;
    }
}
