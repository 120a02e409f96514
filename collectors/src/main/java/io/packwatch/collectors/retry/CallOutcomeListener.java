package io.packwatch.collectors.retry;

/** Told about every attempt, for metrics and logs. */
public interface CallOutcomeListener {
    void onAttempt(String outcome, String code);

    void onRetry(String code);

    void onThrottled();

    CallOutcomeListener NONE = new CallOutcomeListener() {
        @Override public void onAttempt(String outcome, String code) { }
        @Override public void onRetry(String code) { }
        @Override public void onThrottled() { }
    };
}
