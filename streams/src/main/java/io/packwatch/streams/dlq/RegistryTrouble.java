package io.packwatch.streams.dlq;

import io.packwatch.core.registry.SchemaRegistryException;
import java.io.IOException;

/**
 * Whether a failure came from talking to the schema registry (unreachable, timeout, 5xx, or a refused registration
 * such as the 409 two instances can get when they register a new subject at the same moment). Such failures say
 * nothing about the record, so the handlers fail the task (it is retried on a replaced thread) instead of
 * dead-lettering good data. A schema that is really incompatible keeps failing and ends, through the uncaught
 * exception policy, in a client shutdown: a deployment problem, surfaced loudly.
 */
final class RegistryTrouble {
    private RegistryTrouble() {
    }

    static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
