package io.packwatch.notifier.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Alertmanager's webhook payload, version 4 (the fields the bridge uses). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(String version, String receiver, String status, List<Alert> alerts,
                                  Map<String, String> groupLabels, Map<String, String> commonLabels,
                                  Map<String, String> commonAnnotations, String externalURL, String groupKey,
                                  int truncatedAlerts) {

    /** Bodies are a few KB; Alertmanager's max_alerts bounds them. Anything larger is refused unread. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(64 * 1024).maxNumberLength(32).build());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                        String endsAt, String generatorURL, String fingerprint) {
        public Alert {
            labels = labels == null ? Map.of() : labels;
            annotations = annotations == null ? Map.of() : annotations;
        }

        public boolean firing() {
            return "firing".equals(status);
        }
    }

    public AlertmanagerWebhook {
        alerts = alerts == null ? List.of() : alerts;
        groupLabels = groupLabels == null ? Map.of() : groupLabels;
        commonLabels = commonLabels == null ? Map.of() : commonLabels;
        commonAnnotations = commonAnnotations == null ? Map.of() : commonAnnotations;
    }

    /** Parses a webhook body; the exception message names what is wrong (never echoes the body). */
    public static AlertmanagerWebhook parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("webhook body larger than " + MAX_BODY_BYTES + " bytes");
        }
        AlertmanagerWebhook hook;
        try {
            hook = JSON.readValue(body, AlertmanagerWebhook.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body is not an Alertmanager v4 payload: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read webhook body: " + e.getMessage());
        }
        if (hook == null || hook.receiver() == null) {
            throw new IllegalArgumentException("webhook body has no 'receiver'");
        }
        if (hook.version() != null && !"4".equals(hook.version())) {
            throw new IllegalArgumentException("webhook payload version '" + hook.version() + "', expected '4'");
        }
        return hook;
    }
}
