package io.packwatch.streams.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;

/** Key-cursor paging over a store scan that is not globally ordered ({@code ?limit=N&after=<last key>}). */
final class KeyPages {

    private KeyPages() {
    }

    /**
     * The {@code limit + 1} smallest matching keys after {@code after} that {@code scan} yields (the extra one tells
     * whether a next page exists): a bounded top-k over a full scan, O(n log limit) time, O(limit) memory.
     */
    static <V> List<KeyValue<String, V>> smallestAfter(Consumer<BiConsumer<String, V>> scan, String after, int limit,
                                                      Predicate<V> filter) {
        Comparator<KeyValue<String, V>> byKey = Comparator.comparing(kv -> kv.key);
        PriorityQueue<KeyValue<String, V>> largestFirst = new PriorityQueue<>(byKey.reversed());
        scan.accept((key, value) -> {
            if ((after != null && key.compareTo(after) <= 0) || !filter.test(value)) {
                return;
            }
            largestFirst.add(KeyValue.pair(key, value));
            if (largestFirst.size() > limit + 1) {
                largestFirst.poll();
            }
        });
        List<KeyValue<String, V>> out = new ArrayList<>(largestFirst);
        out.sort(byKey);
        return out;
    }
}
