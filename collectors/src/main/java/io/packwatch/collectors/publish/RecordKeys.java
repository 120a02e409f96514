package io.packwatch.collectors.publish;

/** Record keys of the raw topics (the contract in raw-envelope.schema.json). */
public final class RecordKeys {
    private RecordKeys() { }

    /** api/account/region/packageId; Lighthouse api/account/region/instanceId/packageId; Live region "-". */
    public static String packageKey(PollContext ctx, String instanceId, String packageId) {
        String base = ctx.api().id() + "/" + ctx.account() + "/" + ctx.keyRegion() + "/";
        return instanceId == null ? base + packageId : base + instanceId + "/" + packageId;
    }

    /** api/account/region for the poll-cycle summary. */
    public static String summaryKey(PollContext ctx) {
        return ctx.api().id() + "/" + ctx.account() + "/" + ctx.keyRegion();
    }
}
