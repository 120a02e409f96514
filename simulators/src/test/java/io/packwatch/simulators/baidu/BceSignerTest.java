package io.packwatch.simulators.baidu;

import io.packwatch.simulators.scenario.Account;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official bce-auth-v1 vector and our own (vendor-spec 4.5), through the signer and the verifier. */
class BceSignerTest {
    private static Map<String, String> bosHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("host", "bj.bcebos.com");
        h.put("content-type", "text/plain");
        h.put("content-length", "8");
        h.put("content-md5", "NFzcPqhviddjRNnSOGo4rw==");
        h.put("x-bce-date", "2015-04-27T08:23:49Z");
        return h;
    }

    private static Map<String, String> bosQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("partNumber", "9");
        q.put("uploadId", "a44cc9bab11cbd156984767aad637851");
        return q;
    }

    @Test
    void officialVectorDefaultHeaderSet() {
        String prefix = BceSigner.authStringPrefix("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "2015-04-27T08:23:49Z", 1800);
        String key = BceSigner.signingKey("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", prefix);
        assertThat(key).isEqualTo("1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479");
        String canonical = BceSigner.canonicalRequest("PUT", "/v1/test/myfolder/readme.txt", bosQuery(), bosHeaders());
        assertThat(canonical).isEqualTo("PUT\n/v1/test/myfolder/readme.txt\npartNumber=9&uploadId=a44cc9bab11cbd156984767aad637851\n"
                + "content-length:8\ncontent-md5:NFzcPqhviddjRNnSOGo4rw%3D%3D\ncontent-type:text%2Fplain\nhost:bj.bcebos.com\n"
                + "x-bce-date:2015-04-27T08%3A23%3A49Z");
        assertThat(BceSigner.signature(key, canonical)).isEqualTo("d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e");

        Map<String, String> two = new LinkedHashMap<>();
        two.put("host", "bj.bcebos.com");
        two.put("x-bce-date", "2015-04-27T08:23:49Z");
        assertThat(BceSigner.signature(key, BceSigner.canonicalRequest("PUT", "/v1/test/myfolder/readme.txt", bosQuery(), two)))
                .isEqualTo("1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32");
    }

    @Test
    void verifierAcceptsTheEmptySignedHeadersFormAndRejectsTampering() {
        Account acct = new Account("b", Account.Vendor.BAIDU, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 0, 0, "", Map.of(), List.of());
        Map<String, String> h = bosHeaders();
        h.put("authorization", "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800//d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e");
        h.put("user-agent", "not signed");
        BceVerifier v = new BceVerifier(ak -> ak.equals(acct.keyId()) ? acct : null, Clock.fixed(Instant.parse("2015-04-27T08:40:00Z"), ZoneOffset.UTC));
        assertThat(v.verify("PUT", "/v1/test/myfolder/readme.txt", bosQuery(), h)).isSameAs(acct);

        h.put("content-md5", "tampered");
        assertThatThrownBy(() -> v.verify("PUT", "/v1/test/myfolder/readme.txt", bosQuery(), h))
                .isInstanceOfSatisfying(BaiduError.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));

        Map<String, String> fresh = bosHeaders();
        fresh.put("authorization", "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800/host;x-bce-date/1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32");
        assertThat(v.verify("PUT", "/v1/test/myfolder/readme.txt", bosQuery(), fresh)).isSameAs(acct);
        BceVerifier late = new BceVerifier(ak -> acct, Clock.fixed(Instant.parse("2015-04-27T08:53:50Z"), ZoneOffset.UTC));
        assertThatThrownBy(() -> late.verify("PUT", "/v1/test/myfolder/readme.txt", bosQuery(), fresh))
                .isInstanceOfSatisfying(BaiduError.class, e -> {
                    assertThat(e.code()).isEqualTo("RequestExpired");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void ownListVector() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("maxKeys", "2");
        q.put("marker", "tp-87V5cnkwqO");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("host", "eip.bj.baidubce.com");
        h.put("x-bce-date", "2021-08-17T08:26:52Z");
        String prefix = BceSigner.authStringPrefix("testAK", "2021-08-17T08:26:52Z", 1800);
        assertThat(BceSigner.signingKey("testSecretAccessKey", prefix)).isEqualTo("78fa0bf3de7974b2a80807217f7b6888ab50dbb9a5782e7f6ceceb061f4fd689");
        assertThat(BceSigner.canonicalRequest("GET", "/v1/eiptp", q, h))
                .isEqualTo("GET\n/v1/eiptp\nmarker=tp-87V5cnkwqO&maxKeys=2\nhost:eip.bj.baidubce.com\nx-bce-date:2021-08-17T08%3A26%3A52Z");
        assertThat(BceSigner.authorization("testAK", "testSecretAccessKey", "2021-08-17T08:26:52Z", 1800, "GET", "/v1/eiptp", q, h))
                .isEqualTo("bce-auth-v1/testAK/2021-08-17T08:26:52Z/1800/host;x-bce-date/b408e9a846638ffa86398aa638db9e051d4370e098b4b82e545c4dea69337bf6");
    }

    @Test
    void malformedHeaderAndUnknownKey() {
        BceVerifier v = new BceVerifier(ak -> null, Clock.systemUTC());
        assertThatThrownBy(() -> v.verify("GET", "/v1/eiptp", Map.of(), Map.of("authorization", "Bearer x")))
                .isInstanceOfSatisfying(BaiduError.class, e -> assertThat(e.code()).isEqualTo("InvalidHTTPAuthHeader"));
        assertThatThrownBy(() -> v.verify("GET", "/v1/eiptp", Map.of(), Map.of("authorization", "bce-auth-v1/ak/2021-08-17T08:26:52Z/1800//abc")))
                .isInstanceOfSatisfying(BaiduError.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidAccessKeyId");
                    assertThat(e.status()).isEqualTo(403);
                });
    }
}
