package io.packwatch.simulators.tencent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * TC3-HMAC-SHA256 (vendor-spec 1.4). Hand-written on javax.crypto: the vendor SDK's signer is not a public API and
 * a server has to recompute signatures from received headers anyway; the official vectors pin it (Tc3SignerTest).
 */
public final class Tc3Signer {
    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private Tc3Signer() { }

    /** UTC calendar date of a Unix timestamp, as used in the credential scope. */
    public static String date(long timestamp) { return DATE.format(Instant.ofEpochSecond(timestamp)); }

    /**
     * @param headers signed header name → value as sent (names in any case); canonicalised here
     */
    public static String canonicalRequest(String method, String canonicalQuery, Map<String, String> headers, String payloadHash) {
        TreeMap<String, String> sorted = new TreeMap<>();
        headers.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), v.trim().toLowerCase(Locale.ROOT)));
        StringBuilder sb = new StringBuilder(method).append("\n/\n").append(canonicalQuery).append('\n');
        sorted.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        sb.append('\n').append(String.join(";", sorted.keySet())).append('\n').append(payloadHash);
        return sb.toString();
    }

    public static String stringToSign(long timestamp, String date, String service, String canonicalRequest) {
        return ALGORITHM + "\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] signingKey(String secretKey, String date, String service) {
        byte[] kDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kService = hmac(kDate, service);
        return hmac(kService, "tc3_request");
    }

    public static String signature(String secretKey, String date, String service, String stringToSign) {
        return HEX.formatHex(hmac(signingKey(secretKey, date, service), stringToSign));
    }

    /** A complete Authorization header value for a POST, for clients such as the benchmark. */
    public static String authorization(String secretId, String secretKey, String service, long timestamp,
                                       Map<String, String> signedHeaders, byte[] payload) {
        String date = date(timestamp);
        String canonical = canonicalRequest("POST", "", signedHeaders, sha256Hex(payload));
        String sig = signature(secretKey, date, service, stringToSign(timestamp, date, service, canonical));
        String names = String.join(";", new TreeMap<>(lowerKeys(signedHeaders)).keySet());
        return ALGORITHM + " Credential=" + secretId + "/" + date + "/" + service + "/tc3_request, SignedHeaders=" + names
                + ", Signature=" + sig;
    }

    private static Map<String, String> lowerKeys(Map<String, String> m) {
        TreeMap<String, String> t = new TreeMap<>();
        m.forEach((k, v) -> t.put(k.toLowerCase(Locale.ROOT), v));
        return t;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String msg) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
