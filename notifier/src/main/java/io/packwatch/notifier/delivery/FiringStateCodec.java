package io.packwatch.notifier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.packwatch.notifier.alertmanager.AmAlert;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The value format of the notifier's compacted state topic: one JSON document per firing alert (key = alert key),
 * a tombstone once it resolved. JSON rather than Avro because it is the notifier's private bookkeeping, in the shape
 * it is sent to Alertmanager, read by nobody else; the {@code v} field leaves room to change it.
 */
final class FiringStateCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A state value is a few hundred bytes; anything far larger is not ours and is not parsed. */
    static final int MAX_VALUE_BYTES = 64 * 1024;

    private FiringStateCodec() {
    }

    static byte[] encode(FiringAlert firing) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("topic", firing.sourceTopic());
        node.put("partition", firing.sourcePartition());
        AmAlert alert = firing.alert();
        alert.labels().forEach(node.putObject("labels")::put);
        alert.annotations().forEach(node.putObject("annotations")::put);
        node.put("startsAt", alert.startsAt().toString());
        node.put("generatorURL", alert.generatorUrl());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode firing state", e);
        }
    }

    /** The firing alert, or empty with nothing thrown when the value is not a state document of version 1. */
    static Optional<FiringAlert> decode(String alertKey, byte[] value) {
        if (value == null || value.length > MAX_VALUE_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || node.path("v").asInt() != 1) {
                return Optional.empty();
            }
            TreeMap<String, String> labels = new TreeMap<>();
            node.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            TreeMap<String, String> annotations = new TreeMap<>();
            node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
            Instant startsAt = Instant.parse(node.path("startsAt").asText());
            AmAlert alert = new AmAlert(labels, annotations, startsAt, startsAt, node.path("generatorURL").asText());
            return Optional.of(new FiringAlert(alertKey, node.path("topic").asText(), node.path("partition").asInt(), alert));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
