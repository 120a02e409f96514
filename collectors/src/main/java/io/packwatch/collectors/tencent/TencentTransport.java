package io.packwatch.collectors.tencent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.AbstractClient;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.Retryability;
import io.packwatch.collectors.vendor.VendorCallException;
import io.packwatch.collectors.vendor.VendorJson;
import java.io.IOException;
import java.time.Clock;

/**
 * One POST/TC3 call through the SDK's {@code call()}: raw JSON in, raw JSON out, so the items keep the vendor's
 * exact field values (the typed models would turn GB amounts into Floats).
 */
public final class TencentTransport {
    static final String SERVER_SIDE_ERROR = "ServerSideError";
    static final String TRANSPORT_ERROR = "TransportError";
    static final String MALFORMED_RESPONSE = "MalformedResponse";

    private final AbstractClient client;
    private final String action;
    private final Clock clock;

    public TencentTransport(AbstractClient client, String action, Clock clock) {
        this.client = client;
        this.action = action;
        this.clock = clock;
    }

    public ApiPage call(ObjectNode request) throws VendorCallException {
        String raw;
        try {
            raw = client.call(action, request.toString());
        } catch (TencentCloudSDKException e) {
            throw translate(e);
        } catch (RuntimeException e) {
            // The SDK throws a NullPointerException for a body without "Response" (vendor-spec 8.2).
            throw new VendorCallException(MALFORMED_RESPONSE, "unusable response body (" + e.getClass().getSimpleName() + ")",
                    null, Retryability.FATAL, null);
        }
        JsonNode response;
        try {
            response = VendorJson.readPage(raw, null).path("Response");
        } catch (JsonProcessingException e) {
            throw new VendorCallException(MALFORMED_RESPONSE, "response is not valid JSON: " + e.getOriginalMessage(),
                    null, Retryability.FATAL, null);
        }
        if (!response.isObject()) {
            throw new VendorCallException(MALFORMED_RESPONSE, "response has no Response object", null, Retryability.FATAL, null);
        }
        String requestId = response.path("RequestId").asText(null);
        return new ApiPage(response, requestId, clock.instant());
    }

    private static VendorCallException translate(TencentCloudSDKException e) {
        String code = e.getErrorCode();
        String requestId = e.getRequestId() == null || e.getRequestId().isEmpty() ? null : e.getRequestId();
        if (code == null || code.isEmpty()) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                return new VendorCallException(TRANSPORT_ERROR, cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                        requestId, Retryability.RETRY, null);
            }
            if (cause != null && cause.getClass().getName().startsWith("com.google.gson")) {
                return new VendorCallException(MALFORMED_RESPONSE, "response is not valid JSON", requestId, Retryability.FATAL, null);
            }
            return new VendorCallException("ClientError", String.valueOf(e.getMessage()), requestId, Retryability.FATAL, null);
        }
        return new VendorCallException(code, e.getMessage(), requestId, TencentErrors.classify(code), null);
    }
}
