package io.packwatch.collectors.paging;

/** A page that parsed as JSON but lacks what the pagination needs (e.g. no TrafficPackageSet array). */
public class MalformedPageException extends Exception {
    private final String requestId;

    public MalformedPageException(String message, String requestId) {
        super(message);
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }
}
