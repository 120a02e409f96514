package io.packwatch.collectors.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.packwatch.collectors.baidu.BaiduErrors;
import io.packwatch.collectors.pacing.TokenBucket;
import io.packwatch.collectors.tencent.TencentErrors;
import io.packwatch.collectors.vendor.ApiPage;
import io.packwatch.collectors.vendor.Retryability;
import io.packwatch.collectors.vendor.VendorCallException;
import io.packwatch.collectors.vendor.VendorJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PacedRetryingCallerTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final TokenBucket bucket = new TokenBucket(1000, () -> 0L, nanos -> { });
    private final PacedRetryingCaller caller = new PacedRetryingCaller(bucket, 4,
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(800), () -> 1.0), sleeps::add, stopping::get, CallOutcomeListener.NONE);

    private static ApiPage ok() {
        return new ApiPage(VendorJson.MAPPER.createObjectNode(), "req-ok", Instant.EPOCH);
    }

    private static VendorCallException error(String code, Retryability r) {
        return new VendorCallException(code, code, "req-" + code, r, null);
    }

    /** Plays a script of failures, then succeeds. */
    private static final class Script implements io.packwatch.collectors.vendor.VendorCall {
        final Deque<VendorCallException> failures = new ArrayDeque<>();
        int calls;

        Script fail(VendorCallException e, int times) {
            for (int i = 0; i < times; i++) {
                failures.add(e);
            }
            return this;
        }

        @Override
        public ApiPage execute() throws VendorCallException {
            calls++;
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return ok();
        }
    }

    @Test
    void retryableErrorsBackOffExponentiallyUpToMaxAttempts() throws Exception {
        Script s = new Script().fail(error("InternalError", Retryability.RETRY), 3);
        assertThat(caller.call(s).requestId()).isEqualTo("req-ok");
        assertThat(s.calls).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));

        Script never = new Script().fail(error("InternalError", Retryability.RETRY), 10);
        assertThatThrownBy(() -> caller.call(never)).isInstanceOf(VendorCallException.class);
        assertThat(never.calls).isEqualTo(4);
    }

    @Test
    void fatalErrorsAreNotRetried() {
        Script s = new Script().fail(error("AuthFailure.SignatureFailure", Retryability.FATAL), 1);
        assertThatThrownBy(() -> caller.call(s)).isInstanceOfSatisfying(VendorCallException.class,
                e -> assertThat(e.requestId()).isEqualTo("req-AuthFailure.SignatureFailure"));
        assertThat(s.calls).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void expiredSignaturesGetExactlyOneFreshAttempt() throws Exception {
        Script once = new Script().fail(error("AuthFailure.SignatureExpire", Retryability.RETRY_ONCE), 1);
        caller.call(once);
        assertThat(once.calls).isEqualTo(2);
        Script twice = new Script().fail(error("AuthFailure.SignatureExpire", Retryability.RETRY_ONCE), 2);
        assertThatThrownBy(() -> caller.call(twice)).isInstanceOf(VendorCallException.class);
        assertThat(twice.calls).isEqualTo(2);
    }

    @Test
    void throttlesSlowTheBucketAndGetALargerBudget() throws Exception {
        Script s = new Script().fail(error("RequestLimitExceeded", Retryability.THROTTLED), 8);
        caller.call(s);
        assertThat(s.calls).isEqualTo(9);
        assertThat(bucket.currentRate()).isLessThan(1000);
    }

    @Test
    void stoppingEndsTheLoop() {
        stopping.set(true);
        assertThatThrownBy(() -> caller.call(new Script())).isInstanceOf(PacedRetryingCaller.StoppedException.class);
    }

    @Test
    void vendorSpecSectionSevenClassification() {
        assertThat(TencentErrors.classify("RequestLimitExceeded.UinLimitExceeded")).isEqualTo(Retryability.THROTTLED);
        assertThat(TencentErrors.classify("InternalError.DBError")).isEqualTo(Retryability.RETRY);
        assertThat(TencentErrors.classify("ResourceUnavailable")).isEqualTo(Retryability.RETRY);
        assertThat(TencentErrors.classify("FailedOperation.DescribeInstancesTrafficPackagesFailed")).isEqualTo(Retryability.RETRY);
        assertThat(TencentErrors.classify("ServerSideError")).isEqualTo(Retryability.RETRY);
        assertThat(TencentErrors.classify("AuthFailure.SignatureExpire")).isEqualTo(Retryability.RETRY_ONCE);
        for (String fatal : List.of("AuthFailure.SecretIdNotFound", "InvalidParameterValue", "MissingParameter", "UnknownParameter",
                "InvalidAction", "UnauthorizedOperation.NoPermission", "UnsupportedRegion", "ResourceNotFound.StopService",
                "LimitExceeded")) {
            assertThat(TencentErrors.classify(fatal)).as(fatal).isEqualTo(Retryability.FATAL);
        }
        assertThat(BaiduErrors.classify(500, "InternalError")).isEqualTo(Retryability.RETRY);
        assertThat(BaiduErrors.classify(503, "HTTP503")).isEqualTo(Retryability.RETRY);
        assertThat(BaiduErrors.classify(400, "RequestExpired")).isEqualTo(Retryability.RETRY_ONCE);
        assertThat(BaiduErrors.classify(429, "RequestLimitExceeded")).isEqualTo(Retryability.THROTTLED);
        assertThat(BaiduErrors.classify(403, "AccessDenied")).isEqualTo(Retryability.FATAL);
        assertThat(BaiduErrors.classify(400, "SignatureDoesNotMatch")).isEqualTo(Retryability.FATAL);
    }
}
