package io.packwatch.collectors.baidu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The vectors of vendor-spec 4.5, byte for byte. */
class BceV1SignerTest {
    private static final String TS = "2015-04-27T08:23:49Z";
    private final BceV1Signer official = new BceV1Signer("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 1800);

    private static Map<String, String> uploadPartQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("partNumber", "9");
        q.put("uploadId", "a44cc9bab11cbd156984767aad637851");
        return q;
    }

    private static Map<String, String> uploadPartHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "bj.bcebos.com");
        h.put("Content-Type", "text/plain");
        h.put("Content-Length", "8");
        h.put("Content-Md5", "NFzcPqhviddjRNnSOGo4rw==");
        h.put("x-bce-date", TS);
        return h;
    }

    @Test
    void officialVectorWithTheDefaultHeaderSet() {
        String auth = official.authorization("PUT", "/v1/test/myfolder/readme.txt", uploadPartQuery(), uploadPartHeaders(), TS, false);
        assertThat(auth).isEqualTo("bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800//"
                + "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e");
    }

    @Test
    void officialCanonicalRequest() {
        TreeMap<String, String> headers = new TreeMap<>();
        uploadPartHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
        assertThat(BceV1Signer.canonicalRequest("PUT", "/v1/test/myfolder/readme.txt", uploadPartQuery(), headers))
                .isEqualTo("PUT\n/v1/test/myfolder/readme.txt\npartNumber=9&uploadId=a44cc9bab11cbd156984767aad637851\n"
                        + "content-length:8\ncontent-md5:NFzcPqhviddjRNnSOGo4rw%3D%3D\ncontent-type:text%2Fplain\n"
                        + "host:bj.bcebos.com\nx-bce-date:2015-04-27T08%3A23%3A49Z");
    }

    @Test
    void officialVectorSignedWithHostAndDateOnly() {
        Map<String, String> h = Map.of("host", "bj.bcebos.com", "x-bce-date", TS);
        String auth = official.authorization("PUT", "/v1/test/myfolder/readme.txt", uploadPartQuery(), h, TS, true);
        assertThat(auth).endsWith("/1800/host;x-bce-date/1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32");
    }

    @Test
    void ourListCallVector() {
        BceV1Signer signer = new BceV1Signer("testAK", "testSecretAccessKey", 1800);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("maxKeys", "2");
        q.put("marker", "tp-87V5cnkwqO");
        String ts = "2021-08-17T08:26:52Z";
        String auth = signer.authorization("GET", "/v1/eiptp", q, Map.of("host", "eip.bj.baidubce.com", "x-bce-date", ts), ts, true);
        assertThat(auth).isEqualTo("bce-auth-v1/testAK/2021-08-17T08:26:52Z/1800/host;x-bce-date/"
                + "b408e9a846638ffa86398aa638db9e051d4370e098b4b82e545c4dea69337bf6");
    }

    @Test
    void uriEncodeKeepsOnlyUnreservedCharacters() {
        assertThat(BceV1Signer.uriEncode("a b/c~d.e_f-g:é")).isEqualTo("a%20b%2Fc~d.e_f-g%3A%C3%A9");
    }
}
