package io.packwatch.simulators.tencent;

import io.packwatch.simulators.scenario.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official TC3 vectors and our own (vendor-spec 1.4), through the signer and the verifier. */
class Tc3SignerTest {
    private static final String CT = "application/json; charset=utf-8";
    private static final String CVM_PAYLOAD = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}";

    @Test
    void officialVectorOlderRevision() {
        assertThat(Tc3Signer.sha256Hex(CVM_PAYLOAD.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", CT);
        h.put("Host", "cvm.tencentcloudapi.com");
        String canonical = Tc3Signer.canonicalRequest("POST", "", h, Tc3Signer.sha256Hex(CVM_PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        assertThat(Tc3Signer.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        String sts = Tc3Signer.stringToSign(1551113065, "2019-02-25", "cvm", canonical);
        assertThat(Tc3Signer.signature("Gu5t9xGARNpq86cd98joQYCN3*******", "2019-02-25", "cvm", sts))
                .isEqualTo("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c");
    }

    @Test
    void officialVectorCurrentRevisionWithAction() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", CT);
        h.put("host", "cvm.tencentcloudapi.com");
        h.put("x-tc-action", "DescribeInstances");
        String canonical = Tc3Signer.canonicalRequest("POST", "", h, Tc3Signer.sha256Hex(CVM_PAYLOAD.getBytes(StandardCharsets.UTF_8)));
        assertThat(canonical).contains("x-tc-action:describeinstances\n");
        assertThat(Tc3Signer.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        String key = "*".repeat(32);
        assertThat(HexFormat.of().formatHex(Tc3Signer.signingKey(key, "2019-02-25", "cvm")))
                .isEqualTo("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af");
        assertThat(Tc3Signer.signature(key, "2019-02-25", "cvm", Tc3Signer.stringToSign(1551113065, "2019-02-25", "cvm", canonical)))
                .isEqualTo("10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    }

    @ParameterizedTest(name = "{0} {3}")
    @CsvSource(delimiter = '|', value = {
        "vpc | {\"Limit\":100,\"Offset\":0} | | 60b39276a12816b70a43efef5f852b90346ed94edab47eb6e3a64cd4522b2b14",
        "vpc | {\"Limit\":100,\"Offset\":0} | DescribeTrafficPackages | 793117745a3437d6d31159471d2796135e7304ff67ecdb556b0e372ee87bdf66",
        "lighthouse | {\"Limit\":100,\"Offset\":0} | | 91275075cb21ead965a3498d98473bd5efef217b7d6f5738c0203e3650e3aef5",
        "lighthouse | {\"Limit\":100,\"Offset\":0} | DescribeInstancesTrafficPackages | b994e29f9a11e9b9c4cd55a11ff79b778c7dd2040f54e3df32e9cc312d55995a",
        "live | {\"PackageType\":0,\"PageNum\":1,\"PageSize\":100} | | 8096029158ffcc7375075f7bb73c2fda0b855fbfdc3acb8a3c9f6cb43a9e0080",
        "live | {\"PackageType\":0,\"PageNum\":1,\"PageSize\":100} | DescribeLivePackageInfo | 625bf200867bf7387df4c5be6e91eb6f09ed304917042e287c57434dd0ff1e24",
    })
    void ownVectorsVerify(String service, String body, String action, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", CT);
        h.put("host", service + ".tencentcloudapi.com");
        if (action != null) h.put("x-tc-action", action);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String auth = Tc3Signer.authorization("AKIDtest", "testSecretKey", service, 1700000000, h, payload);
        assertThat(auth).endsWith("Signature=" + signature);

        Account acct = new Account("a", Account.Vendor.TENCENT, "AKIDtest", "testSecretKey", 0, 0, "", Map.of(), List.of());
        Tc3Verifier v = new Tc3Verifier(id -> id.equals("AKIDtest") ? acct : null, Clock.fixed(Instant.ofEpochSecond(1700000100), ZoneOffset.UTC));
        Map<String, String> received = new LinkedHashMap<>();
        h.forEach((k, val) -> received.put(k.toLowerCase(), val));
        received.put("authorization", auth);
        received.put("x-tc-timestamp", "1700000000");
        assertThat(v.verify("POST", null, n -> received.get(n.toLowerCase()), payload).service()).isEqualTo(service);
        byte[] tampered = body.replace("100", "101").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> v.verify("POST", null, n -> received.get(n.toLowerCase()), tampered))
                .isInstanceOfSatisfying(TencentError.class, e -> assertThat(e.code()).isEqualTo("AuthFailure.SignatureFailure"));
        Tc3Verifier late = new Tc3Verifier(id -> acct, Clock.fixed(Instant.ofEpochSecond(1700000301), ZoneOffset.UTC));
        assertThatThrownBy(() -> late.verify("POST", null, n -> received.get(n.toLowerCase()), payload))
                .isInstanceOfSatisfying(TencentError.class, e -> assertThat(e.code()).isEqualTo("AuthFailure.SignatureExpire"));
    }

    @Test
    void utcDateNotBeijingDate() {
        // 2019-02-25T16:30:00Z is already the 26th in Beijing; the scope date stays the UTC date.
        assertThat(Tc3Signer.date(Instant.parse("2019-02-25T16:30:00Z").getEpochSecond())).isEqualTo("2019-02-25");
    }
}
