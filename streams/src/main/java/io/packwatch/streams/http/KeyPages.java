package io.packwatch.streams.http;

import io.packwatch.core.VendorApi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;

/**
 * Key-cursor paging over a store scan that is not globally ordered ({@code ?limit=N&after=<last key>}), and the filters
 * the listings share.
 */
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

    /** The answer of a listing: the first {@code limit} of {@code items} (in key order) and the cursor of the next page. */
    static Map<String, Object> page(List<Map<String, Object>> items, int limit, String keyField) {
        List<Map<String, Object>> page = items.subList(0, Math.min(limit, items.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        body.put("count", page.size());
        body.put("next", items.size() > limit ? page.get(page.size() - 1).get(keyField) : null);
        return body;
    }

    /** {@code api} (a catalogue id, on the key's first segment) and {@code account} (exact) of the request. */
    static <R> Predicate<R> apiAndAccount(ApiRequest request, Function<R, String> key, Function<R, String> account) {
        Predicate<R> p = r -> true;
        String api = request.oneOfParam("api", List.of(VendorApi.ids()));
        if (api != null) {
            p = p.and(r -> key.apply(r).startsWith(api + "/"));
        }
        String wanted = request.param("account", null);
        if (wanted != null) {
            p = p.and(r -> wanted.equals(account.apply(r)));
        }
        return p;
    }

    /** Matches everything when {@code wanted} is null (the parameter is absent). */
    static <R, T> Predicate<R> equalTo(T wanted, Function<R, T> field) {
        return wanted == null ? r -> true : r -> wanted.equals(field.apply(r));
    }
}
