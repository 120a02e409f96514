package io.packwatch.collectors.vendor;

/**
 * A failed vendor call with the vendor's own error code and request id. The message is built from the vendor's
 * error text and never contains credentials (the SDK and our signer never put them in messages).
 */
public class VendorCallException extends Exception {
    private final String code;
    private final String requestId;
    private final Retryability retryability;

    public VendorCallException(String code, String message, String requestId, Retryability retryability, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.requestId = requestId;
        this.retryability = retryability;
    }

    public String code() { return code; }
    public String requestId() { return requestId; }
    public Retryability retryability() { return retryability; }
}
