package io.packwatch.collectors.tencent;

import io.packwatch.collectors.vendor.Retryability;

/** Which Tencent Cloud API 3.0 error codes are retried (vendor-spec section 7; nothing else is). */
public final class TencentErrors {
    private TencentErrors() { }

    public static Retryability classify(String code) {
        if (code == null || code.isEmpty()) {
            return Retryability.FATAL;
        }
        // CDN throttles with its own code (vendor-spec 12)
        if (code.startsWith("RequestLimitExceeded") || code.equals("UnauthorizedOperation.OperationTooOften")) {
            return Retryability.THROTTLED;
        }
        if (code.equals("AuthFailure.SignatureExpire")) {
            return Retryability.RETRY_ONCE;
        }
        if (code.startsWith("InternalError") || code.startsWith("ResourceUnavailable")
                || code.equals("FailedOperation.DescribeInstancesTrafficPackagesFailed")
                || code.equals(TencentTransport.SERVER_SIDE_ERROR) || code.equals(TencentTransport.TRANSPORT_ERROR)) {
            return Retryability.RETRY;
        }
        // AuthFailure.*, InvalidParameter*, MissingParameter, UnknownParameter, InvalidAction, UnauthorizedOperation*,
        // UnsupportedRegion, Live ResourceNotFound.* (account state), LimitExceeded (a quota), FailedOperation, ...
        return Retryability.FATAL;
    }
}
