package io.packwatch.collectors.config;

/** Resolved credentials of one account: Tencent SecretId/SecretKey(/token) or Baidu AK/SK. */
public record AccountCredentials(Secret id, Secret key, Secret token) {
    @Override
    public String toString() {
        return "AccountCredentials[****]";
    }
}
