package io.packwatch.notifier.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fixed vectors computed outside Java (Python's hmac and OpenSSL), so the test does not check the code against itself:
 * <pre>
 * printf '%s' "1733212800000
 * SEC5d1c4b8a2e7f" | openssl dgst -sha256 -hmac 'SEC5d1c4b8a2e7f' -binary | base64
 * python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b'1733212800\nfs-secret-9QmZ', b'',
 *     hashlib.sha256).digest()).decode())"
 * </pre>
 */
class SignaturesTest {

    @Test
    void dingTalkSignsTimestampNewlineSecretWithTheSecretAndUrlEncodes() {
        assertThat(Signatures.dingTalk("SEC5d1c4b8a2e7f", 1733212800000L))
                .isEqualTo("gQ8klRvmGcA3QPdyjRv%2BzptNtGbFUhIDeg2rpLclMwE%3D");
    }

    @Test
    void feishuSignsAnEmptyMessageWithTimestampNewlineSecretAsTheKey() {
        assertThat(Signatures.feishu("fs-secret-9QmZ", 1733212800L)).isEqualTo("9+0Eo4HDjosJyU0mg2aYZS3cKMY0LPh9FWfs/k1JZhw=");
    }
}
