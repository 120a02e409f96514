package io.packwatch.simulators.baidu;

import io.packwatch.simulators.scenario.Account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies bce-auth-v1. An empty signedHeaders means the default set: host, content-length, content-type,
 * content-md5 and every x-bce-* header present (the Java SDK signs this way, vendor-spec 8.5).
 */
public final class BceVerifier {
    private final Function<String, Account> accountsByAk;
    private final Clock clock;

    public BceVerifier(Function<String, Account> accountsByAk, Clock clock) {
        this.accountsByAk = accountsByAk;
        this.clock = clock;
    }

    /**
     * @param headers every request header, lower-case name → first value
     * @param query   decoded query parameters
     */
    public Account verify(String method, String path, Map<String, String> query, Map<String, String> headers) {
        String auth = headers.get("authorization");
        if (auth == null || auth.isBlank()) throw BaiduError.auth(400, "InvalidHTTPAuthHeader", "The Authorization header is missing.");
        String[] parts = auth.trim().split("/", -1);
        if (parts.length != 6 || !parts[0].equals("bce-auth-v1")) {
            throw BaiduError.auth(400, "InvalidHTTPAuthHeader", "The Authorization header is not a bce-auth-v1 authorization string.");
        }
        String ak = parts[1];
        Instant ts;
        int expiration;
        try {
            ts = Instant.parse(parts[2]);
            expiration = Integer.parseInt(parts[3]);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw BaiduError.auth(400, "InvalidHTTPAuthHeader", "The Authorization header has a bad timestamp or expiration.");
        }
        Account account = accountsByAk.apply(ak);
        if (account == null || account.vendor() != Account.Vendor.BAIDU) {
            throw BaiduError.auth(403, "InvalidAccessKeyId", "The access key id does not exist.");
        }
        Instant now = clock.instant();
        if (now.isAfter(ts.plusSeconds(expiration))) {
            throw BaiduError.auth(400, "RequestExpired", "Request has expired. Timestamp date is " + parts[2] + ".");
        }
        Map<String, String> signed = new LinkedHashMap<>();
        if (parts[4].isEmpty()) {
            headers.forEach((k, v) -> {
                if (k.equals("host") || k.equals("content-length") || k.equals("content-type") || k.equals("content-md5") || k.startsWith("x-bce-")) {
                    signed.put(k, v);
                }
            });
        } else {
            for (String name : parts[4].split(";")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                String v = headers.get(n);
                if (v == null) throw BaiduError.auth(400, "SignatureDoesNotMatch", "The signed header " + n + " is not in the request.");
                signed.put(n, v);
            }
        }
        String prefix = String.join("/", parts[0], parts[1], parts[2], parts[3]);
        String expected = BceSigner.signature(BceSigner.signingKey(account.secret(), prefix), BceSigner.canonicalRequest(method, path, query, signed));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[5].getBytes(StandardCharsets.US_ASCII))) {
            throw BaiduError.auth(400, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }
        return account;
    }
}
