package io.packwatch.core;

/**
 * Which packages of an account cover the same usage, and in which order they are drawn (vendor-spec §11). Declared
 * per API in {@link VendorApi}; the pool forecast reads it.
 *
 * @param scope      the packages that form one pool; {@link Scope#NONE} when every package stands alone
 * @param order      which package of a lane pays first
 * @param tieBreak   between packages with the same expiry
 * @param lanes      how a pool splits into lanes drawn independently
 * @param idleWindow when idle-time packages are drawn (and drawn first); null when the vendor does not document it
 *                   (then it is configuration) or the API has no idle packages
 */
public record PoolRule(Scope scope, DrawOrder order, TieBreak tieBreak, Lanes lanes, IdleWindow idleWindow) {

    /** Every package is its own pool (Lighthouse: one package per instance per cycle). */
    public static final PoolRule NONE = new PoolRule(Scope.NONE, DrawOrder.NONE, TieBreak.NONE, Lanes.ONE, null);

    public PoolRule {
        if ((scope == Scope.NONE) != (order == DrawOrder.NONE)) {
            throw new IllegalArgumentException("a pool rule without a scope has no draw order, and vice versa");
        }
        if (idleWindow != null && lanes != Lanes.FULL_TIME_AND_IDLE) {
            throw new IllegalArgumentException("an idle window needs an idle lane");
        }
    }

    static PoolRule drawn(Scope scope, TieBreak tieBreak, Lanes lanes, IdleWindow idleWindow) {
        return new PoolRule(scope, DrawOrder.EARLIEST_EXPIRY_FIRST, tieBreak, lanes, idleWindow);
    }

    public enum Scope {
        NONE,
        /** All packages of one account (Tencent Live). */
        ACCOUNT,
        /** All packages of one account in one region (Baidu EIP, Tencent VPC). */
        ACCOUNT_REGION,
        /** All packages of one account in one billing area and region (Tencent CDN {@code Area}/{@code Region}). */
        ACCOUNT_BILLING_REGION
    }

    public enum DrawOrder {
        NONE,
        EARLIEST_EXPIRY_FIRST
    }

    public enum TieBreak {
        NONE,
        /** The vendor names no tie-break. */
        UNDOCUMENTED,
        /** Earliest creation (purchase) first. */
        EARLIEST_CREATED,
        /** Earliest start of validity (activation, enable time) first. */
        EARLIEST_START
    }

    public enum Lanes {
        ONE,
        /** Full-time and idle-time (off-peak) packages are drawn in separate lanes. */
        FULL_TIME_AND_IDLE,
        /** One lane per package kind (Live traffic, transcoding, co-anchoring). */
        PER_KIND
    }

    /** A documented daily window in which idle-time packages are drawn. */
    public enum IdleWindow {
        /** 00:00-08:00 Beijing time (Baidu EIP TimeDurationPackage). */
        BEIJING_MIDNIGHT_TO_EIGHT("00:00", "08:00", "Asia/Shanghai");

        private final String start;
        private final String end;
        private final String zone;

        IdleWindow(String start, String end, String zone) {
            this.start = start;
            this.end = end;
            this.zone = zone;
        }

        /** Local HH:mm, inclusive. */
        public String start() {
            return start;
        }

        /** Local HH:mm, exclusive. */
        public String end() {
            return end;
        }

        public String zone() {
            return zone;
        }
    }
}
