package io.packwatch.collectors.baidu;

import io.packwatch.collectors.vendor.Retryability;

/** Baidu retry rules (vendor-spec 4.6, 7): 500/502/503/504 and I/O retry, RequestExpired re-signs once, 429 slows. */
public final class BaiduErrors {
    private BaiduErrors() { }

    public static Retryability classify(int status, String code) {
        if ("RequestExpired".equals(code)) {
            return Retryability.RETRY_ONCE;
        }
        if (status == 429) {
            return Retryability.THROTTLED;
        }
        if (status == 500 || status == 502 || status == 503 || status == 504) {
            return Retryability.RETRY;
        }
        return Retryability.FATAL;
    }
}
