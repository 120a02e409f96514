package io.packwatch.streams.dlq;

import io.packwatch.core.VendorApi;

/**
 * The vendor API a topic carries, from the raw topic naming rule {@code <prefix>.raw.<api>}; {@code unknown} for
 * other topics. Works from the topic name alone because the exception handlers see nothing else.
 */
public final class VendorOfTopic {
    private VendorOfTopic() {
    }

    public static String of(String topic) {
        if (topic != null) {
            for (VendorApi api : VendorApi.values()) {
                if (topic.endsWith(".raw." + api.id())) {
                    return api.id();
                }
            }
        }
        return DeadLetter.UNKNOWN_VENDOR;
    }
}
