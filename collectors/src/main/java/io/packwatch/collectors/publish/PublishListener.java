package io.packwatch.collectors.publish;

/** Told about publishing trouble, for metrics. */
public interface PublishListener {
    void onSendFailure(String reason);

    PublishListener NONE = reason -> { };
}
