package io.packwatch.collectors.vendor;

/** How the retry loop treats a failed call (vendor-spec section 7). */
public enum Retryability {
    /** Back off and try again (5xx, I/O, timeouts, InternalError, ...). */
    RETRY,
    /** Rate limited: back off, try again, and slow the account's bucket down. */
    THROTTLED,
    /** Re-sign with a fresh timestamp and try once more (SignatureExpire / RequestExpired). */
    RETRY_ONCE,
    /** Never retried in a loop: reported once per cycle (auth, permissions, bad parameters, account state). */
    FATAL
}
