package io.packwatch.streams.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.packwatch.schema.PackageStatus;
import io.packwatch.streams.forecast.Observation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolCoverageTest {

    private static final long NOW = 1_000_000L;

    private static Member member(String key, long capacity, long used, long expiresAt) {
        return new Member(key, key, null, PackageStatus.ACTIVE, capacity, used, 0, 0, expiresAt, NOW);
    }

    @Test
    void aLaterMemberWithCapacityLeftCoversTheOnesBeforeIt() {
        List<Member> ordered = List.of(member("a", 10, 10, NOW + 1), member("b", 10, 2, NOW + 2), member("c", 10, 10, NOW + 3));
        assertThat(PoolCoverage.covers(ordered, "a", NOW)).isTrue();
        // what comes after b is used up; what comes before it does not cover it
        assertThat(PoolCoverage.covers(ordered, "b", NOW)).isFalse();
        assertThat(PoolCoverage.covers(ordered, "c", NOW)).isFalse();
    }

    @Test
    void anExpiredLaterMemberDoesNotCoverButOneWithoutExpiryDoes() {
        assertThat(PoolCoverage.covers(List.of(member("a", 10, 10, NOW + 1), member("b", 10, 0, NOW)), "a", NOW)).isFalse();
        assertThat(PoolCoverage.covers(List.of(member("a", 10, 10, NOW + 1), member("b", 10, 0, NOW + 1)), "a", NOW)).isTrue();
        assertThat(PoolCoverage.covers(List.of(member("a", 10, 10, NOW + 1), member("b", 10, 9, Observation.NONE)), "a", NOW))
                .isTrue();
    }

    @Test
    void aPackageThePoolDoesNotHoldIsNotCovered() {
        assertThat(PoolCoverage.covers(List.of(member("b", 10, 0, NOW + 1)), "a", NOW)).isFalse();
        assertThat(PoolCoverage.covers(List.of(), "a", NOW)).isFalse();
    }
}
