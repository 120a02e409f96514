package io.packwatch.streams.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@code GET /packages/{key}} returns besides the latest snapshot. Contributors run on the instance that owns
 * the key (the request is routed there first) and add top-level entries, e.g. {@code state} and {@code alerts}.
 */
public final class PackageDetails {
    @FunctionalInterface
    public interface Contributor {
        /** Entries to add for {@code packageKey}; an empty map adds nothing. */
        Map<String, Object> details(String packageKey) throws Exception;
    }

    private final List<Contributor> contributors = new CopyOnWriteArrayList<>();

    public void add(Contributor contributor) {
        contributors.add(contributor);
    }

    List<Contributor> contributors() {
        return contributors;
    }
}
