package io.packwatch.collectors.tencent;

import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.common.profile.Language;
import io.packwatch.core.VendorApi;
import io.packwatch.collectors.config.AccountCredentials;
import io.packwatch.collectors.config.CollectorConfig;

/** Builds the official SDK's CommonClient for one account and region (vendor-spec 8.2, 8.3). */
public final class TencentClientFactory {
    private TencentClientFactory() { }

    public static CommonClient create(CollectorConfig config, AccountCredentials credentials, String region) {
        VendorApi api = config.api();
        HttpProfile http = new HttpProfile();
        // The SDK builds its okhttp client in the constructor and its read/write timeouts default to "none",
        // so the profile must be complete before the client exists.
        http.setConnTimeout((int) config.connectTimeout().toSeconds());
        http.setReadTimeout((int) config.readTimeout().toSeconds());
        http.setWriteTimeout((int) config.readTimeout().toSeconds());
        String override = config.endpointOverride();
        if (override != null) {
            boolean plain = override.startsWith("http://");
            http.setProtocol(plain ? HttpProfile.REQ_HTTP : HttpProfile.REQ_HTTPS);
            http.setEndpoint(override.replaceFirst("^https?://", ""));
        } else if (config.site() == CollectorConfig.Site.INTL) {
            http.setEndpoint(api.productName() + ".intl.tencentcloudapi.com");
        }
        ClientProfile profile = new ClientProfile(ClientProfile.SIGN_TC3_256, http);
        profile.setLanguage(Language.EN_US);
        Credential credential = credentials.token() == null
                ? new Credential(credentials.id().reveal(), credentials.key().reveal())
                : new Credential(credentials.id().reveal(), credentials.key().reveal(), credentials.token().reveal());
        // VPC and Lighthouse always carry X-TC-Region (vendor-spec 2, 3); Live gets "" because call() NPEs on null.
        return new CommonClient(api.productName(), api.apiVersion(), credential, api.regional() ? region : "", profile);
    }
}
