package io.packwatch.simulators.tencent;

import io.packwatch.simulators.scenario.Account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a TC3-HMAC-SHA256 request the way Tencent documents it. The service comes from the Credential= scope, so
 * any endpoint form verifies (loopback IP → service "127", rootDomain → "vpc"...). When the received Host does not
 * verify, the product host {@code <service>.tencentcloudapi.com} is tried too: that is how the SDK signs with
 * {@code setApigwEndpoint} (vendor-spec 8.3 variant 2).
 */
public final class Tc3Verifier {
    private static final Pattern AUTH = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([^/]+)/tc3_request, ?SignedHeaders=([a-z0-9;\\-]+), ?Signature=([0-9a-f]{64})");
    static final long MAX_SKEW_SECONDS = 300;

    /** The verified caller. */
    public record Caller(Account account, String service) { }

    private final Function<String, Account> accountsById;
    private final Clock clock;

    public Tc3Verifier(Function<String, Account> accountsById, Clock clock) {
        this.accountsById = accountsById;
        this.clock = clock;
    }

    /**
     * @param header case-insensitive header lookup (first value or null)
     */
    public Caller verify(String method, String rawQuery, UnaryOperator<String> header, byte[] body) {
        String auth = header.apply("Authorization");
        if (auth == null || auth.isBlank()) throw new TencentError("AuthFailure.InvalidAuthorization", "Authorization header is missing.");
        Matcher m = AUTH.matcher(auth.trim());
        if (!m.matches()) throw new TencentError("AuthFailure.InvalidAuthorization", "Authorization header is not a valid TC3-HMAC-SHA256 header.");
        String secretId = m.group(1);
        String date = m.group(2);
        String service = m.group(3);
        String signedHeaders = m.group(4);
        String signature = m.group(5);
        String tsText = header.apply("X-TC-Timestamp");
        if (tsText == null) throw new TencentError("MissingParameter", "The request is missing a required parameter `X-TC-Timestamp`.");
        long ts;
        try {
            ts = Long.parseLong(tsText.trim());
        } catch (NumberFormatException e) {
            throw new TencentError("InvalidParameterValue", "X-TC-Timestamp is not a Unix timestamp.");
        }
        Account account = accountsById.apply(secretId);
        if (account == null || account.vendor() != Account.Vendor.TENCENT) {
            throw new TencentError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > MAX_SKEW_SECONDS) {
            throw new TencentError("AuthFailure.SignatureExpire", "Signature expired. Timestamp is " + ts + ", server time is " + now
                    + "; the difference must be within 5 minutes.");
        }
        if (!date.equals(Tc3Signer.date(ts))) {
            throw new TencentError("AuthFailure.SignatureFailure", "The credential scope date " + date + " is not the UTC date of X-TC-Timestamp.");
        }
        String[] names = signedHeaders.split(";");
        Map<String, String> values = new LinkedHashMap<>();
        boolean hasHost = false;
        boolean hasContentType = false;
        for (String n : names) {
            String v = header.apply(n);
            if (v == null) throw new TencentError("AuthFailure.SignatureFailure", "Signed header " + n + " is not in the request.");
            values.put(n, v);
            hasHost |= n.equals("host");
            hasContentType |= n.equals("content-type");
        }
        if (!hasHost || !hasContentType) {
            throw new TencentError("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.");
        }
        String contentHash = header.apply("X-TC-Content-SHA256");
        String payloadHash = "UNSIGNED-PAYLOAD".equals(contentHash) ? contentHash : Tc3Signer.sha256Hex(body);
        if (matches(account, method, rawQuery, values, payloadHash, ts, date, service, signature)) return new Caller(account, service);
        String productHost = service + ".tencentcloudapi.com";
        if (!productHost.equals(values.get("host"))) {
            values.put("host", productHost);
            if (matches(account, method, rawQuery, values, payloadHash, ts, date, service, signature)) return new Caller(account, service);
        }
        throw new TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.");
    }

    private static boolean matches(Account account, String method, String query, Map<String, String> headers, String payloadHash,
                                   long ts, String date, String service, String signature) {
        String canonical = Tc3Signer.canonicalRequest(method, query == null ? "" : query, headers, payloadHash);
        String expected = Tc3Signer.signature(account.secret(), date, service, Tc3Signer.stringToSign(ts, date, service, canonical));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }
}
