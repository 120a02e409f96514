package io.packwatch.simulators.baidu;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bce-auth-v1 (vendor-spec 4.5). Hand-written: the SDK's BceV1Signer works on its own request type only, and a
 * server must canonicalise what it received. The official vector and our own pin it (BceSignerTest).
 */
public final class BceSigner {
    private static final HexFormat HEX = HexFormat.of();

    private BceSigner() { }

    public static String authStringPrefix(String ak, String timestamp, int expirationSeconds) {
        return "bce-auth-v1/" + ak + "/" + timestamp + "/" + expirationSeconds;
    }

    public static String signingKey(String sk, String authStringPrefix) {
        return HEX.formatHex(hmac(sk.getBytes(StandardCharsets.UTF_8), authStringPrefix));
    }

    /**
     * @param query   decoded query parameters (name → value, "" for no value)
     * @param headers the headers to sign, name → value as received
     */
    public static String canonicalRequest(String method, String path, Map<String, String> query, Map<String, String> headers) {
        List<String> q = new ArrayList<>();
        query.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("authorization")) q.add(uriEncode(k, true) + "=" + uriEncode(v, true));
        });
        q.sort(null);
        List<String> h = new ArrayList<>();
        headers.forEach((k, v) -> h.add(uriEncode(k.trim().toLowerCase(Locale.ROOT), true) + ":" + uriEncode(v.trim(), true)));
        h.sort(null);
        return method + "\n" + uriEncode(path, false) + "\n" + String.join("&", q) + "\n" + String.join("\n", h);
    }

    public static String signature(String signingKey, String canonicalRequest) {
        return HEX.formatHex(hmac(signingKey.getBytes(StandardCharsets.UTF_8), canonicalRequest));
    }

    /** A complete Authorization value, for clients such as the benchmark. */
    public static String authorization(String ak, String sk, String timestamp, int expiration, String method, String path,
                                       Map<String, String> query, Map<String, String> headers) {
        String prefix = authStringPrefix(ak, timestamp, expiration);
        String names = String.join(";", headers.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList());
        return prefix + "/" + names + "/" + signature(signingKey(sk, prefix), canonicalRequest(method, path, query, headers));
    }

    /** RFC 3986 unreserved characters stay, every other UTF-8 byte becomes %XX (upper case); '/' kept in paths. */
    public static String uriEncode(String s, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~'
                    || (c == '/' && !encodeSlash)) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    private static byte[] hmac(byte[] key, String msg) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
