package io.packwatch.streams.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.packwatch.streams.StreamsSettings;
import io.packwatch.streams.http.ApiExtension;
import io.packwatch.streams.http.ApiRequest;
import io.packwatch.streams.http.ApiResponse;
import io.packwatch.streams.http.BadParameter;
import io.packwatch.streams.http.HttpApi;
import io.packwatch.streams.http.PackageDetails;
import io.packwatch.streams.http.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Adds {@code GET /alerts?state=FIRING} (active alerts of every instance, merged) and the {@code state} and
 * {@code alerts} entries of {@code GET /packages/{key}} (answered on the key's owner, where the routing sends it).
 * Found by the app through {@code META-INF/services/io.packwatch.streams.http.ApiExtension}.
 */
public final class StateApiExtension implements ApiExtension {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Override
    public void register(Router router, PackageDetails details, KafkaStreams streams, StreamsSettings settings) {
        HostInfo self = HostInfo.buildFromEndpoint(settings.kafka().get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        details.add(key -> AlertQueries.details(store(streams, PackageStore.NAME), key));
        router.add("GET", "/alerts/?", request -> alerts(request, streams, self));
    }

    private ApiResponse alerts(ApiRequest request, KafkaStreams streams, HostInfo self) throws Exception {
        String state = request.param("state", "FIRING");
        if (!"FIRING".equalsIgnoreCase(state)) {
            throw new BadParameter("state", state, "FIRING (only active alerts are kept; resolved ones are on the alert topics)");
        }
        List<Map<String, Object>> items;
        try {
            items = new ArrayList<>(AlertQueries.firing(store(streams, PackageStore.NAME), request.query()));
        } catch (InvalidStateStoreException e) {
            return ApiResponse.error(503, "alert store not queryable right now (" + e.getClass().getSimpleName() + "); retry");
        }
        if (!"local".equals(request.param("scope", "all")) && !request.forwarded()) {
            for (StreamsMetadata m : streams.streamsMetadataForStore(PackageStore.NAME)) {
                if (m.hostInfo().equals(self)) {
                    continue;
                }
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + m.hostInfo().host()
                                + ":" + m.hostInfo().port() + "/alerts?" + query(request.query())))
                        .timeout(TIMEOUT).header(HttpApi.FORWARDED_HEADER, "1").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() != 200) {
                    return ApiResponse.error(503, "instance " + m.hostInfo() + " answered " + answer.statusCode() + "; retry");
                }
                for (JsonNode item : JSON.readTree(answer.body()).get("items")) {
                    items.add(JSON.convertValue(item, Map.class));
                }
            }
        }
        items.sort(Comparator.comparing(m -> (String) m.get("alertKey")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("count", items.size());
        return ApiResponse.ok(body);
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private static String query(Map<String, String> query) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("scope", "local");
        StringBuilder sb = new StringBuilder();
        q.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

}
