package io.packwatch.notifier.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The request signatures of the DingTalk and Feishu/Lark custom robots (from their public docs). */
public final class Signatures {
    private Signatures() {
    }

    /** DingTalk: URL-encode(Base64(HmacSHA256(key = secret, message = timestampMs + "\n" + secret))). */
    public static String dingTalk(String secret, long timestampMs) {
        String base64 = Base64.getEncoder().encodeToString(hmacSha256(secret, timestampMs + "\n" + secret));
        return URLEncoder.encode(base64, StandardCharsets.UTF_8);
    }

    /** Feishu/Lark: Base64(HmacSHA256(key = timestampSeconds + "\n" + secret, message = empty)). */
    public static String feishu(String secret, long timestampSeconds) {
        return Base64.getEncoder().encodeToString(hmacSha256(timestampSeconds + "\n" + secret, ""));
    }

    private static byte[] hmacSha256(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every JRE; the key never appears in the message.
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getClass().getSimpleName());
        }
    }
}
